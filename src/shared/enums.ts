/**
 * The words of the API contract, shared by the server and the add-in. Each is an
 * `as const` object with its union type, never a loose string.
 */

export const EnrollmentStatus = { active: 'active', paused: 'paused', unenrolled: 'unenrolled' } as const;
export type EnrollmentStatus = (typeof EnrollmentStatus)[keyof typeof EnrollmentStatus];
/** The statuses of a contact's current enrollment (E2: at most one). */
export const CURRENT_STATUSES: readonly EnrollmentStatus[] = [
  EnrollmentStatus.active,
  EnrollmentStatus.paused,
];

/** Why an enrollment ended (SPEC A1–A12, M1–M5). */
export const UnenrollReason = {
  manual: 'manual',
  replied: 'replied',
  emailed: 'emailed',
  repliedOtherAddress: 'replied_other_address',
  emailedFromAlias: 'emailed_from_alias',
  companyReplied: 'company_replied',
  meetingBooked: 'meeting_booked',
  unsubscribed: 'unsubscribed',
  bounced: 'bounced',
  workflow: 'workflow',
  trigger: 'trigger',
  completed: 'completed',
  sequenceDeleted: 'sequence_deleted',
  ownerRemoved: 'owner_removed',
  ownerDowngraded: 'owner_downgraded',
  contactDeleted: 'contact_deleted',
  /** The enrolling rep wrote to the contact by hand (read from their Sent Items), with `unenrollOnManualEmail` on. */
  manualEmail: 'manual_email',
} as const;
export type UnenrollReason = (typeof UnenrollReason)[keyof typeof UnenrollReason];
export const UNENROLL_REASONS = Object.values(UnenrollReason);

/** Who made a change (E3, E4). */
export const ActorType = {
  user: 'user',
  system: 'system',
  contact: 'contact',
  workflow: 'workflow',
} as const;
export type ActorType = (typeof ActorType)[keyof typeof ActorType];

/** The audit trail's entries (E4). */
export const EventType = {
  enrolled: 'enrolled',
  emailSent: 'email_sent',
  /** A step's email could not be handed over now and will be retried (data: attempt, response). */
  emailDeferred: 'email_deferred',
  /** The relay refused a step's email for good (data: response); the enrollment ends as `bounced`. */
  emailRejected: 'email_rejected',
  taskCreated: 'task_created',
  taskCompleted: 'task_completed',
  stepSkipped: 'step_skipped',
  paused: 'paused',
  resumed: 'resumed',
  unenrolled: 'unenrolled',
  replyReceived: 'reply_received',
  autoReplyReceived: 'auto_reply_received',
  bounceReceived: 'bounce_received',
  meetingBooked: 'meeting_booked',
  /** A rep wrote to the contact by hand, outside the sequence (from their Sent Items, Microsoft Graph). */
  manualEmailSent: 'manual_email_sent',
} as const;
export type EventType = (typeof EventType)[keyof typeof EventType];

/** What the `engagements` table records for a sequence's performance (E3: never removed). */
export const EngagementType = {
  reply: 'reply',
  meeting: 'meeting',
  bounce: 'bounce',
  unsubscribe: 'unsubscribe',
  open: 'open',
  click: 'click',
} as const;
export type EngagementType = (typeof EngagementType)[keyof typeof EngagementType];

export const TaskStatus = { open: 'open', completed: 'completed' } as const;
export type TaskStatus = (typeof TaskStatus)[keyof typeof TaskStatus];

export const StepType = { email: 'email', task: 'task' } as const;
export type StepType = (typeof StepType)[keyof typeof StepType];

/** The merge fields a step's subject, body and title may use, as `{{firstName}}`. */
export const MERGE_FIELDS = [
  'firstName',
  'lastName',
  'fullName',
  'email',
  'company',
  'senderName',
  'senderFirstName',
  'senderEmail',
  'signature',
] as const;
export type MergeField = (typeof MERGE_FIELDS)[number];

export const Tier = { professional: 'professional', enterprise: 'enterprise' } as const;
export type Tier = (typeof Tier)[keyof typeof Tier];

export const Seat = { sales: 'sales', none: 'none' } as const;
export type Seat = (typeof Seat)[keyof typeof Seat];

export const OutOfOfficeMode = { defer: 'defer', ignore: 'ignore' } as const;
export type OutOfOfficeMode = (typeof OutOfOfficeMode)[keyof typeof OutOfOfficeMode];

/** How a meeting reached the service (A6). */
export const MeetingSource = {
  meetingsLink: 'meetings_link',
  contactRecord: 'contact_record',
  calendar: 'calendar',
  logged: 'logged',
} as const;
export type MeetingSource = (typeof MeetingSource)[keyof typeof MeetingSource];

/** Which A6 rule decided a meeting's effect on one enrollment; the first two unenroll. */
export const MeetingOutcome = {
  sequenceEmailLink: 'sequence_email_link',
  withEnrollingUser: 'with_enrolling_user',
  withOtherUser: 'with_other_user',
  notAssociatedWithContact: 'not_associated_with_contact',
  loggedBeforeEnrollment: 'logged_before_enrollment',
  notEnrolled: 'not_enrolled',
} as const;
export type MeetingOutcome = (typeof MeetingOutcome)[keyof typeof MeetingOutcome];

/** Unenrollment triggers (A10) and their operators. */
export const TriggerType = {
  contactProperty: 'contact_property',
  companyProperty: 'company_property',
  dealCreated: 'deal_created',
} as const;
export type TriggerType = (typeof TriggerType)[keyof typeof TriggerType];
export const TriggerOperator = {
  eq: 'eq',
  neq: 'neq',
  in: 'in',
  known: 'known',
  unknown: 'unknown',
} as const;
export type TriggerOperator = (typeof TriggerOperator)[keyof typeof TriggerOperator];

/** Delegated permissions (`scp`) and the admin app role (`roles`). */
export const Scope = { read: 'Sequences.Read', readWrite: 'Sequences.ReadWrite' } as const;
export type Scope = (typeof Scope)[keyof typeof Scope];
export const Role = { admin: 'Sequences.Admin', workflow: 'Sequences.Workflow' } as const;
export type Role = (typeof Role)[keyof typeof Role];

/** Stable error codes of `{ "error": { "code", "message" } }`, with their HTTP status. */
export const ERROR_STATUS = {
  invalid_request: 400,
  empty_message: 400,
  not_a_message: 400,
  unparseable_message: 400,
  unauthorized: 401,
  forbidden: 403,
  tier_required: 403,
  user_removed: 403,
  not_found: 404,
  /** A well-formed id in the body names nothing in this account (e.g. a meeting's contactIds). */
  unknown_reference: 422,
  conflict: 409,
  contact_enrolled: 409,
  contact_opted_out: 409,
  address_bounced: 409,
  sequence_empty: 409,
  payload_too_large: 413,
  unsupported_media_type: 415,
  /** Over a rate limit (per user, per client address); the `Retry-After` header says when to retry. */
  rate_limited: 429,
  internal_error: 500,
  service_unavailable: 503,
  /** The database cannot be reached right now (S5); the request changed nothing. */
  database_unavailable: 503,
} as const;
export type ErrorCode = keyof typeof ERROR_STATUS;
