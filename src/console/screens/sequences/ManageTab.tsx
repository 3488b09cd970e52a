import { Field, SearchBox, TableCell, TableHeaderCell, TableRow } from '@fluentui/react-components';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useDeferredValue, useState } from 'react';
import { useEndpoints } from '../../app/services';
import { PagedTable } from '../../components/PagedTable';
import { useCursorPages } from '../../components/Pager';
import { RouterLink } from '../../components/RouterLink';
import { formatCount, formatRate } from '../../format';
import { useSequencesStyles } from './SequencesHome.styles';

/** C2 Manage: the sequences with their figures (one API call per page), searchable by name. */
export function ManageTab() {
  const styles = useSequencesStyles();
  const api = useEndpoints();
  const [search, setSearch] = useState('');
  const q = useDeferredValue(search.trim());
  const pages = useCursorPages();
  const query = useQuery({
    queryKey: ['sequence-overview', q, pages.cursor],
    queryFn: () => api.sequenceOverview({ q: q || undefined, cursor: pages.cursor, limit: 25 }),
    placeholderData: keepPreviousData,
  });
  return (
    <div className={styles.panel}>
      <div className={styles.toolbar}>
        <Field label="Search sequences" className={styles.search}>
          <SearchBox
            value={search}
            onChange={(_, data) => {
              setSearch(data.value);
              pages.reset();
            }}
            placeholder="Name"
          />
        </Field>
      </div>
      <PagedTable
        label="Sequences"
        query={query}
        pages={pages}
        loadingLabel="Loading sequences"
        errorTitle="The sequences could not be loaded"
        empty={{
          title: q ? `No sequence matches “${q}”` : 'No sequences yet',
          text: q
            ? 'Try another part of the name, or clear the search.'
            : 'Create a sequence (POST /api/v1/sequences) and it shows here with its figures.',
        }}
        header={
          <>
            <TableHeaderCell>Name</TableHeaderCell>
            <TableHeaderCell>Owner</TableHeaderCell>
            <TableHeaderCell className={styles.number}>Steps</TableHeaderCell>
            <TableHeaderCell className={styles.number}>Active</TableHeaderCell>
            <TableHeaderCell className={styles.number}>Unenrolled</TableHeaderCell>
            <TableHeaderCell className={styles.number}>Reply rate</TableHeaderCell>
          </>
        }
        row={(sequence) => (
          <TableRow key={sequence.id}>
            <TableCell>
              <RouterLink to={`/sequences/${sequence.id}`}>{sequence.name}</RouterLink>
            </TableCell>
            <TableCell>{sequence.owner?.name ?? '—'}</TableCell>
            <TableCell className={styles.number}>{sequence.steps}</TableCell>
            <TableCell className={styles.number}>{formatCount(sequence.active)}</TableCell>
            <TableCell className={styles.number}>{formatCount(sequence.unenrolled)}</TableCell>
            <TableCell className={styles.number}>{formatRate(sequence.replyRate)}</TableCell>
          </TableRow>
        )}
      />
    </div>
  );
}
