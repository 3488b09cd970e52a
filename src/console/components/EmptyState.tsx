import type { ReactNode } from 'react';
import { useEmptyStateStyles } from './EmptyState.styles';

/** An empty table that says what to do next. */
export function EmptyState({ title, children }: { title: string; children?: ReactNode }) {
  const styles = useEmptyStateStyles();
  return (
    <div className={styles.root}>
      <span className={styles.title}>{title}</span>
      {children}
    </div>
  );
}
