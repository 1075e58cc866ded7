-- The living plan (#15): one versioned plan per conversation, changed by structured actions. A conversation's current
-- plan is its newest; a request for a different plan starts a new one beside it, and the old one stays readable.
-- Each version keeps the plan, the state the next action needs, the constraint ledger it was planned under, the action
-- that produced it and its grocery list. Ticks on the grocery list belong to the plan and carry over to a new version
-- for the items it still needs. A plan can be shared read-only through a revocable link. The JSON helpers are plain
-- inlinable SQL with every name schema-qualified, as in 20261122010500_inline_store_json_helpers.sql.

/*
 * plans: one plan of a conversation (a conversation's current plan is its newest). `current_version` is the version
 * shown; `ticks` are the grocery items ticked; `share_id` is what a share link names, null when not shared.
 */
create table public.plans (
  id uuid primary key default gen_random_uuid(),
  owner_id uuid not null,
  conversation_id uuid not null,
  current_version integer not null default 1 check (current_version >= 1),
  -- Ingredient ids ticked on the current version's grocery list.
  ticks text[] not null default '{}' check (cardinality(ticks) <= 500),
  -- The id a share link names (the web app signs it); null when not shared. Revoking clears it.
  share_id uuid unique,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  foreign key (conversation_id, owner_id) references public.conversations (id, owner_id) on delete cascade,
  unique (id, owner_id)
);

create index plans_conversation_created_idx on public.plans (conversation_id, created_at desc, id desc);

/*
 * plan_versions: every version of a plan, never changed once written: the plan, the state the next action needs
 * (request, kept meals, avoided recipes, pantry notes), the ledger it was planned under, its grocery list, the action
 * that produced it in words (`label`) and as data, and the kitchen's data version (a plan made before a recipe-data
 * change is recognised).
 */
create table public.plan_versions (
  plan_id uuid not null,
  owner_id uuid not null,
  version integer not null check (version >= 1),
  plan jsonb not null check (jsonb_typeof(plan) = 'object'),
  state jsonb not null check (jsonb_typeof(state) = 'object'),
  ledger jsonb not null check (jsonb_typeof(ledger) = 'object'),
  grocery jsonb not null check (jsonb_typeof(grocery) = 'object'),
  action jsonb not null check (jsonb_typeof(action) = 'object'),
  label text not null check (char_length(label) between 1 and 200),
  catalog_version text not null check (char_length(catalog_version) between 1 and 40),
  created_at timestamptz not null default now(),
  primary key (plan_id, version),
  foreign key (plan_id, owner_id) references public.plans (id, owner_id) on delete cascade
);

create trigger plans_touch_updated_at before update on public.plans
  for each row execute function app_private.touch_updated_at();

alter table public.plans enable row level security;
alter table public.plan_versions enable row level security;
revoke all on public.plans, public.plan_versions from anon;
grant select, insert, update, delete on public.plans, public.plan_versions to authenticated;
create policy plans_owner on public.plans for all to authenticated
  using (owner_id = (select auth.uid())) with check (owner_id = (select auth.uid()));
create policy plan_versions_owner on public.plan_versions for all to authenticated
  using (owner_id = (select auth.uid())) with check (owner_id = (select auth.uid()));

/* A plan at one of its versions, with the list of versions, as the web app reads it (packages/contract PlanView). */
create function app_private.plan_json(p public.plans, v public.plan_versions) returns jsonb
language sql stable as $$
  select jsonb_build_object(
    'planId', p.id,
    'conversationId', p.conversation_id,
    'version', v.version,
    'currentVersion', p.current_version,
    'label', v.label,
    'plan', v.plan,
    'state', v.state,
    'ledger', v.ledger,
    'grocery', v.grocery,
    'action', v.action,
    'catalogVersion', v.catalog_version,
    'createdAt', app_private.iso(v.created_at),
    'ticks', to_jsonb(p.ticks),
    'shareId', p.share_id,
    'versions', (
      select coalesce(jsonb_agg(jsonb_build_object('version', x.version, 'label', x.label, 'createdAt', app_private.iso(x.created_at)) order by x.version desc), '[]')
        from public.plan_versions x where x.plan_id = p.id
    )
  )
$$;

/* The ingredient ids a version's grocery list still buys: ticks for anything else are dropped. */
create function app_private.grocery_ids(p_grocery jsonb) returns text[]
language sql immutable as $$
  select coalesce(array_agg(item ->> 'ingredientId'), '{}')
    from jsonb_array_elements(coalesce(p_grocery -> 'sections', '[]')) section,
         jsonb_array_elements(coalesce(section -> 'items', '[]')) item
$$;

-- A new plan in a conversation, at version 1. p_version: { plan, state, ledger, grocery, action, label, catalogVersion }.
create function public.create_plan(p_owner uuid, p_conversation_id uuid, p_version jsonb) returns jsonb
language plpgsql security definer set search_path = '' as $$
declare
  p public.plans;
  v public.plan_versions;
begin
  if not exists (select 1 from public.conversations where id = p_conversation_id and owner_id = p_owner) then
    raise exception using errcode = 'CH404', message = 'conversation_not_found';
  end if;
  insert into public.plans (owner_id, conversation_id) values (p_owner, p_conversation_id) returning * into p;
  insert into public.plan_versions (plan_id, owner_id, version, plan, state, ledger, grocery, action, label, catalog_version)
  values (p.id, p_owner, 1, p_version -> 'plan', p_version -> 'state', p_version -> 'ledger', p_version -> 'grocery',
          p_version -> 'action', p_version ->> 'label', p_version ->> 'catalogVersion')
  returning * into v;
  return app_private.plan_json(p, v);
end;
$$;

-- The next version of a plan, compare-and-set: p_base_version must be the current version, else CH409 and nothing is
-- written (the caller reads the current version and decides). Ticks carry over for the items still bought.
create function public.add_plan_version(p_owner uuid, p_plan_id uuid, p_base_version integer, p_version jsonb) returns jsonb
language plpgsql security definer set search_path = '' as $$
declare
  p public.plans;
  v public.plan_versions;
begin
  select * into p from public.plans where id = p_plan_id and owner_id = p_owner for update;
  if not found then
    raise exception using errcode = 'CH404', message = 'plan_not_found';
  end if;
  if p.current_version <> p_base_version then
    raise exception using errcode = 'CH409', message = 'plan_version_conflict';
  end if;
  insert into public.plan_versions (plan_id, owner_id, version, plan, state, ledger, grocery, action, label, catalog_version)
  values (p.id, p_owner, p.current_version + 1, p_version -> 'plan', p_version -> 'state', p_version -> 'ledger',
          p_version -> 'grocery', p_version -> 'action', p_version ->> 'label', p_version ->> 'catalogVersion')
  returning * into v;
  update public.plans
     set current_version = v.version,
         ticks = array(select t from unnest(p.ticks) t where t = any(app_private.grocery_ids(v.grocery)))
   where id = p.id
  returning * into p;
  return app_private.plan_json(p, v);
end;
$$;

-- A plan at a version (null: the current one), or null when the owner has no such plan or version.
create function public.get_plan(p_owner uuid, p_plan_id uuid, p_version integer) returns jsonb
language sql stable security definer set search_path = '' as $$
  select app_private.plan_json(p, v)
    from public.plans p
    join public.plan_versions v on v.plan_id = p.id and v.version = coalesce(p_version, p.current_version)
   where p.id = p_plan_id and p.owner_id = p_owner
$$;

-- A conversation's current plan (its newest), at its current version; null when it has none.
create function public.get_current_plan(p_owner uuid, p_conversation_id uuid) returns jsonb
language sql stable security definer set search_path = '' as $$
  select app_private.plan_json(p, v)
    from public.plans p
    join public.plan_versions v on v.plan_id = p.id and v.version = p.current_version
   where p.conversation_id = p_conversation_id and p.owner_id = p_owner
   order by p.created_at desc, p.id desc
   limit 1
$$;

-- Ticks or unticks one grocery item; returns the ticks, or null when the owner has no such plan.
create function public.set_plan_tick(p_owner uuid, p_plan_id uuid, p_ingredient_id text, p_ticked boolean) returns jsonb
language plpgsql security definer set search_path = '' as $$
declare
  p public.plans;
begin
  update public.plans
     set ticks = case
       when p_ticked then array(select distinct t from unnest(array_append(ticks, p_ingredient_id)) t order by t)
       else array_remove(ticks, p_ingredient_id)
     end
   where id = p_plan_id and owner_id = p_owner
  returning * into p;
  return case when found then to_jsonb(p.ticks) end;
end;
$$;

-- Starts sharing (a new share id, so an earlier link stops working) or stops it (p_share_id null). Returns whether the
-- owner has that plan.
create function public.set_plan_share(p_owner uuid, p_plan_id uuid, p_share_id uuid) returns boolean
language plpgsql security definer set search_path = '' as $$
begin
  update public.plans set share_id = p_share_id where id = p_plan_id and owner_id = p_owner;
  return found;
end;
$$;

-- What a share link shows: the current version's plan and grocery list, nothing else of the conversation or owner.
create function public.get_shared_plan(p_share_id uuid) returns jsonb
language sql stable security definer set search_path = '' as $$
  select jsonb_build_object('version', v.version, 'label', v.label, 'plan', v.plan, 'grocery', v.grocery, 'createdAt', app_private.iso(v.created_at))
    from public.plans p
    join public.plan_versions v on v.plan_id = p.id and v.version = p.current_version
   where p.share_id = p_share_id
$$;

revoke all on function app_private.plan_json(public.plans, public.plan_versions), app_private.grocery_ids(jsonb) from public;
revoke execute on function public.create_plan(uuid, uuid, jsonb), public.add_plan_version(uuid, uuid, integer, jsonb),
  public.get_plan(uuid, uuid, integer), public.get_current_plan(uuid, uuid), public.set_plan_tick(uuid, uuid, text, boolean),
  public.set_plan_share(uuid, uuid, uuid), public.get_shared_plan(uuid)
  from public, anon, authenticated;
grant execute on function public.create_plan(uuid, uuid, jsonb), public.add_plan_version(uuid, uuid, integer, jsonb),
  public.get_plan(uuid, uuid, integer), public.get_current_plan(uuid, uuid), public.set_plan_tick(uuid, uuid, text, boolean),
  public.set_plan_share(uuid, uuid, uuid), public.get_shared_plan(uuid)
  to service_role;
