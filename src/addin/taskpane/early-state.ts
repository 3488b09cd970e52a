import type { LookupResult } from '../../shared/schemas';
import { recipientKey, type Recipient } from '../office/types';
import { enrollmentSummary, recipientName, recipientStatus, STATUS_LABEL } from './recipient-status';

/**
 * When the lookup answers before React has mounted (React, Fluent UI and the panel still
 * compiling), the boot skeleton shows the answer: the same summary line and each recipient with
 * its badge's word, read-only, until the panel replaces it. Built with text nodes only.
 */
export function showEarlyState(
  container: HTMLElement,
  recipients: Recipient[],
  results: LookupResult[],
): void {
  const boot = container.querySelector('.boot');
  if (!boot) return;
  const byKey = new Map(results.map((result) => [recipientKey(result.email), result]));
  const element = (tag: string, className: string, text?: string) => {
    const node = document.createElement(tag);
    node.className = className;
    if (text !== undefined) node.textContent = text;
    return node;
  };
  const answered = recipients.filter((r) => byKey.has(recipientKey(r.email)));
  const enrolled = answered.filter((r) => byKey.get(recipientKey(r.email))?.enrollment).length;
  const list = element('ul', 'boot-list');
  list.setAttribute('aria-label', 'Recipients');
  for (const recipient of recipients) {
    const result = byKey.get(recipientKey(recipient.email));
    const item = element('li', 'boot-item');
    item.append(
      element('span', 'boot-name', recipientName(recipient, result)),
      element('span', 'boot-email', recipient.email),
      element('span', 'boot-badge', result ? STATUS_LABEL[recipientStatus(result)] : '…'),
    );
    list.append(item);
  }
  for (const row of boot.querySelectorAll('.boot-row, .boot-summary, .boot-list')) row.remove();
  boot.append(
    element('p', 'boot-summary', enrollmentSummary(recipients.length, answered.length, enrolled)),
    list,
  );
}
