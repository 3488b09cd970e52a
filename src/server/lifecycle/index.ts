/**
 * The enrollment lifecycle: the only code that writes `enrollments` and
 * `enrollment_events` (a test enforces it), and the read model of both. Every domain
 * that enrolls, advances, pauses, resumes or ends enrollments calls down into it, inside
 * `changeEnrollments` (docs/architecture.md).
 */
export {
  changeEnrollments,
  STEPS_DUE_CHANNEL,
  type Actor,
  type LifecycleDeps,
  type LifecycleTx,
} from './transaction';
export { nextChunkSize, unenrollInChunks, UNENROLL_CHUNK } from './chunked-unenroll';
export { enroll, type NewEnrollment } from './queries/enroll';
export { appendEvents, type NewEvent } from './queries/events';
export { pause, resume, type PauseInput, type PauseUntil } from './queries/pause-resume';
export {
  claimDueSteps,
  leasesHeld,
  recordStepOutcomes,
  releaseLeases,
  resumeDuePauses,
  scheduleNextStep,
  stillLeasedActive,
  type Advance,
  type ClaimedEnrollment,
  type Postponement,
  type StepOutcomes,
} from './queries/steps';
export {
  unenroll,
  unenrollAll,
  unenrollEach,
  unenrollForChange,
  UNENROLL_BATCH,
  type UnenrollCause,
  type UnenrollOutcome,
  type UnenrollSelector,
} from './queries/unenroll';
export * from './queries/views';
export { IS_CURRENT } from './queries/fragments';
