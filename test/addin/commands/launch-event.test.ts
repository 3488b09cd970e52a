/// <reference types="office-js" />
import { OfficeMockObject } from 'office-addin-mock';
import { onRecipientsChanged } from '../../../src/addin/commands/launch-event';
import { createOfficeMailbox } from '../../../src/addin/office/office-mailbox';
import {
  enrolledNotice,
  MAX_MESSAGE_LENGTH,
  NOTIFICATION_KEY,
  SHOW_PANE_COMMAND_ID,
} from '../../../src/addin/office/enrolled-notice';
import type { LookupResult } from '../../../src/shared/schemas';
import { contact, enrollment } from '../components/fakes';

type Details = { displayName: string; emailAddress: string };

/** Outlook's compose item on office-addin-mock, with its notifications kept as Outlook would. */
function outlook(to: Details[], { failReplace = false } = {}) {
  const shown = new Map<string, Record<string, any>>();
  const ok = (callback?: (r: unknown) => void, value?: unknown) =>
    setTimeout(() => callback?.({ status: 'succeeded', value }));
  const mock = new OfficeMockObject({
    host: 'outlook',
    AsyncResultStatus: { Succeeded: 'succeeded', Failed: 'failed' },
    MailboxEnums: {
      ItemNotificationMessageType: { InsightMessage: 'insightMessage' },
      ActionType: { ShowTaskPane: 'showTaskPane' },
    },
    context: {
      mailbox: {
        userProfile: { displayName: 'Riley Rep', emailAddress: 'rep@contoso.example' },
        item: {
          to: {
            getAsync: (cb: (r: unknown) => void) =>
              ok(
                cb,
                to.map((d) => ({ ...d })),
              ),
          },
          cc: { getAsync: (cb: (r: unknown) => void) => ok(cb, []) },
          bcc: { getAsync: (cb: (r: unknown) => void) => ok(cb, []) },
          notificationMessages: {
            replaceAsync: (key: string, details: Record<string, any>, cb: (r: unknown) => void) => {
              if (failReplace) {
                setTimeout(() => cb({ status: 'failed', error: { message: 'refused' } }));
                return;
              }
              shown.set(key, details);
              ok(cb);
            },
            removeAsync: (key: string, cb: (r: unknown) => void) => {
              const had = shown.delete(key);
              setTimeout(() =>
                cb(had ? { status: 'succeeded' } : { status: 'failed', error: { message: 'none' } }),
              );
            },
          },
        },
      },
    },
  });
  return { office: mock as unknown as typeof Office, shown };
}

const ann = contact('ann@fabrikam.example', 'Ann', 'Lee');
const bo = contact('bo@fabrikam.example', 'Bo', 'Chen');
const annEnrolled = enrollment(ann, { sequenceName: 'Q4 outreach', currentStep: 2, totalSteps: 4 });

function answer(table: Record<string, Partial<LookupResult>>) {
  return jest.fn(async (emails: string[]) =>
    emails.map((email) => ({ email, contact: null, enrollment: null, ...table[email] }) as LookupResult),
  );
}

describe('the launch-event handler (OnMessageRecipientsChanged, OnNewMessageCompose)', () => {
  test('an enrolled recipient: one batched lookup, an InsightMessage naming them with View contact, then completed()', async () => {
    const { office, shown } = outlook([
      { displayName: 'Ann', emailAddress: ann.email },
      { displayName: 'Bo', emailAddress: bo.email },
    ]);
    const lookup = answer({
      [ann.email]: { contact: ann, enrollment: annEnrolled },
      [bo.email]: { contact: bo },
    });
    const completed = jest.fn();
    await onRecipientsChanged({ office, lookup }, { completed });

    expect(lookup).toHaveBeenCalledTimes(1);
    expect(lookup).toHaveBeenCalledWith([ann.email, bo.email]);
    const notification = shown.get(NOTIFICATION_KEY)!;
    expect(notification.type).toBe('insightMessage');
    expect(notification.message).toBe('Ann Lee is enrolled in a sequence: Q4 outreach (step 2 of 4)');
    expect(notification.actions).toEqual([
      {
        actionType: 'showTaskPane',
        actionText: 'View contact',
        commandId: SHOW_PANE_COMMAND_ID,
        contextData: JSON.stringify({ email: ann.email, contactId: ann.id }),
      },
    ]);
    expect(completed).toHaveBeenCalledTimes(1);
  });

  test('when no recipient is enrolled any more, the notification is removed', async () => {
    const { office, shown } = outlook([{ displayName: 'Bo', emailAddress: bo.email }]);
    shown.set(NOTIFICATION_KEY, { message: 'old' });
    const completed = jest.fn();
    await onRecipientsChanged({ office, lookup: answer({ [bo.email]: { contact: bo } }) }, { completed });
    expect(shown.has(NOTIFICATION_KEY)).toBe(false);
    expect(completed).toHaveBeenCalledTimes(1);
  });

  test('no recipients: no lookup, no notification, completed()', async () => {
    const { office, shown } = outlook([]);
    const lookup = answer({});
    const completed = jest.fn();
    await onRecipientsChanged({ office, lookup }, { completed });
    expect(lookup).not.toHaveBeenCalled();
    expect(shown.size).toBe(0);
    expect(completed).toHaveBeenCalledTimes(1);
  });

  test('the API unreachable (or no token): nothing shown, completed() all the same', async () => {
    const { office, shown } = outlook([{ displayName: 'Ann', emailAddress: ann.email }]);
    const lookup = jest.fn(async () => {
      throw new Error('network');
    });
    const completed = jest.fn();
    jest.spyOn(console, 'warn').mockImplementation(() => undefined);
    await onRecipientsChanged({ office, lookup }, { completed });
    expect(shown.size).toBe(0);
    expect(completed).toHaveBeenCalledTimes(1);
  });

  test('an API that never answers: completed() within the time limit, nothing shown', async () => {
    const { office, shown } = outlook([{ displayName: 'Ann', emailAddress: ann.email }]);
    const completed = jest.fn();
    jest.spyOn(console, 'warn').mockImplementation(() => undefined);
    const started = Date.now();
    await onRecipientsChanged(
      { office, lookup: () => new Promise(() => undefined), timeoutMs: 50 },
      { completed },
    );
    expect(Date.now() - started).toBeLessThan(1000);
    expect(shown.size).toBe(0);
    expect(completed).toHaveBeenCalledTimes(1);
  });

  test('Outlook refusing the notification still completes the event', async () => {
    const { office } = outlook([{ displayName: 'Ann', emailAddress: ann.email }], { failReplace: true });
    const completed = jest.fn();
    jest.spyOn(console, 'warn').mockImplementation(() => undefined);
    await onRecipientsChanged(
      { office, lookup: answer({ [ann.email]: { contact: ann, enrollment: annEnrolled } }) },
      { completed },
    );
    expect(completed).toHaveBeenCalledTimes(1);
  });
});

describe('the notification’s words', () => {
  test('several enrolled: counted and named, within Outlook’s 150 characters; the action opens the list', () => {
    const many = Array.from({ length: 12 }, (_, i) => {
      const c = contact(`p${i}@x.example`, `Person${i}`, 'Longsurname');
      return { email: c.email, contact: c, enrollment: enrollment(c) };
    });
    const notice = enrolledNotice(many)!;
    expect(notice.message).toMatch(/^12 recipients are enrolled in a sequence: Person0 Longsurname, /);
    expect(notice.message.length).toBeLessThanOrEqual(MAX_MESSAGE_LENGTH);
    expect(notice.context).toEqual({});
  });

  test('paused, and before step 1 has run (never "step 0")', () => {
    const paused = enrollment(ann, { status: 'paused', currentStep: 0, totalSteps: 3 });
    expect(enrolledNotice([{ email: ann.email, contact: ann, enrollment: paused }])!.message).toBe(
      'Ann Lee is enrolled in a sequence: Q4 outreach (step 1 of 3, paused)',
    );
    expect(enrolledNotice([{ email: bo.email, contact: bo, enrollment: null }])).toBeNull();
  });

  test('the pane’s mailbox port (showEnrolled) sets the same notification, and removes it when nobody is enrolled', async () => {
    const { office, shown } = outlook([]);
    const mailbox = createOfficeMailbox(office as never);
    const annResult = { email: ann.email, contact: ann, enrollment: annEnrolled } as LookupResult;
    await mailbox.showEnrolled([
      annResult,
      { email: bo.email, contact: bo, enrollment: null } as LookupResult,
    ]);
    expect(shown.get(NOTIFICATION_KEY)?.message).toBe(
      'Ann Lee is enrolled in a sequence: Q4 outreach (step 2 of 4)',
    );
    await mailbox.showEnrolled([{ ...annResult, enrollment: null }]);
    expect(shown.has(NOTIFICATION_KEY)).toBe(false);
  });
});
