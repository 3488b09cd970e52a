import { isDatabaseUnavailable } from '../../../src/server/http/errors';
import { toErrorBody } from '../../../src/server/http/error-handler';

const withCode = (code: string, message = 'x') => Object.assign(new Error(message), { code });

describe('a database that is not there is a 503, not a 500 (S5)', () => {
  test.each([
    ['refused connection', withCode('ECONNREFUSED')],
    ['reset connection', withCode('ECONNRESET')],
    ['admin shutdown (57P01)', withCode('57P01', 'terminating connection due to administrator command')],
    ['starting up (57P03)', withCode('57P03', 'the database system is starting up')],
    ['connection failure (08006)', withCode('08006')],
    ['too many connections (53300)', withCode('53300')],
    ['pg: connection terminated', new Error('Connection terminated unexpectedly')],
    ['pg pool: connect timeout', new Error('timeout exceeded when trying to connect')],
    ['several addresses refused', new AggregateError([withCode('ECONNREFUSED')], 'connect')],
  ])('%s', (_name, error) => {
    expect(isDatabaseUnavailable(error)).toBe(true);
    expect(toErrorBody(error)).toMatchObject({
      status: 503,
      body: { error: { code: 'database_unavailable' } },
    });
  });

  test.each([
    ['a unique violation', withCode('23505')],
    ['a syntax error', withCode('42601')],
    ['a plain bug', new TypeError('x is undefined')],
  ])('%s is not', (_name, error) => {
    expect(isDatabaseUnavailable(error)).toBe(false);
  });
});
