import { AppError, isAppError } from '@/lib/errors';
import { errorResponse } from '@/lib/http';

describe('AppError across copies of lib/errors', () => {
  test('when the store throws the AppError of another bundle (Next.js gives pages and route handlers each their own copy of lib/), then the route still answers with its code and status, not an unexpected 500', async () => {
    let Other: typeof AppError | undefined;
    jest.isolateModules(() => {
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      Other = (require('@/lib/errors') as typeof import('@/lib/errors')).AppError;
    });
    expect(Other).toBeDefined();
    expect(Other).not.toBe(AppError);
    const fromOtherCopy = new Other!('bad_request:cursor', 'The page cursor is not valid.');
    expect(fromOtherCopy instanceof AppError).toBe(false);

    expect(isAppError(fromOtherCopy)).toBe(true);
    const response = errorResponse(fromOtherCopy, 'req-1');
    expect(response.status).toBe(400);
    expect(await response.json()).toEqual({ code: 'bad_request:cursor', message: 'The page cursor is not valid.', requestId: 'req-1' });
  });

  test('when a plain error or a look-alike object arrives, then it is not an AppError', () => {
    expect(isAppError(new Error('The page cursor is not valid.'))).toBe(false);
    expect(isAppError({ name: 'AppError', code: 'bad_request:cursor', status: 400 })).toBe(false);
    expect(isAppError(null)).toBe(false);
    expect(isAppError('bad_request:cursor')).toBe(false);
  });

  test('the mark is not enumerable, so it never shows up where an error is serialized (logs, Sentry extra data)', () => {
    const error = new AppError('unavailable:database', 'The database is not reachable right now. Please try again.');
    expect(Object.getOwnPropertyDescriptor(error, Symbol.for('chef-chopsky.app-error'))).toMatchObject({ value: true, enumerable: false });
    expect(JSON.stringify({ ...error })).not.toMatch(/app-error/);
  });
});
