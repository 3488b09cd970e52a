/// <reference types="office-js" />
import { readRecipients } from '../../../src/addin/office/recipients';
import { userProfile, themeKind } from '../../../src/addin/office/host';
import { watchRecipients } from '../../../src/addin/office/watch-recipients';
import { createComposeSimulation } from '../../../src/preview/compose-simulation';
import { createOfficeStandIn } from '../../../src/preview/office-stand-in/create-office-stand-in';

function standIn(init: Parameters<typeof createComposeSimulation>[0] = {}) {
  const simulation = createComposeSimulation(init);
  const office = createOfficeStandIn(simulation);
  return { simulation, office, asOffice: office as unknown as typeof Office };
}

describe('the Office.js stand-in of the preview: the contract the task pane relies on', () => {
  test('onReady resolves with the Outlook host, and calls its callback', async () => {
    const { office } = standIn();
    const callback = jest.fn();
    await expect(office.onReady(callback)).resolves.toEqual({ host: 'Outlook', platform: 'OfficeOnline' });
    expect(callback).toHaveBeenCalledWith({ host: 'Outlook', platform: 'OfficeOnline' });
  });

  test('getAsync calls back asynchronously with an AsyncResult of EmailAddressDetails (and asyncContext)', async () => {
    const { office } = standIn({ to: 'Ann Lee <ann@x.example>' });
    let synchronous = true;
    const result = await new Promise<any>((resolve) => {
      office.context.mailbox.item.to.getAsync({ asyncContext: 'ctx' }, resolve);
      synchronous = false;
    });
    expect(synchronous).toBe(false);
    expect(result).toEqual({
      status: 'succeeded',
      value: [{ displayName: 'Ann Lee', emailAddress: 'ann@x.example', recipientType: 'externalUser' }],
      asyncContext: 'ctx',
    });
  });

  test('the task pane’s own adapters read it like Outlook: merged, de-duplicated, unresolved skipped', async () => {
    const { asOffice } = standIn({
      to: 'a@x.example, typed name',
      cc: 'A@X.example, b@x.example',
      from: 'rep@contoso.example',
    });
    expect(await readRecipients(asOffice)).toEqual([
      { email: 'a@x.example', name: 'a@x.example', field: 'to' },
      { email: 'b@x.example', name: 'b@x.example', field: 'cc' },
    ]);
    expect(userProfile(asOffice)).toEqual({ email: 'rep@contoso.example', displayName: 'Riley Rep' });
    // Asked only when read (the first Intl call is costly), like a property.
    expect(asOffice.context.mailbox.userProfile.timeZone).toBe(
      Intl.DateTimeFormat().resolvedOptions().timeZone,
    );
    expect(themeKind(asOffice)).toBe('light');
    expect(themeKind(standIn({ theme: 'dark' }).asOffice)).toBe('dark');
  });

  test('committing a field fires RecipientsChanged with changedRecipientFields', async () => {
    const { simulation, office } = standIn({ to: 'a@x.example' });
    const events: unknown[] = [];
    office.context.mailbox.item.addHandlerAsync('olkRecipientsChanged', (e) => events.push(e));
    simulation.setField('cc', 'b@x.example');
    await new Promise((resolve) => setTimeout(resolve, 5));
    expect(events).toEqual([
      { type: 'olkRecipientsChanged', changedRecipientFields: { to: false, cc: true, bcc: false } },
    ]);
  });

  test('watchRecipients on the stand-in refreshes after a change (Mailbox 1.13)', async () => {
    const { simulation, asOffice } = standIn({ to: 'a@x.example' });
    const onChange = jest.fn();
    const stop = watchRecipients(asOffice, onChange, { debounceMs: 10 });
    simulation.setField('to', 'b@x.example');
    // Timers on a busy machine run late: wait for the call, then a little longer for a second one.
    for (let waited = 0; onChange.mock.calls.length === 0 && waited < 2000; waited += 10)
      await new Promise((resolve) => setTimeout(resolve, 10));
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(onChange).toHaveBeenCalledTimes(1);
    stop();
  });

  test('isSetSupported follows the simulated Mailbox version; unsupported events fail like Office.js', async () => {
    const { office } = standIn({ mailbox: '1.5' });
    expect(office.context.requirements.isSetSupported('Mailbox', '1.3')).toBe(true);
    expect(office.context.requirements.isSetSupported('Mailbox', '1.5')).toBe(true);
    expect(office.context.requirements.isSetSupported('Mailbox', '1.7')).toBe(false);
    expect(office.context.requirements.isSetSupported('Mailbox', '1.10')).toBe(false);
    expect(office.context.requirements.isSetSupported('WordApi', '1.1')).toBe(false);
    const result = await new Promise<any>((resolve) =>
      office.context.mailbox.item.addHandlerAsync('olkRecipientsChanged', () => undefined, resolve),
    );
    expect(result.status).toBe('failed');
  });

  test('the Office dialog is refused in the preview (it signs in with a dev token)', async () => {
    const { office } = standIn();
    const result = await new Promise<any>((resolve) =>
      office.context.ui.displayDialogAsync('https://x', {}, resolve),
    );
    expect(result).toMatchObject({ status: 'failed', error: { code: 12007 } });
  });
});
