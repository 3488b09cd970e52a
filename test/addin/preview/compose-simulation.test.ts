import {
  createComposeSimulation,
  initFromQuery,
  nameFromAddress,
  parseRecipientList,
} from '../../../src/preview/compose-simulation';

describe('the simulated compose window', () => {
  test('comma- or semicolon-separated recipients, with or without a display name', () => {
    expect(
      parseRecipientList('Ann Lee <ann@x.example>, bo@y.example; "Chen, Bo" <bo.chen@y.example>'),
    ).toEqual([
      { displayName: 'Ann Lee', emailAddress: 'ann@x.example', recipientType: 'externalUser' },
      { displayName: 'bo@y.example', emailAddress: 'bo@y.example', recipientType: 'externalUser' },
      { displayName: 'Chen, Bo', emailAddress: 'bo.chen@y.example', recipientType: 'externalUser' },
    ]);
  });

  test('what is not an address stays unresolved, as in Outlook (no address)', () => {
    expect(parseRecipientList('someone, , a@b.example')).toEqual([
      { displayName: 'someone', emailAddress: '', recipientType: 'other' },
      { displayName: 'a@b.example', emailAddress: 'a@b.example', recipientType: 'externalUser' },
    ]);
  });

  test('setField notifies with the changed field — and only when the recipients changed', () => {
    const simulation = createComposeSimulation({ to: 'a@x.example' });
    const listener = jest.fn();
    const stop = simulation.subscribe(listener);
    expect(simulation.setField('to', ' a@x.example ')).toBe(false);
    expect(simulation.setField('cc', 'b@x.example')).toBe(true);
    expect(listener).toHaveBeenCalledWith(['cc']);
    stop();
    simulation.setField('bcc', 'c@x.example');
    expect(listener).toHaveBeenCalledTimes(1);
    expect(simulation.recipients('bcc')[0].emailAddress).toBe('c@x.example');
  });

  test('the query string: recipients, sender, theme and Mailbox version', () => {
    const init = initFromQuery(
      '?to=a@x.example,b@x.example&cc=c@x.example&from=ann.lee@fabrikam.example&theme=dark&mailbox=1.5',
    );
    const simulation = createComposeSimulation(init);
    expect(simulation.recipients('to').map((d) => d.emailAddress)).toEqual(['a@x.example', 'b@x.example']);
    expect(simulation.from).toEqual({ emailAddress: 'ann.lee@fabrikam.example', displayName: 'Ann Lee' });
    expect(simulation.theme).toBe('dark');
    expect(simulation.mailboxVersion).toBe('1.5');
    expect(createComposeSimulation({}).from).toEqual({
      emailAddress: 'rep@contoso.example',
      displayName: 'Riley Rep',
    });
    expect(createComposeSimulation({ mailbox: 'latest' }).mailboxVersion).toBe('1.13');
    expect(nameFromAddress('bo_chen-2@x')).toBe('Bo Chen 2');
  });
});
