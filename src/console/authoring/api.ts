import type {
  Contact,
  CreateSequenceBody,
  EnrollManyResult,
  Enrollment,
  KnownProperties,
  Me,
  PatchSequenceBody,
  Sequence,
  SequenceDetail,
  StepPreview,
  StepPreviewBody,
} from '../../shared/schemas';

/** The HTTP verbs the authoring screens need; the console's client provides them. */
export interface AuthoringHttp {
  get<T>(path: string, query?: Record<string, string | number | undefined>): Promise<T>;
  post<T>(path: string, body?: unknown): Promise<T>;
  patch<T>(path: string, body: unknown): Promise<T>;
}

/** What the authoring screens ask of the API (components get it as a prop, tests a fake). */
export interface AuthoringApi {
  me(): Promise<Me>;
  saveSignature(signature: string): Promise<void>;
  sequence(id: string): Promise<SequenceDetail>;
  sequences(): Promise<Sequence[]>;
  createSequence(body: CreateSequenceBody): Promise<SequenceDetail>;
  patchSequence(id: string, body: PatchSequenceBody): Promise<SequenceDetail>;
  renderStep(body: StepPreviewBody): Promise<StepPreview>;
  knownProperties(): Promise<KnownProperties>;
  searchContacts(q: string): Promise<Contact[]>;
  enroll(sequenceId: string, contactId: string): Promise<Enrollment>;
  enrollMany(sequenceId: string, contactIds: string[]): Promise<EnrollManyResult>;
}

const id = encodeURIComponent;

export function createAuthoringApi(http: AuthoringHttp): AuthoringApi {
  return {
    me: () => http.get('/me'),
    saveSignature: async (signature) => {
      await http.patch('/me', { signature });
    },
    sequence: (sequenceId) => http.get(`/sequences/${id(sequenceId)}`),
    sequences: async () => (await http.get<{ items: Sequence[] }>('/sequences')).items,
    createSequence: (body) => http.post('/sequences', body),
    patchSequence: (sequenceId, body) => http.patch(`/sequences/${id(sequenceId)}`, body),
    renderStep: (body) => http.post('/sequences/render-step', body),
    knownProperties: () => http.get('/properties'),
    searchContacts: async (q) =>
      (await http.get<{ items: Contact[] }>('/contacts', { q: q.trim() || undefined, limit: 20 })).items,
    enroll: (sequenceId, contactId) => http.post('/enrollments', { sequenceId, contactId }),
    enrollMany: (sequenceId, contactIds) => http.post('/enrollments/batch', { sequenceId, contactIds }),
  };
}

/** The message of whatever an API call threw, for a person. */
export function messageOf(error: unknown): string {
  if (error instanceof Error && error.message) return error.message;
  return 'Something went wrong. Try again.';
}

/** The server's error code (`contact_enrolled` …), when it gave one. */
export function codeOf(error: unknown): string | undefined {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' ? code : undefined;
}
