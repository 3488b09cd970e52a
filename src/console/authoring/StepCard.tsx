import {
  Button,
  Field,
  Input,
  Select,
  Textarea,
  mergeClasses,
  type InputOnChangeData,
} from '@fluentui/react-components';
import { ArrowDownRegular, ArrowUpRegular, DeleteRegular, EyeRegular } from '@fluentui/react-icons';
import { forwardRef, useImperativeHandle, useRef, type KeyboardEvent } from 'react';
import { StepType, type MergeField } from '../../shared/enums';
import { DELAY_UNIT_LABELS, DelayUnit, describeDelay, type Delay } from './delay';
import { unknownFieldMessage, type DraftStep, type TextField } from './draft';
import { MergeFieldMenu } from './MergeFieldMenu';
import { useStepCardStyles } from './StepCard.styles';

export interface StepCardProps {
  draft: DraftStep;
  index: number;
  count: number;
  /** Messages by field (`subject`, `body`, `title`): required fields and the server's refusals. */
  errors: Partial<Record<TextField, string>>;
  previewing: boolean;
  onChange(patch: Partial<DraftStep>): void;
  onMove(offset: -1 | 1): void;
  onRemove(): void;
  onPreview(): void;
}

export interface StepCardHandle {
  focusHeading(): void;
  focusMove(offset: -1 | 1): void;
}

const TYPE_LABEL: Record<StepType, string> = { email: 'Email', task: 'Task' };
const FIELD_LABEL: Record<TextField, string> = { subject: 'Subject', body: 'Body', title: 'Task title' };

/** One step of the editor: its delay, its text with merge fields, and its place in the order. */
export const StepCard = forwardRef<StepCardHandle, StepCardProps>(function StepCard(
  { draft, index, count, errors, previewing, onChange, onMove, onRemove, onPreview },
  ref,
) {
  const styles = useStepCardStyles();
  const number = index + 1;
  const headingRef = useRef<HTMLHeadingElement>(null);
  const upRef = useRef<HTMLButtonElement>(null);
  const downRef = useRef<HTMLButtonElement>(null);
  const fields = useRef<Partial<Record<TextField, HTMLInputElement | HTMLTextAreaElement | null>>>({});
  useImperativeHandle(ref, () => ({
    focusHeading: () => headingRef.current?.focus(),
    focusMove: (offset) => {
      const target = offset < 0 ? upRef.current : downRef.current;
      // At an end the other button is the one left enabled.
      (target && !target.disabled ? target : (offset < 0 ? downRef : upRef).current)?.focus();
    },
  }));

  const setDelay = (patch: Partial<Delay>) => onChange({ delay: { ...draft.delay, ...patch } });

  const insert = (field: TextField, merge: MergeField) => {
    const element = fields.current[field];
    const text = draft[field];
    const token = `{{${merge}}}`;
    const start = element?.selectionStart ?? text.length;
    const end = element?.selectionEnd ?? start;
    onChange({ [field]: text.slice(0, start) + token + text.slice(end) });
    // After React has written the new value: the caret just after the field.
    requestAnimationFrame(() => {
      element?.focus();
      element?.setSelectionRange(start + token.length, start + token.length);
    });
  };

  // Alt+↑ / Alt+↓ anywhere in the step moves it, as the Move buttons do.
  const onKeyDown = (event: KeyboardEvent) => {
    if (!event.altKey || (event.key !== 'ArrowUp' && event.key !== 'ArrowDown')) return;
    const offset = event.key === 'ArrowUp' ? -1 : 1;
    if ((offset < 0 && index === 0) || (offset > 0 && index === count - 1)) return;
    event.preventDefault();
    onMove(offset);
  };

  const textField = (field: TextField, multiline: boolean) => {
    const error = errors[field] ?? unknownFieldMessage(draft[field]);
    const label = `${FIELD_LABEL[field]} of step ${number}`;
    return (
      <div>
        <div className={styles.textLabel}>
          <span className={styles.hint}>
            Merge fields such as {'{{firstName}}'} are filled in for each contact
          </span>
          <MergeFieldMenu
            target={`${FIELD_LABEL[field].toLowerCase()} of step ${number}`}
            onInsert={(merge) => insert(field, merge)}
          />
        </div>
        <Field label={label} required validationState={error ? 'error' : 'none'} validationMessage={error}>
          {multiline ? (
            <Textarea
              ref={(element) => {
                fields.current[field] = element;
              }}
              resize="vertical"
              rows={6}
              value={draft[field]}
              onChange={(_event, data) => onChange({ [field]: data.value })}
            />
          ) : (
            <Input
              ref={(element) => {
                fields.current[field] = element;
              }}
              value={draft[field]}
              onChange={(_event, data: InputOnChangeData) => onChange({ [field]: data.value })}
            />
          )}
        </Field>
      </div>
    );
  };

  return (
    <section
      className={mergeClasses(styles.card, previewing && styles.previewing)}
      aria-labelledby={`${draft.key}-heading`}
      onKeyDown={onKeyDown}
    >
      <div className={styles.header}>
        <h3 id={`${draft.key}-heading`} ref={headingRef} tabIndex={-1} className={styles.heading}>
          Step {number}: {TYPE_LABEL[draft.type]}
        </h3>
        <Button
          appearance={previewing ? 'primary' : 'subtle'}
          icon={<EyeRegular />}
          aria-pressed={previewing}
          onClick={onPreview}
        >
          Preview step {number}
        </Button>
        <Button
          ref={upRef}
          appearance="subtle"
          icon={<ArrowUpRegular />}
          aria-label={`Move step ${number} up`}
          aria-keyshortcuts="Alt+ArrowUp"
          disabled={index === 0}
          onClick={() => onMove(-1)}
        />
        <Button
          ref={downRef}
          appearance="subtle"
          icon={<ArrowDownRegular />}
          aria-label={`Move step ${number} down`}
          aria-keyshortcuts="Alt+ArrowDown"
          disabled={index === count - 1}
          onClick={() => onMove(1)}
        />
        <Button
          appearance="subtle"
          icon={<DeleteRegular />}
          aria-label={`Remove step ${number}`}
          onClick={onRemove}
        />
      </div>
      <div className={styles.delay}>
        <Field label={`Delay of step ${number}`} className={styles.amount}>
          <Input
            type="number"
            min={0}
            value={String(draft.delay.amount)}
            onChange={(_event, data) => setDelay({ amount: Math.max(0, Number(data.value) || 0) })}
          />
        </Field>
        <Field label={`Delay unit of step ${number}`}>
          <Select
            value={draft.delay.unit}
            onChange={(_event, data) => setDelay({ unit: data.value as DelayUnit })}
          >
            {Object.values(DelayUnit).map((unit) => (
              <option key={unit} value={unit}>
                {DELAY_UNIT_LABELS[unit]}
              </option>
            ))}
          </Select>
        </Field>
        <span className={styles.hint}>{describeDelay(draft.delay, index === 0)}</span>
      </div>
      {draft.type === StepType.email ? (
        <>
          {textField('subject', false)}
          {textField('body', true)}
        </>
      ) : (
        <>
          {textField('title', false)}
          <Field label={`Notes for the task of step ${number}`} hint="For the rep; not sent to the contact">
            <Textarea value={draft.body} onChange={(_event, data) => onChange({ body: data.value })} />
          </Field>
        </>
      )}
    </section>
  );
});
