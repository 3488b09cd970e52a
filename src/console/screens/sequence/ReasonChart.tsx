import { formatCount, reasonLabel } from '../../format';
import { useReasonChartStyles } from './ReasonChart.styles';

const ROW = 26;
const LABEL_WIDTH = 190;
const WIDTH = 480;

/**
 * Unenrollments by reason as horizontal bars (SVG), most frequent first; its text equivalent
 * is the figure's accessible name, and the labels are real text.
 */
export function ReasonChart({ byReason }: { byReason: Record<string, number> }) {
  const styles = useReasonChartStyles();
  const rows = Object.entries(byReason)
    .filter(([, n]) => n > 0)
    .sort((a, b) => b[1] - a[1]);
  if (rows.length === 0) return <p className={styles.empty}>No contact has been unenrolled yet.</p>;
  const max = Math.max(...rows.map(([, n]) => n));
  const summary = `Unenrollments by reason: ${rows.map(([reason, n]) => `${reasonLabel(reason)} ${formatCount(n)}`).join(', ')}`;
  return (
    <svg className={styles.svg} viewBox={`0 0 ${WIDTH} ${rows.length * ROW}`} role="img" aria-label={summary}>
      {rows.map(([reason, n], index) => {
        const width = Math.max(2, ((WIDTH - LABEL_WIDTH - 60) * n) / max);
        const y = index * ROW;
        return (
          <g key={reason}>
            <text className={styles.label} x={0} y={y + 17}>
              {reasonLabel(reason)}
            </text>
            <rect className={styles.bar} x={LABEL_WIDTH} y={y + 5} width={width} height={16} rx={3} />
            <text className={styles.value} x={LABEL_WIDTH + width + 6} y={y + 17}>
              {formatCount(n)}
            </text>
          </g>
        );
      })}
    </svg>
  );
}
