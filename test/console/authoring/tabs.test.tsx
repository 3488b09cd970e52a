import { FluentProvider, webLightTheme } from '@fluentui/react-components';
import { render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type { ReactElement } from 'react';
import { AutomationTab } from '../../../src/console/authoring/AutomationTab';
import { EnrollContactsDialog } from '../../../src/console/authoring/EnrollContactsDialog';
import { EnrollInSequence } from '../../../src/console/authoring/EnrollInSequence';
import { SettingsForm } from '../../../src/console/authoring/SettingsForm';
import { describeTriggerAloud } from '../../../src/console/authoring/trigger-words';
import { FakeApiError, ann, bo, fakeApi, openDialog, sequenceDetail } from './fake-api';

const inFluent = (element: ReactElement) =>
  render(<FluentProvider theme={webLightTheme}>{element}</FluentProvider>);

describe('the Settings tab', () => {
  test('ticks Unenroll contacts from the same company, sets a send window and the signature, and confirms', async () => {
    const user = userEvent.setup();
    const api = fakeApi();
    const onSaved = jest.fn();
    inFluent(<SettingsForm api={api} sequence={sequenceDetail()} onSaved={onSaved} />);
    await user.click(screen.getByRole('checkbox', { name: 'Unenroll contacts from the same company' }));
    await user.click(screen.getByRole('radio', { name: 'Ignore' }));
    await user.click(screen.getByRole('switch', { name: 'Send emails only on these days and hours' }));
    await user.click(
      within(screen.getByRole('group', { name: 'Days' })).getByRole('checkbox', { name: 'Friday' }),
    );
    expect(screen.getByText(/In your time zone, Europe\/Berlin/)).toBeTruthy();
    const signature = await screen.findByRole('textbox', { name: /Your email signature/ });
    await user.clear(signature);
    await user.type(signature, 'Riley, Contoso');
    await user.click(screen.getByRole('button', { name: 'Save settings' }));
    expect(await screen.findByText('Settings saved.')).toBeTruthy();
    expect(api.patchSequence).toHaveBeenCalledWith(sequenceDetail().id, {
      settings: {
        unenrollSameCompany: true,
        outOfOffice: 'ignore',
        sendWindow: { days: [1, 2, 3, 4], start: '09:00', end: '17:00' },
      },
    });
    expect(api.saveSignature).toHaveBeenCalledWith('Riley, Contoso');
    expect(onSaved).toHaveBeenCalled();
  });

  test('the server’s refusal shows next to the field it names', async () => {
    const user = userEvent.setup();
    const api = fakeApi({
      patchSequence: jest.fn(async () => {
        throw new FakeApiError(
          400,
          'invalid_request',
          'body/settings/sendWindow/days must not contain a day twice',
        );
      }),
    });
    inFluent(<SettingsForm api={api} sequence={sequenceDetail()} onSaved={jest.fn()} />);
    await user.click(screen.getByRole('switch', { name: 'Send emails only on these days and hours' }));
    await user.click(screen.getByRole('button', { name: 'Save settings' }));
    expect(await screen.findByText(/must not contain a day twice/)).toBeTruthy();
    expect(screen.queryByText('Settings saved.')).toBeNull();
  });

  test('no day chosen is refused before sending', async () => {
    const user = userEvent.setup();
    const api = fakeApi();
    inFluent(
      <SettingsForm
        api={api}
        sequence={sequenceDetail({ settings: { sendWindow: { days: [1], start: '09:00', end: '17:00' } } })}
        onSaved={jest.fn()}
      />,
    );
    await user.click(screen.getByRole('checkbox', { name: 'Monday' }));
    await user.click(screen.getByRole('button', { name: 'Save settings' }));
    expect(await screen.findByText('Choose at least one day, or turn the send window off')).toBeTruthy();
    expect(api.patchSequence).not.toHaveBeenCalled();
  });
});

describe('the Automation tab', () => {
  test('reads triggers aloud', () => {
    expect(
      describeTriggerAloud({
        type: 'contact_property',
        property: 'lifecycleStage',
        operator: 'eq',
        value: 'Customer',
      }),
    ).toBe('Unenroll when the contact’s Lifecycle stage is Customer');
    expect(describeTriggerAloud({ type: 'deal_created' })).toBe(
      'Unenroll when a deal is created for the contact',
    );
    expect(
      describeTriggerAloud({
        type: 'company_property',
        property: 'industry',
        operator: 'in',
        value: ['Retail', 'Food', 'Oil'],
      }),
    ).toBe('Unenroll when the contact’s company’s Industry is any of Retail, Food or Oil');
    expect(
      describeTriggerAloud({ type: 'contact_property', property: 'owner_id', operator: 'unknown' }),
    ).toBe('Unenroll when the contact’s Owner id is unknown');
  });

  test('adds a trigger from the pickers, edits and removes it, each saved as unenrollmentTriggers', async () => {
    const user = userEvent.setup();
    const api = fakeApi();
    inFluent(<AutomationTab api={api} sequence={sequenceDetail()} onSaved={jest.fn()} />);
    expect(screen.getByText(/No unenrollment triggers yet/)).toBeTruthy();
    await user.click(screen.getByRole('button', { name: 'Add trigger' }));
    await user.click(screen.getByRole('combobox', { name: /Property/ }));
    await user.click(await screen.findByRole('option', { name: 'Lifecycle stage (lifecycleStage)' }));
    await user.click(screen.getByRole('combobox', { name: /Value/ }));
    await user.click(await screen.findByRole('option', { name: 'Customer' }));
    await user.click(
      within(screen.getByRole('form', { name: 'New trigger' })).getByRole('button', { name: 'Add trigger' }),
    );
    const trigger = {
      type: 'contact_property',
      property: 'lifecycleStage',
      operator: 'eq',
      value: 'Customer',
    };
    await waitFor(() =>
      expect(api.patchSequence).toHaveBeenCalledWith(sequenceDetail().id, {
        unenrollmentTriggers: [trigger],
      }),
    );
    const list = await screen.findByRole('list', { name: 'Unenrollment triggers' });
    expect(within(list).getByRole('listitem').textContent).toBe(
      'Unenroll when the contact’s Lifecycle stage is Customer',
    );

    await user.click(
      screen.getByRole('button', { name: 'Edit: Unenroll when the contact’s Lifecycle stage is Customer' }),
    );
    await user.selectOptions(screen.getByRole('combobox', { name: 'Operator' }), 'known');
    expect(screen.queryByRole('combobox', { name: /Value/ })).toBeNull();
    await user.click(screen.getByRole('button', { name: 'Save trigger' }));
    expect(
      await screen.findByText('Saved: Unenroll when the contact’s Lifecycle stage is known.'),
    ).toBeTruthy();

    await user.click(
      screen.getByRole('button', { name: 'Remove: Unenroll when the contact’s Lifecycle stage is known' }),
    );
    await waitFor(() =>
      expect(api.patchSequence).toHaveBeenLastCalledWith(sequenceDetail().id, { unenrollmentTriggers: [] }),
    );
    expect(await screen.findByText(/No unenrollment triggers yet/)).toBeTruthy();
  });

  test('a free-text property and a missing value are named', async () => {
    const user = userEvent.setup();
    const api = fakeApi();
    inFluent(<AutomationTab api={api} sequence={sequenceDetail()} onSaved={jest.fn()} />);
    await user.click(screen.getByRole('button', { name: 'Add trigger' }));
    await user.type(screen.getByRole('combobox', { name: /Property/ }), 'dealStage');
    await user.click(
      within(screen.getByRole('form', { name: 'New trigger' })).getByRole('button', { name: 'Add trigger' }),
    );
    expect(await screen.findByText('Type a value')).toBeTruthy();
    expect(api.patchSequence).not.toHaveBeenCalled();
  });
});

describe('enrolling from the console', () => {
  test('Enroll contacts: search, tick two, one request, refusals listed per contact', async () => {
    const user = userEvent.setup();
    const api = fakeApi({
      enrollMany: jest.fn(async () => ({
        enrolled: [],
        refused: [
          {
            contactId: bo.id,
            email: bo.email,
            code: 'contact_opted_out' as const,
            message: 'x',
            enrollment: null,
          },
        ],
      })),
    });
    inFluent(<EnrollContactsDialog api={api} sequence={sequenceDetail()} onEnrolled={jest.fn()} />);
    await user.click(screen.getByRole('button', { name: 'Enroll contacts' }));
    const dialog = await openDialog(/Enroll contacts in Welcome/);
    await user.click(
      await within(dialog).findByRole('checkbox', { name: `Select ${ann.email}`, hidden: true }),
    );
    await user.click(within(dialog).getByRole('checkbox', { name: `Select ${bo.email}`, hidden: true }));
    await user.click(within(dialog).getByRole('button', { name: 'Enroll 2 contacts', hidden: true }));
    expect(api.enrollMany).toHaveBeenCalledTimes(1);
    expect(api.enrollMany).toHaveBeenCalledWith(sequenceDetail().id, [ann.id, bo.id]);
    expect(await within(dialog).findByText(/0 contacts enrolled; 1 not enrolled/)).toBeTruthy();
    expect(within(dialog).getByText(/Unsubscribed from sequence emails/)).toBeTruthy();
  });

  test('Enroll in sequence: combobox Sequence, Enroll; E2’s refusal in a rep’s words', async () => {
    const user = userEvent.setup();
    const api = fakeApi({
      enroll: jest.fn(async () => {
        throw new FakeApiError(
          409,
          'contact_enrolled',
          `${ann.email} is currently enrolled in the sequence "Other"`,
        );
      }),
    });
    inFluent(<EnrollInSequence api={api} contact={ann} onEnrolled={jest.fn()} />);
    await user.click(screen.getByRole('button', { name: 'Enroll in sequence' }));
    await user.click(await screen.findByRole('combobox', { name: 'Sequence' }));
    await user.click(await screen.findByRole('option', { name: /Welcome/ }));
    await user.click(screen.getByRole('button', { name: 'Enroll' }));
    expect(await screen.findByText(/is currently enrolled in the sequence "Other"/)).toBeTruthy();
    expect(api.enroll).toHaveBeenCalledWith(sequenceDetail().id, ann.id);
  });
});
