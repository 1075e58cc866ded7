-- The constraint ledger (#14): what the product knows about a conversation's household, kept as data rather than
-- re-read from chat text. The conversation holds its current ledger; each user message keeps the ledger as it stood
-- once that message was read, so what the cook said is never lost when the agent is unavailable. The household
-- profile gets its members (label, age group, allergies, diet), and the EU/UK allergens beyond the US 9.

/*
 * profiles.allergens: the US 9 and gluten, then molluscs, mustard, celery, lupin and sulphites (the kitchen's
 * ALLERGENS, packages/kitchen/src/types.ts).
 */
alter table public.profiles drop constraint profiles_allergens_check;
alter table public.profiles add constraint profiles_allergens_check check (
  allergens <@ array[
    'milk', 'egg', 'fish', 'shellfish', 'tree_nuts', 'peanuts', 'wheat', 'soy', 'sesame', 'gluten',
    'molluscs', 'mustard', 'celery', 'lupin', 'sulphites'
  ]
);

/*
 * profiles.members: who lives in the household, each { label, ageGroup, allergens, diet }; the web app validates the
 * shape (frontend/lib/profile.ts). When there are members, the household size is their number.
 */
alter table public.profiles add column members jsonb not null default '[]'
  check (jsonb_typeof(members) = 'array' and jsonb_array_length(members) <= 20);

/*
 * conversations.ledger: { entries, lifted } (packages/contract/src/ledger.ts). The web app merges every user message
 * and every chip edit into it; the agent may add what a model's tool call named.
 */
alter table public.conversations add column ledger jsonb not null default '{"entries": [], "lifted": []}'
  check (jsonb_typeof(ledger) = 'object' and pg_column_size(ledger) <= 65536);

/* messages.ledger: on a user message, the conversation's ledger once that message was read; null otherwise. */
alter table public.messages add column ledger jsonb
  check (ledger is null or (jsonb_typeof(ledger) = 'object' and pg_column_size(ledger) <= 65536));

-- One conversation, read or changed, carries its ledger; the list does not (a page of them would carry up to 20).
create or replace function public.get_conversation(p_owner uuid, p_conversation_id uuid) returns jsonb
language sql stable security definer set search_path = '' as $$
  select app_private.conversation_json(c, f.rating) || jsonb_build_object('ledger', c.ledger)
    from public.conversations c
    left join public.feedback f on f.conversation_id = c.id and f.message_id is null
   where c.id = p_conversation_id and c.owner_id = p_owner
$$;

create or replace function app_private.message_json(m public.messages, f public.feedback) returns jsonb
language sql stable as $$
  select jsonb_build_object(
    'id', m.id,
    'conversationId', m.conversation_id,
    'ownerId', m.owner_id,
    'role', m.role,
    'content', m.content,
    'parts', m.parts,
    'status', m.status,
    'model', m.model,
    'inputTokens', m.input_tokens,
    'outputTokens', m.output_tokens,
    'latencyMs', m.latency_ms,
    'clientMessageId', m.client_message_id,
    'errorCode', m.error_code,
    'createdAt', app_private.iso(m.created_at),
    'feedback', case when f.id is null then null else jsonb_build_object('rating', f.thumbs, 'comment', f.comment) end,
    'ledger', m.ledger
  )
$$;

create or replace function app_private.profile_json(p public.profiles) returns jsonb
language sql stable as $$
  select jsonb_build_object(
    'householdSize', p.household_size,
    'diet', p.diet,
    'allergens', to_jsonb(p.allergens),
    'dislikes', to_jsonb(p.dislikes),
    'pantry', to_jsonb(p.pantry),
    'maxMinutesPerMeal', p.max_minutes_per_meal,
    'weeklyPrepMinutes', p.weekly_prep_minutes,
    'targets', jsonb_build_object('kcalPerDay', p.kcal_per_day, 'proteinGPerDay', p.protein_g_per_day),
    'units', p.units,
    'members', p.members,
    'updatedAt', app_private.iso(p.updated_at)
  )
$$;

create or replace function public.save_profile(p_owner uuid, p_profile jsonb) returns jsonb
language plpgsql security definer set search_path = '' as $$
declare
  p public.profiles;
begin
  insert into public.profiles as t (
    owner_id, household_size, diet, allergens, dislikes, pantry,
    max_minutes_per_meal, weekly_prep_minutes, kcal_per_day, protein_g_per_day, units, members
  ) values (
    p_owner,
    coalesce((p_profile ->> 'householdSize')::smallint, 2),
    coalesce(p_profile ->> 'diet', 'omnivore'),
    coalesce(array(select jsonb_array_elements_text(p_profile -> 'allergens')), '{}'),
    coalesce(array(select jsonb_array_elements_text(p_profile -> 'dislikes')), '{}'),
    coalesce(array(select jsonb_array_elements_text(p_profile -> 'pantry')), '{}'),
    (p_profile ->> 'maxMinutesPerMeal')::smallint,
    (p_profile ->> 'weeklyPrepMinutes')::smallint,
    (p_profile -> 'targets' ->> 'kcalPerDay')::integer,
    (p_profile -> 'targets' ->> 'proteinGPerDay')::integer,
    coalesce(p_profile ->> 'units', 'metric'),
    coalesce(p_profile -> 'members', '[]')
  )
  on conflict (owner_id) do update set
    household_size = excluded.household_size,
    diet = excluded.diet,
    allergens = excluded.allergens,
    dislikes = excluded.dislikes,
    pantry = excluded.pantry,
    max_minutes_per_meal = excluded.max_minutes_per_meal,
    weekly_prep_minutes = excluded.weekly_prep_minutes,
    kcal_per_day = excluded.kcal_per_day,
    protein_g_per_day = excluded.protein_g_per_day,
    units = excluded.units,
    members = excluded.members
  returning * into p;
  return app_private.profile_json(p);
end;
$$;

-- A cook's send now carries the ledger the web app read from it: stored on the conversation and, with the new user
-- message, on that message, in the same transaction as the message itself. A retried send (the message already
-- stored) changes neither: the ledger it would bring is the one already kept. `p_ledger_before` is the conversation's
-- ledger the new one was computed from (compare-and-set; null for a first send).
drop function public.start_chat_turn(uuid, uuid, text, text, text);

create function public.start_chat_turn(
  p_owner uuid,
  p_conversation_id uuid,
  p_client_message_id text,
  p_content text,
  p_title text,
  p_ledger jsonb,
  p_ledger_before jsonb
) returns jsonb
language plpgsql security definer set search_path = '' as $$
declare
  v_conversation_id uuid := p_conversation_id;
  v_turn jsonb;
begin
  if v_conversation_id is null then
    perform pg_advisory_xact_lock(hashtextextended(p_owner::text || ':' || p_client_message_id, 0));
    select m.conversation_id into v_conversation_id
      from public.messages m
     where m.owner_id = p_owner and m.client_message_id = p_client_message_id and m.role = 'user'
     order by m.created_at
     limit 1;
    if not found then
      v_conversation_id := (public.create_conversation(p_owner, p_title, null) ->> 'id')::uuid;
    end if;
  end if;

  v_turn := public.append_user_message(p_owner, v_conversation_id, p_client_message_id, p_content);
  if (v_turn ->> 'created')::boolean and p_ledger is not null then
    -- The ledger was read from the conversation's before this message: if a chip edit or another tab changed it since,
    -- nothing is written and the caller reads it again (CH409), so neither change is lost.
    if p_conversation_id is not null and p_ledger_before is not null and exists (
      select 1 from public.conversations c
       where c.id = v_conversation_id and c.owner_id = p_owner and c.ledger is distinct from p_ledger_before
    ) then
      raise exception using errcode = 'CH409', message = 'ledger_changed';
    end if;
    update public.messages set ledger = p_ledger where id = (v_turn -> 'message' ->> 'id')::uuid and owner_id = p_owner;
    update public.conversations set ledger = p_ledger where id = v_conversation_id and owner_id = p_owner;
    v_turn := jsonb_set(v_turn, '{message,ledger}', p_ledger);
  end if;
  return v_turn || jsonb_build_object(
    'conversationId', v_conversation_id,
    'reply', case when (v_turn ->> 'created')::boolean then public.begin_assistant_message(p_owner, v_conversation_id, null, null) else null end
  );
end;
$$;

-- The ledger after a chip was added or removed, or after the agent added what a model's tool call named. Returns the
-- conversation, or null when the owner has no such conversation.
-- Compare-and-set: `p_ledger_before` is the ledger the change was made to; when the conversation's is another one by
-- now (a send or another tab changed it), nothing is written and CH409 tells the caller to read it again.
create function public.save_conversation_ledger(p_owner uuid, p_conversation_id uuid, p_ledger jsonb, p_ledger_before jsonb) returns jsonb
language plpgsql security definer set search_path = '' as $$
declare
  c public.conversations;
begin
  select * into c from public.conversations where id = p_conversation_id and owner_id = p_owner for update;
  if not found then
    return null;
  end if;
  if c.ledger is distinct from p_ledger_before then
    raise exception using errcode = 'CH409', message = 'ledger_changed';
  end if;
  update public.conversations set ledger = p_ledger where id = c.id returning * into c;
  return app_private.conversation_json(c, app_private.conversation_rating(c.id)) || jsonb_build_object('ledger', c.ledger);
end;
$$;

revoke execute on function public.start_chat_turn(uuid, uuid, text, text, text, jsonb, jsonb) from public, anon, authenticated;
grant execute on function public.start_chat_turn(uuid, uuid, text, text, text, jsonb, jsonb) to service_role;
revoke execute on function public.save_conversation_ledger(uuid, uuid, jsonb, jsonb) from public, anon, authenticated;
grant execute on function public.save_conversation_ledger(uuid, uuid, jsonb, jsonb) to service_role;
