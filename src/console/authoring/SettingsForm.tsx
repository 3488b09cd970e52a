import {
  Button,
  Checkbox,
  Field,
  Input,
  MessageBar,
  MessageBarBody,
  Radio,
  RadioGroup,
  Skeleton,
  SkeletonItem,
  Switch,
  Textarea,
} from '@fluentui/react-components';
import { useEffect, useRef, useState, type FormEvent } from 'react';
import { OutOfOfficeMode } from '../../shared/enums';
import type { Me, SendWindow, SequenceDetail } from '../../shared/schemas';
import { messageOf, type AuthoringApi } from './api';
import { useFormStyles } from './forms.styles';

export interface SettingsFormProps {
  api: AuthoringApi;
  sequence: SequenceDetail;
  onSaved(sequence: SequenceDetail): void;
}

const WEEKDAYS = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'];
const DEFAULT_WINDOW: SendWindow = { days: [1, 2, 3, 4, 5], start: '09:00', end: '17:00' };

/** Which field a server message is about, so it shows next to that field. */
function fieldOf(message: string): 'sendWindow' | 'signature' | 'general' {
  if (/sendWindow|send window/i.test(message)) return 'sendWindow';
  if (/signature/i.test(message)) return 'signature';
  return 'general';
}

/**
 * The sequence's Settings tab: Unenroll contacts from the same company (A5), out-of-office
 * handling (A13), the send window in the owner's time zone, and the signature — the
 * signed-in user's own setting, which every sequence they send appends.
 */
export function SettingsForm({ api, sequence, onSaved }: SettingsFormProps) {
  const styles = useFormStyles();
  const [me, setMe] = useState<Me | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);
  const [sameCompany, setSameCompany] = useState(sequence.settings.unenrollSameCompany ?? false);
  const [outOfOffice, setOutOfOffice] = useState(sequence.settings.outOfOffice ?? OutOfOfficeMode.defer);
  const [windowOn, setWindowOn] = useState(Boolean(sequence.settings.sendWindow));
  const [window, setWindow] = useState<SendWindow>(sequence.settings.sendWindow ?? DEFAULT_WINDOW);
  const [signature, setSignature] = useState('');
  const [errors, setErrors] = useState<Partial<Record<'sendWindow' | 'signature' | 'general', string>>>({});
  const [saving, setSaving] = useState(false);
  const [saved, setSaved] = useState(false);
  const savedRef = useRef<HTMLDivElement>(null);
  const errorRef = useRef<HTMLDivElement>(null);

  const load = () => {
    setLoadError(null);
    api.me().then(
      (user) => {
        setMe(user);
        setSignature(user.signature);
      },
      (error: unknown) => setLoadError(messageOf(error)),
    );
  };
  useEffect(load, [api]);

  const toggleDay = (day: number, on: boolean) => {
    setWindow((current) => ({
      ...current,
      days: on ? [...current.days, day].sort((a, b) => a - b) : current.days.filter((d) => d !== day),
    }));
    setSaved(false);
  };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setSaved(false);
    if (windowOn && window.days.length === 0) {
      setErrors({ sendWindow: 'Choose at least one day, or turn the send window off' });
      return;
    }
    setSaving(true);
    setErrors({});
    try {
      const updated = await api.patchSequence(sequence.id, {
        settings: {
          unenrollSameCompany: sameCompany,
          outOfOffice,
          sendWindow: windowOn ? window : null,
        },
      });
      if (me && signature !== me.signature) {
        try {
          await api.saveSignature(signature);
          setMe({ ...me, signature });
        } catch (error: unknown) {
          setErrors({ signature: messageOf(error) });
          onSaved(updated);
          return;
        }
      }
      onSaved(updated);
      setSaved(true);
      requestAnimationFrame(() => savedRef.current?.focus());
    } catch (error: unknown) {
      const message = messageOf(error);
      setErrors({ [fieldOf(message)]: message });
      requestAnimationFrame(() => errorRef.current?.focus());
    } finally {
      setSaving(false);
    }
  };

  const touched = () => setSaved(false);
  const ownZone = me && me.id === sequence.ownerId ? me.timeZone : null;

  return (
    <form className={styles.form} onSubmit={submit} noValidate aria-label="Sequence settings">
      {saved && (
        <div ref={savedRef} tabIndex={-1}>
          <MessageBar intent="success">
            <MessageBarBody>Settings saved.</MessageBarBody>
          </MessageBar>
        </div>
      )}
      {errors.general && (
        <div ref={errorRef} tabIndex={-1}>
          <MessageBar intent="error">
            <MessageBarBody>The settings were not saved: {errors.general}</MessageBarBody>
          </MessageBar>
        </div>
      )}
      <fieldset className={styles.fieldset}>
        <legend className={styles.legend}>Unenrollment</legend>
        <Checkbox
          label="Unenroll contacts from the same company"
          checked={sameCompany}
          onChange={(_event, data) => {
            setSameCompany(data.checked === true);
            touched();
          }}
        />
        <p className={styles.hint}>
          When anyone from a contact’s company replies or writes, every colleague enrolled in this sequence is
          unenrolled too. Free-mail addresses (gmail.com, outlook.com, …) never make two people colleagues.
        </p>
      </fieldset>
      <Field label="Out-of-office replies" hint="An out-of-office reply never unenrolls anyone.">
        <RadioGroup
          value={outOfOffice}
          onChange={(_event, data) => {
            setOutOfOffice(data.value as OutOfOfficeMode);
            touched();
          }}
        >
          <Radio
            value={OutOfOfficeMode.defer}
            label="Pause until they are back (when the reply gives a date)"
          />
          <Radio value={OutOfOfficeMode.ignore} label="Ignore" />
        </RadioGroup>
      </Field>
      <fieldset className={styles.fieldset}>
        <legend className={styles.legend}>Send window</legend>
        <Switch
          label="Send emails only on these days and hours"
          checked={windowOn}
          onChange={(_event, data) => {
            setWindowOn(data.checked);
            touched();
          }}
        />
        {windowOn && (
          <>
            <div role="group" aria-label="Days" aria-describedby="send-window-hint" className={styles.days}>
              {WEEKDAYS.map((day, index) => (
                <Checkbox
                  key={day}
                  label={day}
                  checked={window.days.includes(index + 1)}
                  onChange={(_event, data) => toggleDay(index + 1, data.checked === true)}
                />
              ))}
            </div>
            <p id="send-window-hint" className={styles.hint}>
              {ownZone
                ? `In your time zone, ${ownZone}. An end before the start runs past midnight.`
                : 'In the time zone of the sequence’s owner. An end before the start runs past midnight.'}
            </p>
            <div className={styles.row}>
              <Field label="From">
                <Input
                  type="time"
                  value={window.start}
                  onChange={(_event, data) => {
                    setWindow({ ...window, start: data.value });
                    touched();
                  }}
                />
              </Field>
              <Field label="Until">
                <Input
                  type="time"
                  value={window.end === '24:00' ? '00:00' : window.end}
                  onChange={(_event, data) => {
                    setWindow({ ...window, end: data.value });
                    touched();
                  }}
                />
              </Field>
            </div>
          </>
        )}
        {errors.sendWindow && (
          <p role="alert" className={styles.error}>
            {errors.sendWindow}
          </p>
        )}
      </fieldset>
      {loadError ? (
        <MessageBar intent="error">
          <MessageBarBody>
            Your signature could not be loaded: {loadError}{' '}
            <Button size="small" onClick={load}>
              Retry
            </Button>
          </MessageBarBody>
        </MessageBar>
      ) : me ? (
        <Field
          label="Your email signature"
          hint="Your own setting: added to the end of every sequence email you send, unless a body places {{signature}}."
          validationState={errors.signature ? 'error' : 'none'}
          validationMessage={errors.signature}
        >
          <Textarea
            value={signature}
            maxLength={2000}
            onChange={(_event, data) => {
              setSignature(data.value);
              touched();
            }}
          />
        </Field>
      ) : (
        <Skeleton aria-label="Loading your signature">
          <SkeletonItem size={48} />
        </Skeleton>
      )}
      <div className={styles.row}>
        <Button type="submit" appearance="primary" disabled={saving}>
          {saving ? 'Saving…' : 'Save settings'}
        </Button>
      </div>
    </form>
  );
}
