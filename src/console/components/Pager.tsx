import { Button } from '@fluentui/react-components';
import { ChevronLeftRegular, ChevronRightRegular } from '@fluentui/react-icons';
import { useCallback, useState } from 'react';
import { usePagerStyles } from './Pager.styles';

/** Keyset paging: the cursors of the pages behind, so Previous goes back without offsets. */
export function useCursorPages() {
  const [stack, setStack] = useState<string[]>([]);
  const cursor = stack[stack.length - 1];
  const next = useCallback((nextCursor: string) => setStack((s) => [...s, nextCursor]), []);
  const previous = useCallback(() => setStack((s) => s.slice(0, -1)), []);
  const reset = useCallback(() => setStack([]), []);
  return { cursor, page: stack.length + 1, next, previous, reset };
}

export function Pager({
  label,
  page,
  nextCursor,
  onNext,
  onPrevious,
}: {
  label: string;
  page: number;
  nextCursor: string | null | undefined;
  onNext(cursor: string): void;
  onPrevious(): void;
}) {
  const styles = usePagerStyles();
  if (page === 1 && !nextCursor) return null;
  return (
    <nav className={styles.root} aria-label={`${label} pages`}>
      <Button icon={<ChevronLeftRegular />} disabled={page === 1} onClick={onPrevious}>
        Previous page
      </Button>
      <Button
        icon={<ChevronRightRegular />}
        iconPosition="after"
        disabled={!nextCursor}
        onClick={() => nextCursor && onNext(nextCursor)}
      >
        Next page
      </Button>
    </nav>
  );
}
