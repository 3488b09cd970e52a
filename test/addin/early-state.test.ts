import type { Recipient } from '../../src/addin/office/types';
import { showEarlyState } from '../../src/addin/taskpane/early-state';
import { startPreload } from '../../src/addin/taskpane/preload';
import type { LookupResult } from '../../src/shared/schemas';

const recipients: Recipient[] = [
  { email: 'Ann@Fabrikam.example', name: 'ann', field: 'to' },
  { email: '<img src=x onerror=alert(1)>@evil.example', name: '<b>Mallory</b>', field: 'cc' },
  { email: 'bo@fabrikam.example', name: 'Bo', field: 'bcc' },
];
const results = [
  {
    email: 'ann@fabrikam.example',
    contact: { id: 'c1', firstName: 'Ann', lastName: 'Lee', optedOutAt: null, bouncedAt: null },
    enrollment: { id: 'e1', status: 'active', sequenceName: 'Q4 outreach' },
  },
  { email: '<img src=x onerror=alert(1)>@evil.example', contact: null, enrollment: null },
  {
    email: 'bo@fabrikam.example',
    contact: {
      id: 'c2',
      firstName: 'Bo',
      lastName: 'Chen',
      optedOutAt: '2026-11-01T00:00:00Z',
      bouncedAt: null,
    },
    enrollment: null,
  },
] as unknown as LookupResult[];

function skeleton(): HTMLElement {
  const container = document.createElement('div');
  container.innerHTML =
    '<div class="boot" role="status" aria-label="Starting Sales Tools"><div class="boot-header">Sales Tools</div>' +
    '<div class="boot-row"></div><div class="boot-row"></div></div>';
  return container;
}

describe('the boot script shows the lookup’s answer before React has mounted', () => {
  test('the summary line and each recipient with its badge’s word, as text', () => {
    const container = skeleton();
    showEarlyState(container, recipients, results);
    expect(container.querySelector('.boot-summary')?.textContent).toBe(
      '1 of 3 recipients are enrolled in a sequence.',
    );
    const rows = [...container.querySelectorAll('li')].map((li) =>
      [...li.children].map((child) => child.textContent),
    );
    expect(rows).toEqual([
      ['Ann Lee', 'Ann@Fabrikam.example', 'Enrolled'],
      ['<b>Mallory</b>', '<img src=x onerror=alert(1)>@evil.example', 'Not in CRM'],
      ['Bo Chen', 'bo@fabrikam.example', 'Opted out'],
    ]);
    expect(container.querySelector('img, b')).toBeNull();
    expect(container.querySelectorAll('.boot-row')).toHaveLength(0);
  });

  test('shown twice, it replaces itself; without the skeleton (the panel mounted) it does nothing', () => {
    const container = skeleton();
    showEarlyState(container, recipients, results);
    showEarlyState(container, recipients.slice(0, 1), results.slice(0, 1));
    expect(container.querySelectorAll('li')).toHaveLength(1);
    expect(container.querySelector('.boot-summary')?.textContent).toBe(
      '1 of 1 recipient is enrolled in a sequence.',
    );

    const mounted = document.createElement('div');
    mounted.innerHTML = '<main>the panel</main>';
    showEarlyState(mounted, recipients, results);
    expect(mounted.innerHTML).toBe('<main>the panel</main>');
  });

  test('the preload’s answer arrives once the lookup has answered, and never on a failure', async () => {
    const preload = startPreload(Promise.resolve(recipients), { lookup: async () => results });
    await expect(preload.answered).resolves.toEqual({ recipients, results });
    const failed = startPreload(Promise.resolve(recipients), {
      lookup: async () => {
        throw new Error('offline');
      },
    });
    const settled = await Promise.race([
      failed.answered.then(() => 'settled'),
      new Promise((resolve) => setTimeout(() => resolve('pending'), 50)),
    ]);
    expect(settled).toBe('pending');
  });
});
