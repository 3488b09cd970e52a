import { describeEachDb } from '../../helpers/context';

describeEachDb('canonical_email() in the database (A4 provider rules)', (ctx) => {
  test.each([
    ['Ann.Lee@Fabrikam.example', 'ann.lee@fabrikam.example'],
    ['ann.lee+newsletter@fabrikam.example', 'ann.lee@fabrikam.example'],
    ['a.n.n.l.e.e@gmail.com', 'annlee@gmail.com'],
    ['Ann.Lee+x@GoogleMail.com', 'annlee@gmail.com'],
    ['ann.lee@outlook.com', 'ann.lee@outlook.com'],
    ['not-an-address', 'not-an-address'],
  ])('%s → %s', async (input, expected) => {
    const { rows } = await ctx().db.query<{ canonical: string }>('SELECT canonical_email($1) AS canonical', [
      input,
    ]);
    expect(rows[0].canonical).toBe(expected);
  });
});
