import { Skeleton, SkeletonItem } from '@fluentui/react-components';
import { useScreenSkeletonStyles } from './ScreenSkeleton.styles';

/** While a screen's code or first data loads: the shape of what is coming. */
export function ScreenSkeleton({ rows = 6, label = 'Loading' }: { rows?: number; label?: string }) {
  const styles = useScreenSkeletonStyles();
  return (
    <Skeleton className={styles.root} aria-label={label} role="status">
      <SkeletonItem className={styles.title} size={28} />
      {Array.from({ length: rows }, (_, index) => (
        <SkeletonItem key={index} size={20} />
      ))}
    </Skeleton>
  );
}

/** Skeleton rows inside a table area. */
export function RowsSkeleton({ rows = 5, label = 'Loading' }: { rows?: number; label?: string }) {
  return (
    <Skeleton aria-label={label} role="status">
      {Array.from({ length: rows }, (_, index) => (
        <SkeletonItem key={index} size={24} style={{ marginBottom: 8 }} />
      ))}
    </Skeleton>
  );
}
