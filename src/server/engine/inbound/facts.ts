import type { EnrollmentStatus, UnenrollReason } from '../../../shared/enums';
import type { EffectiveSettings } from '../sequence-settings';

/** What the inbound rules know of an enrollment. */
export interface EnrollmentFact {
  id: string;
  contactId: string;
  /** The address enrolled, lower case. */
  email: string;
  status: EnrollmentStatus;
  settings: EffectiveSettings;
  /** The IANA time zone of the user who enrolled it ('UTC' when unknown): an out-of-office return date is a day there (A13). */
  timeZone: string;
}

/** A contact the sender is: by its primary address (`exact`) or by an alias or provider rule (`alias`). */
export interface SenderContact {
  contactId: string;
  match: 'exact' | 'alias';
  currentEnrollment: EnrollmentFact | null;
}

export interface BounceFact {
  /** The failed address, lower case. */
  address: string;
  severity: 'hard' | 'soft';
  status: string | null;
  diagnostic: string | null;
  /** Soft bounces of this address within the window, this one included. */
  recentSoftBounces: number;
  contactIds: string[];
  /** Current enrollments of those contacts. */
  enrollments: EnrollmentFact[];
}

/** Everything the rules decide from, gathered by `inbound/` from the message and the database. */
export interface InboundFacts {
  now: Date;
  kind: 'human' | 'auto_reply' | 'auto_generated' | 'bounce';
  /** An auto-reply's stated return date, `YYYY-MM-DD`. */
  returnDate: string | null;
  /** The sender, lower case. */
  sender: string;
  /** Names the message in details: `reply "Re: Hi" from ann@x.example <id@host>`. */
  label: string;
  /** Enrollments whose sequence emails the message answers: by thread headers, else by sender and subject (A1). */
  thread: EnrollmentFact[];
  senderContacts: SenderContact[];
  /** Current enrollments of the sender's colleagues: other contacts of the sender's company (A5). */
  colleagues: EnrollmentFact[];
  bounces: BounceFact[];
}

export interface InboundRuleOptions {
  /** Soft bounces within the window that make an address refused (A8). */
  softBounceLimit: number;
  softBounceWindowDays: number;
}

export const DEFAULT_INBOUND_OPTIONS: InboundRuleOptions = { softBounceLimit: 3, softBounceWindowDays: 7 };

export type InboundDecision =
  | { type: 'unenroll'; enrollmentId: string; reason: UnenrollReason; detail: string }
  | { type: 'pause'; enrollmentId: string; until: string; detail: string }
  | { type: 'record_reply'; enrollmentId: string }
  | { type: 'note_auto_reply'; enrollmentId: string; detail: string }
  | {
      type: 'record_bounce';
      address: string;
      severity: 'hard' | 'soft';
      status: string | null;
      diagnostic: string | null;
      contactIds: string[];
      /** The address is refused from now on (hard, or soft too often). */
      refuse: boolean;
    };

export const isCurrent = (enrollment: EnrollmentFact): boolean =>
  enrollment.status === 'active' || enrollment.status === 'paused';
