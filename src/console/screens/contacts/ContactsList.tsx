import { Badge, Field, SearchBox, TableCell, TableHeaderCell, TableRow } from '@fluentui/react-components';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useDeferredValue, useState } from 'react';
import { Page } from '../../app/Page';
import { useEndpoints } from '../../app/services';
import { PagedTable } from '../../components/PagedTable';
import { useCursorPages } from '../../components/Pager';
import { RouterLink } from '../../components/RouterLink';
import { stepOf } from '../../format';
import { useContactsStyles } from './Contacts.styles';

const nameOf = (c: { firstName: string; lastName: string; email: string }) =>
  `${c.firstName} ${c.lastName}`.trim() || c.email;

/** C4: contacts, searchable by name or email, each with its current sequence (one call per page). */
export default function ContactsList() {
  const styles = useContactsStyles();
  const api = useEndpoints();
  const [search, setSearch] = useState('');
  const q = useDeferredValue(search.trim());
  const pages = useCursorPages();
  const query = useQuery({
    queryKey: ['contacts', q, pages.cursor],
    queryFn: () => api.contacts({ q: q || undefined, cursor: pages.cursor, limit: 25 }),
    placeholderData: keepPreviousData,
  });
  return (
    <Page title="Contacts">
      <div className={styles.panel}>
        <Field label="Search contacts" className={styles.search}>
          <SearchBox
            value={search}
            placeholder="Name or email"
            onChange={(_, data) => {
              setSearch(data.value);
              pages.reset();
            }}
          />
        </Field>
        <PagedTable
          label="Contacts"
          query={query}
          pages={pages}
          loadingLabel="Loading contacts"
          errorTitle="The contacts could not be loaded"
          empty={{
            title: q ? `No contact matches “${q}”` : 'No contacts yet',
            text: q
              ? 'Search by another part of the name or address.'
              : 'Add contacts (POST /api/v1/contacts) to enroll them.',
          }}
          header={
            <>
              <TableHeaderCell>Name</TableHeaderCell>
              <TableHeaderCell>Email</TableHeaderCell>
              <TableHeaderCell>Company</TableHeaderCell>
              <TableHeaderCell>Current sequence</TableHeaderCell>
            </>
          }
          row={(contact) => (
            <TableRow key={contact.id}>
              <TableCell>
                <RouterLink to={`/contacts/${contact.id}`}>{nameOf(contact)}</RouterLink>
              </TableCell>
              <TableCell>{contact.email}</TableCell>
              <TableCell>{contact.company?.name ?? '—'}</TableCell>
              <TableCell>
                {contact.currentEnrollment ? (
                  <>
                    {contact.currentEnrollment.sequenceName} · {stepOf(contact.currentEnrollment)}{' '}
                    {contact.currentEnrollment.status === 'paused' && (
                      <Badge appearance="tint" color="warning">
                        Paused
                      </Badge>
                    )}
                  </>
                ) : (
                  '—'
                )}
              </TableCell>
            </TableRow>
          )}
        />
      </div>
    </Page>
  );
}
