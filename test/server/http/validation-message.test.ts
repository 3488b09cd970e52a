import { validationMessage, type ValidationIssue } from '../../../src/server/http/validation-message';

const issue = (
  keyword: string,
  instancePath: string,
  schemaPath: string,
  params: object = {},
  message?: string,
) => ({ keyword, instancePath, schemaPath, params, message }) as ValidationIssue;
const union = (instancePath: string, schemaPath: string) =>
  issue('anyOf', instancePath, schemaPath, {}, 'must match a schema in anyOf');

describe('validationMessage', () => {
  test.each<[string, ValidationIssue[], string]>([
    [
      'a nested path with array indexes',
      [issue('minLength', '/steps/0/subject', '#/x', { limit: 1 }, 'must NOT have fewer than 1 characters')],
      'Invalid body: body.steps[0].subject must NOT have fewer than 1 characters',
    ],
    [
      'a missing property',
      [issue('required', '', '#/required', { missingProperty: 'name' })],
      "Invalid body: body lacks the required property 'name'",
    ],
    [
      'a constant',
      [issue('const', '/all', '#/x', { allowedValue: true })],
      'Invalid body: body.all must be true',
    ],
    [
      'an email',
      [issue('format', '/email', '#/x', { format: 'email' })],
      'Invalid body: body.email must be an email address',
    ],
    [
      'alternatives: the form the value went furthest into (a bad id, not a missing email)',
      [
        issue('format', '/contactId', '#/anyOf/0/properties/contactId/format', { format: 'uuid' }),
        issue('required', '', '#/anyOf/1/required', { missingProperty: 'email' }),
        union('', '#/anyOf'),
      ],
      'Invalid body: body.contactId must be a UUID',
    ],
    [
      'alternatives with no closer form: either … or …',
      [
        issue('additionalProperties', '', '#/anyOf/0/additionalProperties', { additionalProperty: 'email' }),
        issue('additionalProperties', '', '#/anyOf/1/additionalProperties', {
          additionalProperty: 'contactId',
        }),
        union('', '#/anyOf'),
      ],
      "Invalid body: either body has an unknown property 'email', or body has an unknown property 'contactId'",
    ],
    [
      'alternatives inside an array item (an email or a task step)',
      [
        issue('const', '/steps/1/type', '#/properties/steps/items/anyOf/0/properties/type/const', {
          allowedValue: 'email',
        }),
        issue('required', '/steps/1', '#/properties/steps/items/anyOf/1/required', {
          missingProperty: 'title',
        }),
        union('/steps/1', '#/properties/steps/items/anyOf'),
      ],
      'Invalid body: body.steps[1].type must be "email"',
    ],
    [
      'a UUID or null',
      [
        issue('format', '/companyId', '#/properties/companyId/anyOf/0/format', { format: 'uuid' }),
        issue('type', '/companyId', '#/properties/companyId/anyOf/1/type', { type: 'null' }, 'must be null'),
        union('/companyId', '#/properties/companyId/anyOf'),
      ],
      'Invalid body: body.companyId must be a UUID',
    ],
    [
      'the same complaint from every form, once',
      [
        issue('type', '', '#/anyOf/0/type', { type: 'object' }, 'must be object'),
        issue('type', '', '#/anyOf/1/type', { type: 'object' }, 'must be object'),
        union('', '#/anyOf'),
      ],
      'Invalid body: body must be object',
    ],
    [
      'items 1 and 10 of one array are different places',
      [
        issue('required', '/steps/10', '#/properties/steps/items/anyOf/0/required', {
          missingProperty: 'subject',
        }),
        issue('required', '/steps/10', '#/properties/steps/items/anyOf/1/required', {
          missingProperty: 'title',
        }),
        union('/steps/10', '#/properties/steps/items/anyOf'),
        issue('maxLength', '/steps/1/subject', '#/x', {}, 'must NOT have more than 300 characters'),
      ],
      "Invalid body: either body.steps[10] lacks the required property 'subject', or body.steps[10] lacks the required property 'title'; body.steps[1].subject must NOT have more than 300 characters",
    ],
  ])('%s', (_name, issues, expected) => {
    expect(validationMessage('body', issues)).toBe(expected);
  });
});
