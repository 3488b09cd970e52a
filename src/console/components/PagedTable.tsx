import { Table, TableBody, TableHeader, TableRow } from '@fluentui/react-components';
import type { UseQueryResult } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import type { PageOf } from '../api/endpoints';
import { RowsSkeleton } from '../app/ScreenSkeleton';
import { EmptyState } from './EmptyState';
import { ErrorBar } from './ErrorBar';
import { Pager } from './Pager';
import { usePagedTableStyles } from './PagedTable.styles';

export interface PagedTableProps<T> {
  /** The table's accessible name (its pager is “<label> pages”). */
  label: string;
  /** One page of the list, with the cursor of the next. */
  query: UseQueryResult<PageOf<T>>;
  pages: { page: number; next(cursor: string): void; previous(): void };
  /** Names the skeleton while the first page loads (“Loading …”). */
  loadingLabel: string;
  errorTitle: string;
  /** What an empty list says, and what to do about it. */
  empty: { title: string; text: ReactNode };
  /** The header row's cells. */
  header: ReactNode;
  /** One `<TableRow>` per item. */
  row(item: T): ReactNode;
}

/**
 * A console list as a person expects it: a skeleton while loading, an error with **Retry**, an
 * empty state that says what to do, then the page of rows and Previous / Next page.
 */
export function PagedTable<T>(props: PagedTableProps<T>) {
  const styles = usePagedTableStyles();
  const { query, pages } = props;
  return (
    <>
      {query.isError ? (
        <ErrorBar title={props.errorTitle} error={query.error} onRetry={() => void query.refetch()} />
      ) : query.isPending ? (
        <RowsSkeleton label={props.loadingLabel} />
      ) : query.data.items.length === 0 ? (
        <EmptyState title={props.empty.title}>{props.empty.text}</EmptyState>
      ) : (
        <div className={styles.box}>
          <Table aria-label={props.label}>
            <TableHeader>
              <TableRow>{props.header}</TableRow>
            </TableHeader>
            <TableBody>{query.data.items.map(props.row)}</TableBody>
          </Table>
        </div>
      )}
      <Pager
        label={props.label}
        page={pages.page}
        nextCursor={query.data?.nextCursor}
        onNext={pages.next}
        onPrevious={pages.previous}
      />
    </>
  );
}
