/** How database errors become AppErrors: only what our functions raise on purpose is the caller's fault. */
import { assertSupabaseResult, databaseErrorToAppError } from '@/lib/db/faults';
import { AppError } from '@/lib/errors';

describe('databaseErrorToAppError', () => {
  test.each([
    [{ code: 'CH404', message: 'conversation_not_found' }, 'not_found:conversation', 404],
    [{ code: 'CH404', message: 'message_not_found' }, 'not_found:message', 404],
    [{ code: 'CH400', message: 'feedback_requires_assistant_message' }, 'bad_request:feedback', 400],
    [{ code: 'CH400', message: 'not_an_assistant_message' }, 'bad_request:message', 400],
    [{ code: 'CH409', message: 'ledger_changed' }, 'conflict:ledger', 409],
    [{ code: 'ECONNREFUSED', message: 'connect ECONNREFUSED 127.0.0.1:5432' }, 'unavailable:database', 503],
    [{ code: 'ECONNRESET', message: 'read ECONNRESET' }, 'unavailable:database', 503],
    [{ code: '57P01', message: 'terminating connection due to administrator command' }, 'unavailable:database', 503],
    [{ code: '08006', message: 'connection failure' }, 'unavailable:database', 503],
    [{ code: '53300', message: 'sorry, too many clients already' }, 'unavailable:database', 503],
    [new Error('Connection terminated unexpectedly'), 'unavailable:database', 503],
    [new Error('timeout exceeded when trying to connect'), 'unavailable:database', 503],
    [{ code: '23514', message: 'new row for relation "messages" violates check constraint' }, 'internal:database', 500],
    [{ code: '22P02', message: 'invalid input syntax for type uuid' }, 'internal:database', 500],
    [{ code: '42883', message: 'function public.nope() does not exist' }, 'internal:database', 500],
  ])('%j is %s (%i)', (error, code, status) => {
    const mapped = databaseErrorToAppError(error);
    expect(mapped).toBeInstanceOf(AppError);
    expect({ code: mapped.code, status: mapped.status }).toEqual({ code, status });
    expect(mapped.cause).toBe(error);
    expect(mapped.exposeDetails).toBe(false);
  });

  test('an AppError passes through unchanged', () => {
    const error = new AppError('bad_request:cursor', 'The page cursor is not valid.');
    expect(databaseErrorToAppError(error)).toBe(error);
  });

  test('the user-facing message never carries the database text', () => {
    const mapped = databaseErrorToAppError({ code: '23505', message: 'duplicate key value violates unique constraint "secret_idx"' });
    expect(mapped.message).not.toMatch(/secret_idx|duplicate/);
  });
});

describe('assertSupabaseResult', () => {
  test('returns the data when there is no error', () => {
    expect(assertSupabaseResult({ data: { id: 1 }, error: null, status: 200 })).toEqual({ id: 1 });
    expect(assertSupabaseResult({ data: null, error: null, status: 200 })).toBeNull();
  });

  test('an unknown error behind a 503 or a failed fetch is an outage; behind a 400 it is internal', () => {
    const error = { code: 'XX000', message: 'boom' };
    expect(() => assertSupabaseResult({ data: null, error, status: 503 })).toThrow(expect.objectContaining({ code: 'unavailable:database' }));
    expect(() => assertSupabaseResult({ data: null, error, status: 0 })).toThrow(expect.objectContaining({ code: 'unavailable:database' }));
    expect(() => assertSupabaseResult({ data: null, error, status: 400 })).toThrow(expect.objectContaining({ code: 'internal:database' }));
  });
});
