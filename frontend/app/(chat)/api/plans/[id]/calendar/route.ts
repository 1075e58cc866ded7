import { z } from 'zod';
import { appContext } from '@/lib/app-context';
import { AppError } from '@/lib/errors';
import { notFoundPlan, planIdOf, type PlanContext } from '@/lib/plans';
import { handle, requireOwner } from '@/lib/http';
import { nextMonday, planCalendar } from '@/lib/plan-calendar';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

const dateSchema = z.iso.date();

/**
 * `GET /api/plans/:id/calendar[?start=YYYY-MM-DD]`: the current version as an .ics file, one event per meal. Day 1 is
 * the given date, else the next Monday (today when it is one).
 */
export const GET = handle<PlanContext>(async (request, requestId, context) => {
  const { env, store } = await appContext();
  const ownerId = requireOwner(request, env.sessionSecret);
  const planId = await planIdOf(context);
  const asked = new URL(request.url).searchParams.get('start');
  if (asked !== null && !dateSchema.safeParse(asked).success) throw new AppError('bad_request:start', 'The start date must be a date such as 2026-12-14.');
  const stored = await store.getPlan({ ownerId, planId });
  if (!stored) throw notFoundPlan();
  const start = asked ?? nextMonday(new Date()).toISOString().slice(0, 10);
  const body = planCalendar(stored.plan, { start, name: `Chef Chopsky · ${stored.plan.days.length}-day plan` });
  return new Response(body, {
    headers: {
      'content-type': 'text/calendar; charset=utf-8',
      'content-disposition': `attachment; filename="chef-chopsky-plan-${start}.ics"`,
      'cache-control': 'no-store',
      'x-request-id': requestId,
    },
  });
});
