import { themeKind, userProfile } from '../../../src/addin/office/host';
import { createOfficeMailbox } from '../../../src/addin/office/office-mailbox';
import { mockOutlook } from './office-mock';

describe('the host: user and theme', () => {
  test('the user profile', () => {
    expect(userProfile(mockOutlook().office)).toEqual({
      email: 'rep@contoso.example',
      displayName: 'Riley Rep',
    });
  });

  test('dark when Office says isDarkTheme, or — on older hosts — when the body background is dark', () => {
    expect(
      themeKind(mockOutlook({ theme: { isDarkTheme: true, bodyBackgroundColor: '#ffffff' } }).office),
    ).toBe('dark');
    expect(themeKind(mockOutlook({ theme: { bodyBackgroundColor: '#1f1f1f' } }).office)).toBe('dark');
    expect(themeKind(mockOutlook({ theme: { bodyBackgroundColor: '#FAF9F8' } }).office)).toBe('light');
    expect(
      themeKind(mockOutlook({ theme: { isDarkTheme: false, bodyBackgroundColor: '#000000' } }).office),
    ).toBe('light');
  });

  test('the mailbox port puts it together', async () => {
    const outlook = mockOutlook({ to: [{ displayName: 'Ann', emailAddress: 'ann@x.example' }] });
    const mailbox = createOfficeMailbox(outlook.office);
    expect(await mailbox.readRecipients()).toEqual([{ email: 'ann@x.example', name: 'Ann', field: 'to' }]);
    expect(mailbox.theme()).toBe('light');
  });
});
