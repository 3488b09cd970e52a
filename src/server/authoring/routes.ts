import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { KnownProperties, StepPreview, StepPreviewBody } from '../../shared/schemas';
import type { Deps } from '../deps';
import { errorResponses } from '../http/responses';
import { listKnownProperties, previewStep } from './service';

/** What the console's sequence editor and Automation tab ask while a person builds a sequence. */
export function authoringRoutes(deps: Deps): FastifyPluginAsyncTypebox {
  return async (app) => {
    app.post(
      '/sequences/render-step',
      {
        schema: {
          summary: 'Render a step for a contact with the engine’s own renderer, as it will be sent',
          body: StepPreviewBody,
          response: { 200: StepPreview, ...errorResponses },
        },
        // A preview changes nothing, whatever its method.
        config: { auth: 'read' },
      },
      async (request) => previewStep(deps, request.principal, request.body),
    );

    app.get(
      '/properties',
      {
        schema: {
          summary:
            'The property keys of contacts and companies, with their most common values (trigger pickers)',
          response: { 200: KnownProperties, ...errorResponses },
        },
      },
      async (request) => listKnownProperties(deps, request.principal),
    );
  };
}
