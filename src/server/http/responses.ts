import { Type } from '@sinclair/typebox';

/** The error body every route may answer with, for the OpenAPI document. */
export const ErrorResponse = Type.Object(
  { error: Type.Object({ code: Type.String(), message: Type.String() }) },
  { additionalProperties: true, description: 'A stable code and a message for people' },
);

/** Spread into a route's `response` beside its success body. */
export const errorResponses = { '4xx': ErrorResponse, '5xx': ErrorResponse } as const;
