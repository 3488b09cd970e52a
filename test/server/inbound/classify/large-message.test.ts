/**
 * Messages up to the 25 MiB limit are classified without decoding what no rule reads (issue 14,
 * finding 7: an 18 MB attachment took 4.5 s). The bound is loose (3 s, against ~0.1 s measured)
 * so that a loaded 2-core machine does not make it flaky; `bench:classify` prints the figures.
 */
import { createHash } from 'node:crypto';
import {
  DEFAULT_MAX_MESSAGE_BYTES,
  classifyMessage,
  parseMessage,
  returnedMessageHeaders,
} from '../../../../src/server/inbound/classify';
import { messageFacts } from '../../../../src/server/inbound/message-facts';
import { largeMessages } from '../../../../bench/classify/large-messages';

const NOW = new Date('2026-12-01T10:00:00Z');

describe('messages near the size limit', () => {
  it.each(largeMessages().map((m) => [m.name, m] as const))('%s', async (_name, message) => {
    const { raw } = message;
    expect(raw.length).toBeLessThanOrEqual(DEFAULT_MAX_MESSAGE_BYTES);
    expect(raw.length).toBeGreaterThan(DEFAULT_MAX_MESSAGE_BYTES * 0.9);

    const started = performance.now();
    const parsed = await parseMessage(raw);
    const classification = classifyMessage(parsed, raw, { now: NOW });
    const facts = messageFacts(parsed, raw);
    const returned = returnedMessageHeaders(parsed);
    createHash('sha256').update(raw).digest('hex'); // the dedupe key of a message without Message-ID
    expect(performance.now() - started).toBeLessThan(3000);

    expect(classification.kind).toBe(message.kind);
    expect(facts.sizeBytes).toBe(raw.length);
    if (message.kind === 'human') {
      expect(facts).toMatchObject({
        messageId: 'large-reply@prospect.example',
        inReplyTo: ['seq-1@acme-tools.example'],
      });
      expect((parsed.text ?? '').length + (parsed.html || '').length).toBeGreaterThan(0);
    } else {
      expect(classification).toMatchObject({
        kind: 'bounce',
        recipients: [{ address: 'dana.whitfield@fabrikam.example', status: '5.3.4' }],
      });
      expect(returned?.messageId).toBe('<seq-1@acme-tools.example>');
    }
  });
});
