import { AppError } from '../errors';

/**
 * Turns whatever a transport threw (pg / PGlite error, supabase-js `{ error }`, network failure) into an AppError.
 * Only the errors our SQL functions raise on purpose (SQLSTATE CH400 / CH404, see the functions migration) become
 * bad_request / not_found; a lost or refused connection is `unavailable:database`; anything else is
 * `internal:database`. A database fault never becomes a 400.
 */

const raisedByFunctions: Record<string, AppError['code']> = {
  conversation_not_found: 'not_found:conversation',
  message_not_found: 'not_found:message',
  feedback_requires_assistant_message: 'bad_request:feedback',
  not_an_assistant_message: 'bad_request:message',
  invalid_final_status: 'bad_request:message',
  recipe_limit: 'bad_request:recipe_limit',
  ledger_changed: 'conflict:ledger',
  plan_not_found: 'not_found:plan',
  plan_version_conflict: 'conflict:plan',
};

const userMessageByCode: Record<string, string> = {
  'not_found:conversation': 'That conversation does not exist.',
  'not_found:message': 'That message does not exist.',
  'bad_request:feedback': 'Only assistant replies take feedback.',
  'bad_request:message': 'That message cannot be completed.',
  'bad_request:recipe_limit': 'The recipe box is full (500 recipes): delete one to add another.',
  'conflict:ledger': 'The constraints of this chat changed meanwhile. Please try again.',
  'not_found:plan': 'That plan does not exist.',
  'conflict:plan': 'The plan was changed meanwhile, in another tab or by the chef. Here is the current version.',
};

const connectionErrorCodes = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'ENOTFOUND',
  'EAI_AGAIN',
  'EPIPE',
  'EHOSTUNREACH',
  '57P01', // admin_shutdown
  '57P02', // crash_shutdown
  '57P03', // cannot_connect_now
  '53300', // too_many_connections
  'PGRST000', // PostgREST could not connect to the database
  'PGRST001',
  'PGRST002',
]);

const connectionMessages = [
  /connection terminated/i,
  /timeout exceeded when trying to connect/i,
  /connect ECONNREFUSED/i,
  /fetch failed/i,
  /Client has encountered a connection error/i,
  /Connection refused/i,
  /Cannot use a pool after calling end/i,
  /PGlite is closed/i,
];

interface ErrorLike {
  code?: unknown;
  message?: unknown;
}

export function databaseErrorToAppError(error: unknown): AppError {
  if (error instanceof AppError) return error;
  const { code, message } = (error ?? {}) as ErrorLike;
  const codeText = typeof code === 'string' ? code : '';
  const messageText = typeof message === 'string' ? message : String(error);

  if (codeText === 'CH400' || codeText === 'CH404' || codeText === 'CH409') {
    const fallback = codeText === 'CH404' ? 'not_found:resource' : codeText === 'CH409' ? 'conflict:input' : 'bad_request:input';
    const appCode = raisedByFunctions[messageText] ?? fallback;
    return new AppError(appCode, userMessageByCode[appCode] ?? 'The request is not valid.', { cause: error });
  }
  if (
    connectionErrorCodes.has(codeText) ||
    codeText.startsWith('08') ||
    connectionMessages.some((pattern) => pattern.test(messageText))
  ) {
    return new AppError('unavailable:database', 'The database is not reachable right now. Please try again.', { cause: error });
  }
  return new AppError('internal:database', 'Something went wrong. Please try again.', { cause: error });
}

export interface SupabaseResultLike<T> {
  data: T | null;
  error: ({ code?: string; message?: string } & object) | null;
  status?: number;
}

/**
 * The one place every supabase-js result is checked. A failed fetch (status 0) or a 502/503/504 from the Data API is
 * a database outage whatever the body says.
 */
export function assertSupabaseResult<T>(result: SupabaseResultLike<T>): T | null {
  if (!result.error) return result.data;
  const appError = databaseErrorToAppError(result.error);
  const status = result.status ?? 0;
  if (appError.type === 'internal' && (status === 0 || status === 502 || status === 503 || status === 504)) {
    throw new AppError('unavailable:database', 'The database is not reachable right now. Please try again.', {
      cause: result.error,
    });
  }
  throw appError;
}
