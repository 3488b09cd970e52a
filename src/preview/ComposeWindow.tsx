import { Field, Input, Switch, Textarea } from '@fluentui/react-components';
import { useState, type KeyboardEvent } from 'react';
import { FIELDS, type ComposeSimulation, type Field as RecipientField } from './compose-simulation';
import { useComposeWindowStyles } from './ComposeWindow.styles';

const LABEL: Record<RecipientField, string> = { to: 'To', cc: 'Cc', bcc: 'Bcc' };

export interface ComposeWindowProps {
  simulation: ComposeSimulation;
  /** The task pane page (the real taskpane.html, with the Office.js stand-in). */
  taskPaneUrl: string;
  onThemeChange(theme: 'light' | 'dark'): void;
}

/**
 * A simulated Outlook compose window: recipient fields a person can edit (comma-separated;
 * pressing Enter or leaving the field commits, which fires RecipientsChanged in the stand-in),
 * a subject and body, and the real task pane beside them at task-pane width.
 */
export function ComposeWindow({ simulation, taskPaneUrl, onThemeChange }: ComposeWindowProps) {
  const styles = useComposeWindowStyles();
  const [texts, setTexts] = useState(
    () =>
      Object.fromEntries(FIELDS.map((field) => [field, simulation.text(field)])) as Record<
        RecipientField,
        string
      >,
  );
  const [subject, setSubject] = useState(simulation.subject);
  const [body, setBody] = useState(simulation.body);

  const commit = (field: RecipientField) => simulation.setField(field, texts[field]);
  const commitOnEnter = (field: RecipientField) => (event: KeyboardEvent<HTMLInputElement>) => {
    if (event.key === 'Enter') commit(field);
  };

  return (
    <div className={styles.root}>
      <div className={styles.banner} role="note">
        Preview: a simulated Outlook compose window running the Sales Tools task pane as shipped (dev auth
        mode only).
      </div>
      <div className={styles.workspace}>
        <main className={styles.compose} aria-labelledby="compose-title">
          <h1 id="compose-title" className={styles.title}>
            New message
          </h1>
          <span className={styles.from}>
            From: {simulation.from.displayName} &lt;{simulation.from.emailAddress}&gt;
          </span>
          {FIELDS.map((field) => (
            <Field key={field} label={LABEL[field]}>
              <Input
                value={texts[field]}
                placeholder="name@example.com, Name <name@example.com>"
                onChange={(_event, data) => setTexts((current) => ({ ...current, [field]: data.value }))}
                onBlur={() => commit(field)}
                onKeyDown={commitOnEnter(field)}
              />
            </Field>
          ))}
          <span className={styles.hint}>
            Separate addresses with commas; press Enter or leave the field to apply.
          </span>
          <Field label="Subject">
            <Input
              value={subject}
              onChange={(_event, data) => {
                setSubject(data.value);
                simulation.subject = data.value;
              }}
            />
          </Field>
          <Field label="Body">
            <Textarea
              value={body}
              resize="vertical"
              rows={10}
              onChange={(_event, data) => {
                setBody(data.value);
                simulation.body = data.value;
              }}
            />
          </Field>
          <Switch
            label="Outlook dark theme"
            checked={simulation.theme === 'dark'}
            onChange={(_event, data) => onThemeChange(data.checked ? 'dark' : 'light')}
          />
        </main>
        <aside className={styles.pane} aria-label="Sales Tools task pane">
          <h2 className={styles.paneTitle}>Sales Tools</h2>
          <iframe className={styles.frame} title="Sales Tools" src={taskPaneUrl} />
        </aside>
      </div>
    </div>
  );
}
