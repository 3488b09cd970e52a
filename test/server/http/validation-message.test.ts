import { validationMessage, type ValidationIssue } from '../../../src/server/http/validation-message';

const issue = (keyword: string, instancePath: string, params: object, schemaPath = '#/x', message?: string) =>
  ({ keyword, instancePath, schemaPath, params, message }) as ValidationIssue;

describe('validationMessage', () => {
  test.each<[string, ValidationIssue[], string]>([
    [
      'a nested path with array indexes',
      [issue('minLength', '/steps/0/subject', { limit: 1 }, '#/x', 'must NOT have fewer than 1 characters')],
      'Invalid body: body.steps[0].subject must NOT have fewer than 1 characters',
    ],
    [
      'a missing property',
      [issue('required', '', { missingProperty: 'name' })],
      "Invalid body: body lacks the required property 'name'",
    ],
    ['a constant', [issue('const', '/all', { allowedValue: true })], 'Invalid body: body.all must be true'],
    [
      'an email',
      [issue('format', '/email', { format: 'email' })],
      'Invalid body: body.email must be an email address',
    ],
    [
      'the closest of the alternative forms only',
      [
        issue(
          'additionalProperties',
          '',
          { additionalProperty: 'sequenceId' },
          '#/anyOf/0/additionalProperties',
        ),
        issue('required', '', { missingProperty: 'ids' }, '#/anyOf/0/required'),
        issue('const', '/all', { allowedValue: true }, '#/anyOf/1/properties/all/const'),
        issue('anyOf', '', {}, '#/anyOf', 'must match a schema in anyOf'),
      ],
      'Invalid body: body.all must be true',
    ],
    [
      'repeated issues once',
      [
        issue('required', '', { missingProperty: 'email' }),
        issue('required', '', { missingProperty: 'email' }),
      ],
      "Invalid body: body lacks the required property 'email'",
    ],
  ])('%s', (_name, issues, expected) => {
    expect(validationMessage('body', issues)).toBe(expected);
  });
});
