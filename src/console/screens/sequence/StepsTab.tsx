import { Badge } from '@fluentui/react-components';
import type { SequenceTabProps } from './tabs';
import { useSummaryStyles } from './SequenceSummary.styles';

function delayText(step: { delayMinutes?: number; delayBusinessDays?: number }, index: number): string {
  if (index === 0 && !step.delayMinutes && !step.delayBusinessDays) return 'At once';
  const parts: string[] = [];
  if (step.delayBusinessDays)
    parts.push(`${step.delayBusinessDays} business day${step.delayBusinessDays === 1 ? '' : 's'}`);
  const minutes = step.delayMinutes ?? 0;
  if (minutes >= 1440 && minutes % 1440 === 0)
    parts.push(`${minutes / 1440} day${minutes === 1440 ? '' : 's'}`);
  else if (minutes >= 60 && minutes % 60 === 0)
    parts.push(`${minutes / 60} hour${minutes === 60 ? '' : 's'}`);
  else if (minutes) parts.push(`${minutes} minute${minutes === 1 ? '' : 's'}`);
  return parts.length ? `After ${parts.join(' and ')}` : 'At once';
}

/** C3 Steps: the steps in order, read-only here. */
export function StepsTab({ sequence }: SequenceTabProps) {
  const styles = useSummaryStyles();
  return (
    <ol className={styles.steps} aria-label="Steps">
      {sequence.steps.map((step, index) => {
        const s = step as {
          type: string;
          delayMinutes?: number;
          delayBusinessDays?: number;
          subject?: string;
          body?: string;
          title?: string;
        };
        return (
          <li key={index} className={styles.step}>
            <span className={styles.stepTitle}>
              Step {index + 1}: {s.type === 'task' ? s.title : s.subject}{' '}
            </span>
            <Badge appearance="tint" color={s.type === 'task' ? 'warning' : 'brand'}>
              {s.type === 'task' ? 'Task' : 'Email'}
            </Badge>{' '}
            <Badge appearance="outline">{delayText(s, index)}</Badge>
            {s.body && <p className={styles.stepBody}>{s.body}</p>}
          </li>
        );
      })}
    </ol>
  );
}
