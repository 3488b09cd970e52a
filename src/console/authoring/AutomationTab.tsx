import {
  Button,
  Combobox,
  Field,
  Input,
  MessageBar,
  MessageBarBody,
  Option,
  Select,
} from '@fluentui/react-components';
import { AddRegular, DeleteRegular, EditRegular } from '@fluentui/react-icons';
import { useEffect, useRef, useState, type FormEvent } from 'react';
import { TriggerOperator, TriggerType } from '../../shared/enums';
import type {
  KnownProperties,
  KnownProperty,
  SequenceDetail,
  UnenrollmentTrigger,
} from '../../shared/schemas';
import { messageOf, type AuthoringApi } from './api';
import { useFormStyles } from './forms.styles';
import {
  OPERATOR_LABELS,
  describeTriggerAloud,
  propertyLabel,
  takesValue,
  triggerSentence,
} from './trigger-words';

export interface AutomationTabProps {
  api: AuthoringApi;
  sequence: SequenceDetail;
  onSaved(sequence: SequenceDetail): void;
}

interface Draft {
  type: TriggerType;
  property: string;
  operator: TriggerOperator;
  value: string;
}

const EMPTY: Draft = {
  type: TriggerType.contactProperty,
  property: '',
  operator: TriggerOperator.eq,
  value: '',
};

const TYPE_LABELS: Record<TriggerType, string> = {
  contact_property: 'A property of the contact',
  company_property: 'A property of the contact’s company',
  deal_created: 'A deal is created for the contact',
};

function draftOf(trigger: UnenrollmentTrigger): Draft {
  if (trigger.type === TriggerType.dealCreated) return { ...EMPTY, type: trigger.type };
  const value = Array.isArray(trigger.value)
    ? trigger.value.join(', ')
    : trigger.value === undefined
      ? ''
      : String(trigger.value);
  return { type: trigger.type, property: trigger.property, operator: trigger.operator, value };
}

function triggerOf(draft: Draft): UnenrollmentTrigger {
  if (draft.type === TriggerType.dealCreated) return { type: TriggerType.dealCreated };
  const base = { type: draft.type, property: draft.property.trim(), operator: draft.operator };
  if (!takesValue(draft.operator)) return base;
  if (draft.operator === TriggerOperator.in)
    return {
      ...base,
      value: draft.value
        .split(',')
        .map((item) => item.trim())
        .filter(Boolean),
    };
  return { ...base, value: draft.value.trim() };
}

/** What is missing from a draft, by field, before it goes to the server. */
function problemsOf(draft: Draft): Partial<Record<'property' | 'value', string>> {
  if (draft.type === TriggerType.dealCreated) return {};
  const problems: Partial<Record<'property' | 'value', string>> = {};
  if (!draft.property.trim()) problems.property = 'Choose or type a property';
  if (takesValue(draft.operator) && !draft.value.trim())
    problems.value =
      draft.operator === TriggerOperator.in ? 'Type one or more values, separated by commas' : 'Type a value';
  return problems;
}

/** A trigger as a sentence, its parts in bold: “Unenroll when the contact’s **Lifecycle stage** **is** **Customer**”. */
function Sentence({ trigger }: { trigger: UnenrollmentTrigger }) {
  if (trigger.type === TriggerType.dealCreated)
    return <span>Unenroll when a deal is created for the contact</span>;
  const parts = triggerSentence(trigger);
  return (
    <span>
      Unenroll when {parts.subject} <strong>{parts.property}</strong> <strong>{parts.operator}</strong>
      {parts.value && (
        <>
          {' '}
          <strong>{parts.value}</strong>
        </>
      )}
    </span>
  );
}

/**
 * The sequence's Automation tab: its unenrollment triggers (A10) as sentences a manager can
 * read aloud, added, edited and removed with pickers of the properties the account's records
 * have (or any typed), each change saved as the API's `unenrollmentTriggers`.
 */
export function AutomationTab({ api, sequence, onSaved }: AutomationTabProps) {
  const styles = useFormStyles();
  const [triggers, setTriggers] = useState(sequence.unenrollmentTriggers);
  const [known, setKnown] = useState<KnownProperties | null>(null);
  const [editing, setEditing] = useState<number | 'new' | null>(null);
  const [draft, setDraft] = useState<Draft>(EMPTY);
  const [problems, setProblems] = useState<Partial<Record<'property' | 'value', string>>>({});
  const [status, setStatus] = useState<{ intent: 'success' | 'error'; text: string } | null>(null);
  const [saving, setSaving] = useState(false);
  const statusRef = useRef<HTMLDivElement>(null);
  const addRef = useRef<HTMLButtonElement>(null);
  const typeRef = useRef<HTMLSelectElement>(null);

  useEffect(() => {
    // The pickers offer what the data has; without it a person still types any property.
    api.knownProperties().then(setKnown, () => setKnown({ contact: [], company: [] }));
  }, [api]);

  const properties: KnownProperty[] =
    draft.type === TriggerType.companyProperty ? (known?.company ?? []) : (known?.contact ?? []);
  const values = properties.find((property) => property.key === draft.property.trim())?.values ?? [];

  const persist = async (next: UnenrollmentTrigger[], done: string) => {
    setSaving(true);
    try {
      const saved = await api.patchSequence(sequence.id, { unenrollmentTriggers: next });
      setTriggers(saved.unenrollmentTriggers);
      onSaved(saved);
      setStatus({ intent: 'success', text: done });
      return true;
    } catch (error: unknown) {
      setStatus({ intent: 'error', text: `The triggers were not saved: ${messageOf(error)}` });
      return false;
    } finally {
      setSaving(false);
      requestAnimationFrame(() => statusRef.current?.focus());
    }
  };

  const startEdit = (index: number | 'new') => {
    setEditing(index);
    setDraft(index === 'new' ? EMPTY : draftOf(triggers[index]));
    setProblems({});
    setStatus(null);
    requestAnimationFrame(() => typeRef.current?.focus());
  };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const found = problemsOf(draft);
    setProblems(found);
    if (Object.keys(found).length > 0) return;
    const trigger = triggerOf(draft);
    const next =
      editing === 'new' || editing === null
        ? [...triggers, trigger]
        : triggers.map((t, i) => (i === editing ? trigger : t));
    if (await persist(next, `Saved: ${describeTriggerAloud(trigger)}.`)) setEditing(null);
  };

  const remove = async (index: number) => {
    const removed = triggers[index];
    await persist(
      triggers.filter((_trigger, i) => i !== index),
      `Removed: ${describeTriggerAloud(removed)}.`,
    );
  };

  return (
    <div className={styles.form}>
      {status && (
        <div ref={statusRef} tabIndex={-1}>
          <MessageBar intent={status.intent}>
            <MessageBarBody>{status.text}</MessageBarBody>
          </MessageBar>
        </div>
      )}
      <p className={styles.hint}>
        A trigger unenrolls a contact (reason “trigger”) when a change makes it true: a property set to the
        value, say, or a deal created. Values compare without regard to case.
      </p>
      {triggers.length === 0 ? (
        <p>
          No unenrollment triggers yet. Contacts stay enrolled until they reply, finish or are unenrolled by
          hand.
        </p>
      ) : (
        <ul className={styles.list} aria-label="Unenrollment triggers">
          {triggers.map((trigger, index) => (
            <li key={`${index}-${describeTriggerAloud(trigger)}`} className={styles.item}>
              <span className={styles.grow}>
                <Sentence trigger={trigger} />
              </span>
              <Button
                appearance="subtle"
                icon={<EditRegular />}
                aria-label={`Edit: ${describeTriggerAloud(trigger)}`}
                onClick={() => startEdit(index)}
                disabled={saving}
              />
              <Button
                appearance="subtle"
                icon={<DeleteRegular />}
                aria-label={`Remove: ${describeTriggerAloud(trigger)}`}
                onClick={() => void remove(index)}
                disabled={saving}
              />
            </li>
          ))}
        </ul>
      )}
      {editing === null ? (
        <div>
          <Button ref={addRef} icon={<AddRegular />} onClick={() => startEdit('new')}>
            Add trigger
          </Button>
        </div>
      ) : (
        <form
          className={styles.fieldset}
          onSubmit={submit}
          noValidate
          aria-label={editing === 'new' ? 'New trigger' : 'Edit trigger'}
        >
          <Field label="Unenroll when">
            <Select
              ref={typeRef}
              value={draft.type}
              onChange={(_event, data) =>
                setDraft({ ...draft, type: data.value as TriggerType, property: '', value: '' })
              }
            >
              {Object.values(TriggerType).map((type) => (
                <option key={type} value={type}>
                  {TYPE_LABELS[type]}
                </option>
              ))}
            </Select>
          </Field>
          {draft.type !== TriggerType.dealCreated && (
            <div className={styles.row}>
              <Field
                label="Property"
                required
                validationState={problems.property ? 'error' : 'none'}
                validationMessage={problems.property}
              >
                <Combobox
                  freeform
                  placeholder="Choose or type a property"
                  value={draft.property}
                  selectedOptions={draft.property ? [draft.property] : []}
                  onChange={(event) => setDraft({ ...draft, property: event.target.value })}
                  onOptionSelect={(_event, data) =>
                    data.optionValue && setDraft({ ...draft, property: data.optionValue, value: '' })
                  }
                >
                  {properties.map((property) => (
                    <Option key={property.key} value={property.key} text={property.key}>
                      {`${propertyLabel(property.key)} (${property.key})`}
                    </Option>
                  ))}
                </Combobox>
              </Field>
              <Field label="Operator">
                <Select
                  value={draft.operator}
                  onChange={(_event, data) => setDraft({ ...draft, operator: data.value as TriggerOperator })}
                >
                  {Object.values(TriggerOperator).map((operator) => (
                    <option key={operator} value={operator}>
                      {OPERATOR_LABELS[operator]}
                    </option>
                  ))}
                </Select>
              </Field>
              {takesValue(draft.operator) &&
                (draft.operator === TriggerOperator.in ? (
                  <Field
                    label="Values"
                    required
                    hint={
                      values.length
                        ? `Separate with commas. Seen: ${values.map((v) => v.value).join(', ')}`
                        : 'Separate with commas'
                    }
                    validationState={problems.value ? 'error' : 'none'}
                    validationMessage={problems.value}
                  >
                    <Input
                      value={draft.value}
                      onChange={(_event, data) => setDraft({ ...draft, value: data.value })}
                    />
                  </Field>
                ) : (
                  <Field
                    label="Value"
                    required
                    validationState={problems.value ? 'error' : 'none'}
                    validationMessage={problems.value}
                  >
                    <Combobox
                      freeform
                      placeholder="Choose or type a value"
                      value={draft.value}
                      selectedOptions={draft.value ? [draft.value] : []}
                      onChange={(event) => setDraft({ ...draft, value: event.target.value })}
                      onOptionSelect={(_event, data) =>
                        data.optionValue && setDraft({ ...draft, value: data.optionValue })
                      }
                    >
                      {values.map((value) => (
                        <Option key={value.value} value={value.value}>
                          {value.value}
                        </Option>
                      ))}
                    </Combobox>
                  </Field>
                ))}
            </div>
          )}
          <p className={styles.hint} aria-live="polite">
            {(draft.type === TriggerType.dealCreated || draft.property.trim()) &&
              describeTriggerAloud(triggerOf(draft))}
          </p>
          <div className={styles.row}>
            <Button type="submit" appearance="primary" disabled={saving}>
              {editing === 'new' ? 'Add trigger' : 'Save trigger'}
            </Button>
            <Button
              type="button"
              onClick={() => {
                setEditing(null);
                requestAnimationFrame(() => addRef.current?.focus());
              }}
            >
              Cancel
            </Button>
          </div>
        </form>
      )}
    </div>
  );
}
