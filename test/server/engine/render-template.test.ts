import { MERGE_FIELDS } from '../../../src/shared/enums';
import {
  renderTemplate,
  templateProblems,
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

describe('templateProblems', () => {
  test('every documented field is known', () => {
    expect(templateProblems(MERGE_FIELDS.map((name) => `{{${name}}}`).join(' '))).toEqual([]);
    expect(templateProblems('{{ company | your team }} and no fields at all')).toEqual([]);
  });

  test.each([
    ['Hi {{frstName}}', ['frstName']],
    ['{{unknown}} {{unknown}} {{Company}}', ['unknown', 'Company']],
    ['{{firstname|there}}', ['firstname']],
  ])('%s names %j', (template, names) => {
    const problems = templateProblems(template);
    expect(problems).toHaveLength(names.length);
    names.forEach((name, i) => {
      expect(problems[i]).toContain(`{{${name}}}`);
      expect(problems[i]).toContain('known: firstName, lastName');
    });
  });
});
