import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { WorkflowUnenrollBody, WorkflowUnenrollResult } from '../../shared/schemas';
import type { Deps } from '../deps';
import { errorResponses } from '../http/responses';
import { workflowUnenroll } from './service';

export function workflowRoutes(deps: Deps): FastifyPluginAsyncTypebox {
  return async (app) => {
    app.post(
      '/workflows/unenroll',
      {
        schema: {
          summary: 'A workflow action unenrolls a contact (A9; Enterprise tier)',
          description:
            'For admins (Sequences.Admin) and workflow clients (app-only tokens with the Sequences.Workflow role). ' +
            'A contact not enrolled (in sequenceId, when given) answers 200 with unenrolled: 0.',
          body: WorkflowUnenrollBody,
          response: { 200: WorkflowUnenrollResult, ...errorResponses },
        },
        config: { auth: 'workflow' },
      },
      async (request) => {
        const caller = request.appPrincipal ? { app: request.appPrincipal } : { user: request.principal };
        return workflowUnenroll(deps, caller, request.body);
      },
    );
  };
}
