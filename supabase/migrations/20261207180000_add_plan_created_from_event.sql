-- A plan made by a reply (#17): every web instance that relays a reply stores its `plan` events, the one that started it
-- and any that follow it. A reply that makes two new plans (the model planned twice) was stored as four when a follower
-- came late: it looked only at the conversation's newest plan. A new plan now keeps the reply and the agent's event id
-- (the run's `id:`) that made it, so each event makes one plan however many instances store it.

/*
 * plans.from_message_id / from_event: the reply and the run's event id that created this plan; null for a plan made
 * otherwise (a button, a constraint said in chat). Deleting the reply's conversation deletes the plan anyway.
 */
alter table public.plans
  add column from_message_id uuid references public.messages (id) on delete set null,
  add column from_event integer check (from_event > 0);

create unique index plans_from_event_idx on public.plans (owner_id, from_message_id, from_event)
  where from_message_id is not null;

/*
 * The plan `p_event` of the owner's reply `p_message_id` made, at version 1: created by the first call, found by every
 * later one (which ignores `p_version`). Raises CH404 message_not_found when the reply is not the owner's in that
 * conversation, and what create_plan raises.
 */
create function public.create_plan_from_event(p_owner uuid, p_conversation_id uuid, p_message_id uuid, p_event integer, p_version jsonb)
returns jsonb
language plpgsql security definer set search_path = '' as $$
declare
  p public.plans;
  v public.plan_versions;
  v_created jsonb;
begin
  -- Two instances storing the same event wait for each other here, and the second finds the first's plan.
  perform pg_advisory_xact_lock(hashtextextended('plan-from:' || p_message_id::text, p_event));
  select * into p from public.plans where owner_id = p_owner and from_message_id = p_message_id and from_event = p_event;
  if found then
    select * into v from public.plan_versions where plan_id = p.id and version = 1;
    return app_private.plan_json(p, v);
  end if;
  if not exists (
    select 1 from public.messages
     where id = p_message_id and owner_id = p_owner and conversation_id = p_conversation_id and role = 'assistant'
  ) then
    raise exception using errcode = 'CH404', message = 'message_not_found';
  end if;
  v_created := public.create_plan(p_owner, p_conversation_id, p_version);
  update public.plans set from_message_id = p_message_id, from_event = p_event where id = (v_created ->> 'planId')::uuid;
  return v_created;
end;
$$;

-- It takes any owner: service_role only, like every store function.
revoke execute on function public.create_plan_from_event(uuid, uuid, uuid, integer, jsonb) from public, anon, authenticated;
grant execute on function public.create_plan_from_event(uuid, uuid, uuid, integer, jsonb) to service_role;
