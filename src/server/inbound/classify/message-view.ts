import type { ParsedMail } from 'mailparser';
import type { Envelope } from './headers';

/** A parsed message with what every rule reads of it, computed once. */
export interface MessageView {
  parsed: ParsedMail;
  raw: Buffer;
  env: Envelope;
  /** `fold`ed subject and capped body text. */
  subject: string;
  text: string;
  /** The body text before `fold`, line for line the same as `text`. */
  original: string;
  contentType: { type: string; params: Record<string, string> };
}
