import {
  Button,
  Dialog,
  DialogActions,
  DialogBody,
  DialogContent,
  DialogSurface,
  DialogTitle,
  Field,
  Input,
  MessageBar,
  MessageBarBody,
  MessageBarTitle,
} from '@fluentui/react-components';
import { MailAddRegular, TaskListAddRegular } from '@fluentui/react-icons';
import { useMemo, useRef, useState, type FormEvent } from 'react';
import { StepType } from '../../shared/enums';
import type { SequenceDetail } from '../../shared/schemas';
import { messageOf, type AuthoringApi } from './api';
import {
  draftFromStep,
  fieldErrorsFromServer,
  newDraft,
  previewFromDraft,
  requiredProblems,
  stepFromDraft,
  type DraftStep,
  type TextField,
} from './draft';
import { StepCard, type StepCardHandle } from './StepCard';
import { StepPreviewPane } from './StepPreviewPane';
import { useSequenceEditorStyles } from './SequenceEditor.styles';

export interface SequenceEditorProps {
  api: AuthoringApi;
  /** The sequence to edit; a new one when absent. */
  sequence?: SequenceDetail;
  onSaved(sequence: SequenceDetail): void;
  onCancel?(): void;
}

function errorsOf(all: Record<string, string>, index: number): Partial<Record<TextField, string>> {
  const mine: Partial<Record<TextField, string>> = {};
  for (const field of ['subject', 'body', 'title'] as const) {
    const message = all[`${index}.${field}`];
    if (message) mine[field] = message;
  }
  return mine;
}

/**
 * New sequence and Edit: the name and the steps — add, reorder (buttons, or Alt+↑/↓), remove
 * email and task steps, their delays and texts with merge fields — beside a live preview
 * rendered by the server. Saving a sequence with contacts enrolled asks first.
 */
export function SequenceEditor({ api, sequence, onSaved, onCancel }: SequenceEditorProps) {
  const styles = useSequenceEditorStyles();
  const [name, setName] = useState(sequence?.name ?? '');
  const [drafts, setDrafts] = useState<DraftStep[]>(() =>
    sequence ? sequence.steps.map(draftFromStep) : [newDraft(StepType.email, true)],
  );
  const [previewIndex, setPreviewIndex] = useState(0);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [failure, setFailure] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  const [confirming, setConfirming] = useState(false);
  const [announcement, setAnnouncement] = useState('');
  const cards = useRef(new Map<string, StepCardHandle | null>());
  const addEmailRef = useRef<HTMLButtonElement>(null);
  const saveRef = useRef<HTMLButtonElement>(null);
  const failureRef = useRef<HTMLDivElement>(null);
  const enrolled = sequence ? sequence.performance.active + sequence.performance.paused : 0;
  const previewSteps = useMemo(() => drafts.map(previewFromDraft), [drafts]);
  const shownIndex = Math.min(previewIndex, drafts.length - 1);

  const change = (index: number, patch: Partial<DraftStep>) => {
    setDrafts((current) => current.map((draft, i) => (i === index ? { ...draft, ...patch } : draft)));
    // A fix clears the message about that field; the server's last word comes at the next save.
    setErrors((current) => {
      const next = { ...current };
      for (const field of Object.keys(patch)) delete next[`${index}.${field}`];
      return next;
    });
  };

  const move = (index: number, offset: -1 | 1) => {
    const target = index + offset;
    if (target < 0 || target >= drafts.length) return;
    const moved = drafts[index];
    const next = [...drafts];
    next.splice(index, 1);
    next.splice(target, 0, moved);
    setDrafts(next);
    setErrors({});
    if (previewIndex === index) setPreviewIndex(target);
    setAnnouncement(`Step ${index + 1} moved to position ${target + 1} of ${drafts.length}`);
    // Focus stays on the control that moved it, now at the step's new place.
    requestAnimationFrame(() => cards.current.get(moved.key)?.focusMove(offset));
  };

  const remove = (index: number) => {
    const next = drafts.filter((_draft, i) => i !== index);
    setDrafts(next);
    setErrors({});
    setPreviewIndex((current) =>
      Math.max(0, Math.min(current > index ? current - 1 : current, next.length - 1)),
    );
    setAnnouncement(`Step ${index + 1} removed`);
    const neighbour = next[Math.min(index, next.length - 1)];
    requestAnimationFrame(() =>
      neighbour ? cards.current.get(neighbour.key)?.focusHeading() : addEmailRef.current?.focus(),
    );
  };

  const add = (type: StepType) => {
    const draft = newDraft(type, drafts.length === 0);
    setDrafts([...drafts, draft]);
    setPreviewIndex(drafts.length);
    setAnnouncement(`Step ${drafts.length + 1} added`);
    requestAnimationFrame(() => cards.current.get(draft.key)?.focusHeading());
  };

  const save = async () => {
    setConfirming(false);
    setSaving(true);
    setFailure(null);
    try {
      const body = { name: name.trim(), steps: drafts.map(stepFromDraft) };
      const saved = sequence ? await api.patchSequence(sequence.id, body) : await api.createSequence(body);
      onSaved(saved);
    } catch (error: unknown) {
      const message = messageOf(error);
      setErrors(fieldErrorsFromServer(message));
      setFailure(message);
      requestAnimationFrame(() => failureRef.current?.focus());
    } finally {
      setSaving(false);
    }
  };

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const problems = requiredProblems(name, drafts);
    if (drafts.length === 0) problems.steps = 'Add at least one step';
    if (Object.keys(problems).length > 0) {
      setErrors(problems);
      setFailure(
        `Fix ${Object.keys(problems).length === 1 ? 'this' : 'these'} before saving: ${Object.values(problems).join('; ')}`,
      );
      requestAnimationFrame(() => failureRef.current?.focus());
      return;
    }
    if (enrolled > 0) setConfirming(true);
    else void save();
  };

  return (
    <form
      className={styles.form}
      onSubmit={submit}
      noValidate
      aria-label={sequence ? `Edit ${sequence.name}` : 'New sequence'}
    >
      {failure && (
        <div ref={failureRef} tabIndex={-1}>
          <MessageBar intent="error">
            <MessageBarBody>
              <MessageBarTitle>The sequence was not saved</MessageBarTitle>
              {failure}
            </MessageBarBody>
          </MessageBar>
        </div>
      )}
      <Field
        className={styles.name}
        label="Sequence name"
        required
        validationState={errors.name ? 'error' : 'none'}
        validationMessage={errors.name}
      >
        <Input value={name} onChange={(_event, data) => setName(data.value)} />
      </Field>
      <div className={styles.columns}>
        <div className={styles.steps}>
          <h2 style={{ margin: 0 }}>Steps</h2>
          {drafts.length === 0 && (
            <MessageBar intent="warning">
              <MessageBarBody>A sequence needs at least one step: add an email or a task.</MessageBarBody>
            </MessageBar>
          )}
          {drafts.map((draft, index) => (
            <StepCard
              key={draft.key}
              ref={(handle) => {
                cards.current.set(draft.key, handle);
              }}
              draft={draft}
              index={index}
              count={drafts.length}
              errors={errorsOf(errors, index)}
              previewing={index === shownIndex}
              onChange={(patch) => change(index, patch)}
              onMove={(offset) => move(index, offset)}
              onRemove={() => remove(index)}
              onPreview={() => setPreviewIndex(index)}
            />
          ))}
          <div className={styles.row}>
            <Button ref={addEmailRef} icon={<MailAddRegular />} onClick={() => add(StepType.email)}>
              Add email step
            </Button>
            <Button icon={<TaskListAddRegular />} onClick={() => add(StepType.task)}>
              Add task step
            </Button>
          </div>
        </div>
        <div className={styles.preview}>
          {drafts.length > 0 && <StepPreviewPane api={api} steps={previewSteps} index={shownIndex} />}
        </div>
      </div>
      <div className={styles.row}>
        <Button ref={saveRef} type="submit" appearance="primary" disabled={saving}>
          {saving ? 'Saving…' : 'Save sequence'}
        </Button>
        {onCancel && (
          <Button type="button" onClick={onCancel} disabled={saving}>
            Cancel
          </Button>
        )}
      </div>
      <div
        role="status"
        aria-live="polite"
        style={{ position: 'absolute', width: 1, height: 1, overflow: 'hidden', clip: 'rect(0 0 0 0)' }}
      >
        {announcement}
      </div>
      <Dialog
        modalType="alert"
        open={confirming}
        onOpenChange={(_event, data) => {
          if (!data.open) {
            setConfirming(false);
            saveRef.current?.focus();
          }
        }}
      >
        <DialogSurface>
          <DialogBody>
            <DialogTitle>
              Save changes to a sequence with {enrolled} {enrolled === 1 ? 'contact' : 'contacts'} enrolled?
            </DialogTitle>
            <DialogContent>
              <p>Steps already sent stay as they were: nothing is sent again or taken back.</p>
              <p>
                Each enrolled contact’s next step follows the new definition, by its position: a contact who
                has had step 2 gets the new step 3 next, at the time already scheduled for it. A contact whose
                next step no longer exists finishes the sequence.
              </p>
            </DialogContent>
            <DialogActions>
              <Button appearance="primary" onClick={() => void save()}>
                Save changes
              </Button>
              <Button
                onClick={() => {
                  setConfirming(false);
                  saveRef.current?.focus();
                }}
              >
                Cancel
              </Button>
            </DialogActions>
          </DialogBody>
        </DialogSurface>
      </Dialog>
    </form>
  );
}
