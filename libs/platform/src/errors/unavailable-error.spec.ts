import { QueryFailedError } from 'typeorm';
import { unavailablePart } from './unavailable-error';

describe('unavailablePart', () => {
  const withCode = (message: string, code: string) => Object.assign(new Error(message), { code });

  it('names the database for node-postgres connection failures and PostgreSQL outage codes', () => {
    expect(unavailablePart(withCode('connect ECONNREFUSED 127.0.0.1:5432', 'ECONNREFUSED'))).toBe('database');
    expect(unavailablePart(new Error('timeout exceeded when trying to connect'))).toBe('database');
    expect(unavailablePart(new Error('Connection terminated unexpectedly'))).toBe('database');
    expect(unavailablePart(new Error('Query read timeout'))).toBe('database');
    expect(unavailablePart(withCode('the database system is starting up', '57P03'))).toBe('database');
    expect(unavailablePart(withCode('terminating connection due to administrator command', '57P01'))).toBe('database');
    expect(unavailablePart(withCode('canceling statement due to statement timeout', '57014'))).toBe('database');
    expect(unavailablePart(withCode('sorry, too many clients already', '53300'))).toBe('database');
    const wrapped = new QueryFailedError('SELECT 1', [], withCode('server closed the connection', '08006'));
    expect(unavailablePart(wrapped)).toBe('database');
    expect(unavailablePart(new AggregateError([withCode('connect ECONNREFUSED ::1:5432', 'ECONNREFUSED')]))).toBe(
      'database',
    );
  });

  it('names Redis for ioredis timeouts and closed streams', () => {
    expect(unavailablePart(new Error('Command timed out'))).toBe('redis');
    expect(unavailablePart(new Error("Stream isn't writeable and enableOfflineQueue options is false"))).toBe('redis');
    expect(
      unavailablePart(
        Object.assign(new Error('Reached the max retries per request limit (which is 1).'), {
          name: 'MaxRetriesPerRequestError',
        }),
      ),
    ).toBe('redis');
  });

  it('leaves every other error alone (a bug stays a 500, a bad value a 4xx)', () => {
    expect(unavailablePart(new Error('boom'))).toBeNull();
    expect(unavailablePart(new QueryFailedError('INSERT', [], withCode('duplicate key value', '23505')))).toBeNull();
    expect(
      unavailablePart(new QueryFailedError('SELECT', [], withCode('invalid input syntax for type uuid', '22P02'))),
    ).toBeNull();
    expect(unavailablePart(withCode('null value in column', '23502'))).toBeNull();
    expect(unavailablePart(null)).toBeNull();
    expect(unavailablePart('Connection terminated')).toBeNull();
  });
});
