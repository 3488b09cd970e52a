import { FluentProvider, webLightTheme } from '@fluentui/react-components';
import { render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { SequenceEditor } from '../../../src/console/authoring/SequenceEditor';
import { FakeApiError, fakeApi, openDialog, sequenceDetail } from './fake-api';

const renderEditor = (props: Partial<Parameters<typeof SequenceEditor>[0]> = {}) => {
  const api = props.api ?? fakeApi();
  const onSaved = jest.fn();
  render(
    <FluentProvider theme={webLightTheme}>
      <SequenceEditor api={api} onSaved={onSaved} {...props} />
    </FluentProvider>,
  );
  return { api, onSaved };
};

const stepHeadings = () =>
  screen
    .getAllByRole('heading', { level: 3 })
    .map((h) => h.textContent)
    .filter((t) => t?.startsWith('Step'));

describe('the sequence editor', () => {
  test('builds a two-step sequence: email with a merge field from the menu, then a task after 2 business days', async () => {
    const user = userEvent.setup();
    const { api, onSaved } = renderEditor();
    await user.type(screen.getByRole('textbox', { name: /Sequence name/ }), 'Welcome');
    await user.type(screen.getByRole('textbox', { name: /Subject of step 1/ }), 'Hello ');
    await user.click(screen.getByRole('button', { name: 'Insert merge field in subject of step 1' }));
    await user.click(await screen.findByRole('menuitem', { name: /Contact first name/ }));
    expect(screen.getByRole('textbox', { name: /Subject of step 1/ })).toHaveProperty(
      'value',
      'Hello {{firstName}}',
    );
    await user.type(screen.getByRole('textbox', { name: /Body of step 1/ }), 'Hi there');

    await user.click(screen.getByRole('button', { name: 'Add task step' }));
    await user.clear(screen.getByRole('spinbutton', { name: 'Delay of step 2' }));
    await user.type(screen.getByRole('spinbutton', { name: 'Delay of step 2' }), '2');
    await user.selectOptions(screen.getByRole('combobox', { name: 'Delay unit of step 2' }), 'businessDays');
    await user.type(screen.getByRole('textbox', { name: /Task title of step 2/ }), 'Call them');
    await user.click(screen.getByRole('button', { name: 'Save sequence' }));

    await waitFor(() => expect(onSaved).toHaveBeenCalled());
    expect(api.createSequence).toHaveBeenCalledWith({
      name: 'Welcome',
      steps: [
        { type: 'email', delayMinutes: 0, subject: 'Hello {{firstName}}', body: 'Hi there' },
        { type: 'task', delayMinutes: 0, delayBusinessDays: 2, title: 'Call them' },
      ],
    });
  });

  test('the live preview shows the step rendered by the server for a contact', async () => {
    const { api } = renderEditor({ sequence: sequenceDetail() });
    const region = await screen.findByRole('region', { name: 'Rendered step' });
    expect(within(region).getByText('Hello Ann')).toBeTruthy();
    expect(api.renderStep).toHaveBeenLastCalledWith(
      expect.objectContaining({ contactId: expect.any(String), stepIndex: 0 }),
    );
    await userEvent.click(screen.getByRole('button', { name: 'Preview step 2' }));
    expect(await screen.findByRole('heading', { name: 'Preview of step 2' })).toBeTruthy();
    await waitFor(() =>
      expect(
        within(screen.getByRole('region', { name: 'Rendered step' })).getByText('Call {{fullName}}'),
      ).toBeTruthy(),
    );
  });

  test('an unknown merge field is flagged while typing', async () => {
    const user = userEvent.setup();
    renderEditor();
    await user.type(screen.getByRole('textbox', { name: /Body of step 1/ }), 'Hi {{{{frstName}}');
    expect(screen.getByText(/Unknown merge field {{frstName}}/)).toBeTruthy();
  });

  test('reorders by keyboard (Move buttons and Alt+arrows) and removes a step, focus following', async () => {
    const user = userEvent.setup();
    renderEditor({ sequence: sequenceDetail() });
    expect(stepHeadings()).toEqual(['Step 1: Email', 'Step 2: Task']);
    screen.getByRole('button', { name: 'Move step 2 up' }).focus();
    await user.keyboard('{Enter}');
    expect(stepHeadings()).toEqual(['Step 1: Task', 'Step 2: Email']);
    await waitFor(() =>
      expect(document.activeElement).toBe(screen.getByRole('button', { name: 'Move step 1 down' })),
    );
    expect(screen.getByRole('status').textContent).toBe('Step 2 moved to position 1 of 2');

    screen.getByRole('textbox', { name: /Task title of step 1/ }).focus();
    await user.keyboard('{Alt>}{ArrowDown}{/Alt}');
    expect(stepHeadings()).toEqual(['Step 1: Email', 'Step 2: Task']);

    await user.click(screen.getByRole('button', { name: 'Remove step 1' }));
    expect(stepHeadings()).toEqual(['Step 1: Task']);
    await waitFor(() =>
      expect(document.activeElement).toBe(screen.getByRole('heading', { name: 'Step 1: Task' })),
    );
  });

  test('asks before saving a sequence with enrollments, and says what happens to them', async () => {
    const user = userEvent.setup();
    const sequence = sequenceDetail({
      performance: { ...sequenceDetail().performance, active: 3, paused: 1 },
    });
    const { api, onSaved } = renderEditor({ sequence });
    await user.click(screen.getByRole('button', { name: 'Save sequence' }));
    const dialog = await openDialog(/4 contacts enrolled/);
    expect(within(dialog).getByText(/Steps already sent stay as they were/)).toBeTruthy();
    expect(api.patchSequence).not.toHaveBeenCalled();
    await user.click(within(dialog).getByRole('button', { name: 'Save changes', hidden: true }));
    await waitFor(() => expect(onSaved).toHaveBeenCalled());
    expect(api.patchSequence).toHaveBeenCalledWith(sequence.id, expect.objectContaining({ name: 'Welcome' }));
  });

  test('the server’s 400 is the last word, shown next to the field it names', async () => {
    const user = userEvent.setup();
    const api = fakeApi({
      createSequence: jest.fn(async () => {
        throw new FakeApiError(
          400,
          'invalid_request',
          'steps[0].body: unknown merge field {{x}} (merge fields: firstName)',
        );
      }),
    });
    renderEditor({ api });
    await user.type(screen.getByRole('textbox', { name: /Sequence name/ }), 'S');
    await user.type(screen.getByRole('textbox', { name: /Subject of step 1/ }), 'Hi');
    await user.type(screen.getByRole('textbox', { name: /Body of step 1/ }), 'Body');
    await user.click(screen.getByRole('button', { name: 'Save sequence' }));
    expect(await screen.findByText('The sequence was not saved')).toBeTruthy();
    expect(screen.getByText('unknown merge field {{x}}')).toBeTruthy();
  });

  test('empty required fields are named before anything is sent', async () => {
    const user = userEvent.setup();
    const { api } = renderEditor();
    await user.click(screen.getByRole('button', { name: 'Save sequence' }));
    expect(await screen.findByText('Give the sequence a name')).toBeTruthy();
    expect(screen.getByText('Write a subject for step 1')).toBeTruthy();
    expect(api.createSequence).not.toHaveBeenCalled();
  });
});
