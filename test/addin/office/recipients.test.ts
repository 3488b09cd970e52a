import { readRecipients } from '../../../src/addin/office/recipients';
import { mockOutlook } from './office-mock';

describe('reading the recipients (SPEC O2)', () => {
  test('To, Cc and Bcc through getAsync, each recipient with its field, in order', async () => {
    const { office, calls } = mockOutlook({
      to: [{ displayName: 'Ann Lee', emailAddress: 'ann.lee@fabrikam.example' }],
      cc: [{ displayName: 'Bo Chen', emailAddress: 'bo.chen@fabrikam.example' }],
      bcc: [{ displayName: '', emailAddress: 'someone@northwind.example' }],
    });
    expect(await readRecipients(office)).toEqual([
      { email: 'ann.lee@fabrikam.example', name: 'Ann Lee', field: 'to' },
      { email: 'bo.chen@fabrikam.example', name: 'Bo Chen', field: 'cc' },
      { email: 'someone@northwind.example', name: 'someone@northwind.example', field: 'bcc' },
    ]);
    expect(calls.getAsync).toBe(3);
  });

  test('an address in two fields is listed once, case-insensitively, where it first appears', async () => {
    const { office } = mockOutlook({
      to: [
        { displayName: 'Ann', emailAddress: 'Ann.Lee@Fabrikam.example' },
        { displayName: 'Ann again', emailAddress: 'ann.lee@fabrikam.example' },
      ],
      cc: [{ displayName: 'Ann', emailAddress: 'ANN.LEE@FABRIKAM.EXAMPLE' }],
      bcc: [{ displayName: 'Bo', emailAddress: 'bo@fabrikam.example' }],
    });
    const recipients = await readRecipients(office);
    expect(recipients.map((r) => [r.email, r.field])).toEqual([
      ['Ann.Lee@Fabrikam.example', 'to'],
      ['bo@fabrikam.example', 'bcc'],
    ]);
  });

  test('empty and unresolved entries are skipped', async () => {
    const { office } = mockOutlook({
      to: [
        { displayName: 'Ann', emailAddress: '' },
        { displayName: 'typed name', emailAddress: 'typed name' },
        { displayName: 'spaces', emailAddress: '   ' },
        { displayName: 'Bo', emailAddress: ' bo@fabrikam.example ' },
      ],
    });
    expect(await readRecipients(office)).toEqual([{ email: 'bo@fabrikam.example', name: 'Bo', field: 'to' }]);
  });

  test('a failed getAsync rejects with Outlook’s message', async () => {
    const { office } = mockOutlook({
      to: [{ displayName: 'A', emailAddress: 'a@x.example' }],
      failField: 'cc',
    });
    await expect(readRecipients(office)).rejects.toThrow('Could not read cc');
  });
});
