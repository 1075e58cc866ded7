import type * as Sentry from '@sentry/nextjs';
import type { AroundStoreCall } from './db/rpc-store';

/** The attributes a store call's span carries: the database, and which store function (never its arguments). */
const storeSpanAttributes = (name: string) => ({
  'sentry.op': 'db',
  'sentry.origin': 'manual.db.store',
  'db.system.name': 'postgresql',
  'db.operation.name': name,
});

/**
 * A span per store call (`store.<function>`, op `db`), only in a sampled trace; an unsampled request's calls run as
 * they are, with no span work at all.
 *
 * This replaces the SDK's Postgres integration on the web app: that one builds a span for every query of every
 * request, sampled or not (its attributes, the connection string, a context for the query), CPU that every chat paid
 * for nothing. It also covers the Supabase transport, whose fetch calls get no spans.
 */
export function sentryStoreSpans(sdk: Pick<typeof Sentry, 'getActiveSpan' | 'startSpan'>): AroundStoreCall {
  return (name, run) => {
    if (!sdk.getActiveSpan()?.isRecording()) return run();
    return sdk.startSpan({ name: `store.${name}`, onlyIfParent: true, attributes: storeSpanAttributes(name) }, run);
  };
}
