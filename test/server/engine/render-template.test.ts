import { MERGE_FIELDS } from '../../../src/shared/enums';
import {
  renderTemplate,
  unknownMergeFields,
  type TemplateFields,
} from '../../../src/server/engine/render-template';

const fields: TemplateFields = {
  firstName: 'Ann',
  lastName: 'Lee',
  fullName: 'Ann Lee',
  email: 'ann@fabrikam.example',
  company: '',
  senderName: 'Riley Rep',
  senderFirstName: 'Riley',
  senderEmail: 'rep@contoso.example',
  signature: '',
};

describe('renderTemplate', () => {
  test.each([
    ['Hi {{firstName}}', 'Hi Ann'],
    ['Hi {{ firstName }} {{lastName}}', 'Hi Ann Lee'],
    ['{{fullName}} <{{email}}>', 'Ann Lee <ann@fabrikam.example>'],
    ['about {{company|your team}}’s plans', 'about your team’s plans'],
    ['about {{company | your team }}', 'about your team'],
    ['{{firstName|there}}', 'Ann'],
    ['{{company}}', ''],
    ['— {{senderFirstName}}', '— Riley'],
    ['{{nope}}!', '!'],
    ['{ {firstName} } and {{first-name}}', '{ {firstName} } and {{first-name}}'],
  ])('%s → %s', (template, expected) => {
    expect(renderTemplate(template, fields)).toBe(expected);
  });
});

describe('unknownMergeFields', () => {
  test('every documented field is known, with or without a fallback and spaces', () => {
    expect(unknownMergeFields(MERGE_FIELDS.map((name) => `{{${name}}}`).join(' '))).toEqual([]);
    expect(unknownMergeFields('{{ company | your team }}, {{signature}} and no other fields')).toEqual([]);
  });

  test.each([
    ['Hi {{frstName}}', ['{{frstName}}']],
    ['{{unknown}} {{unknown}} {{Company}}', ['{{unknown}}', '{{Company}}']],
    ['{{firstname|there}}', ['{{firstname|there}}']],
    ['{{first_name}} and {{first-name}} and {{ }}', ['{{first_name}}', '{{first-name}}', '{{ }}']],
  ])('%s → %j', (template, expected) => {
    expect(unknownMergeFields(template)).toEqual(expected);
  });
});
