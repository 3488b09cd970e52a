import { randomUUID } from 'node:crypto';
import type { TestContext, TestUser } from './context';

export const TWO_EMAIL_STEPS = [
  { type: 'email', delayMinutes: 0, subject: 'Hello {{firstName}}', body: 'Hi {{firstName}} at {{company}}' },
  { type: 'email', delayMinutes: 60 * 24, subject: 'Follow-up', body: 'Just following up, {{firstName}}.' },
] as const;

export async function createSequence(
  ctx: TestContext,
  user: TestUser,
  body: Record<string, unknown> = {},
): Promise<{ id: string; [key: string]: any }> {
  const response = await ctx.request('POST', '/api/v1/sequences', {
    token: user.token,
    body: { name: `Sequence ${randomUUID().slice(0, 6)}`, steps: TWO_EMAIL_STEPS, ...body },
  });
  if (response.status !== 201)
    throw new Error(`createSequence: ${response.status} ${JSON.stringify(response.body)}`);
  return response.body;
}

export async function createContact(
  ctx: TestContext,
  user: TestUser,
  body: Record<string, unknown> = {},
): Promise<{ id: string; email: string; [key: string]: any }> {
  const response = await ctx.request('POST', '/api/v1/contacts', {
    token: user.token,
    body: {
      email: `${randomUUID().slice(0, 8)}@fabrikam.example`,
      firstName: 'Ann',
      lastName: 'Lee',
      ...body,
    },
  });
  if (response.status !== 201)
    throw new Error(`createContact: ${response.status} ${JSON.stringify(response.body)}`);
  return response.body;
}

export async function enroll(
  ctx: TestContext,
  user: TestUser,
  sequenceId: string,
  contactId: string,
): Promise<{ id: string; [key: string]: any }> {
  const response = await ctx.request('POST', '/api/v1/enrollments', {
    token: user.token,
    body: { sequenceId, contactId },
  });
  if (response.status !== 201) throw new Error(`enroll: ${response.status} ${JSON.stringify(response.body)}`);
  // Step 1 runs in the worker, which POST /enrollments wakes (E1); the tests run it here.
  await ctx.runDueSteps();
  const after = await ctx.request('GET', `/api/v1/enrollments/${response.body.id}`, { token: user.token });
  const { events: _events, ...enrollment } = after.body;
  return enrollment;
}

/** A user with a sequence and an enrolled contact: the starting point of most unenrollment tests. */
export async function enrolledContact(
  ctx: TestContext,
  user?: TestUser,
  sequenceBody: Record<string, unknown> = {},
) {
  const owner = user ?? (await ctx.newUser());
  const sequence = await createSequence(ctx, owner, sequenceBody);
  const contact = await createContact(ctx, owner);
  const enrollment = await enroll(ctx, owner, sequence.id, contact.id);
  return { user: owner, sequence, contact, enrollment };
}
