-- The store's functions: the only way the web app's server reaches the tables, identically over supabase-js
-- (`/rest/v1/rpc/<name>` as service_role), pg and PGlite.
--
-- Why SECURITY DEFINER with an explicit owner: the server acts for a guest whose id is not a JWT subject, so it cannot
-- rely on auth.uid(). Each function runs as its owner (the migration role, which owns the tables and is therefore not
-- subject to row-level security) and filters every statement by `p_owner`; a row of another owner behaves exactly as
-- a missing row. A caller needs EXECUTE and nothing else: the server's role needs no table privileges, and a
-- multi-step write (insert a message and bump its conversation) is one statement-level transaction on every transport.
-- Because a caller could pass any owner, EXECUTE is granted to service_role only (and to roles that are members of
-- it, such as a dedicated pg login): never to anon or authenticated, who use the tables under RLS instead.
-- `search_path = ''` on every function: each name below is schema-qualified, so a caller's objects cannot shadow them.
--
-- Errors a caller can cause are raised with SQLSTATE CH400 (bad request) or CH404 (not found) and a snake_case
-- message; the store maps them to AppError. Any other error is a database fault.

create function app_private.iso(ts timestamptz) returns text
language sql immutable set search_path = '' as $$
  select to_char(ts at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')
$$;

create function app_private.conversation_json(c public.conversations) returns jsonb
language sql stable set search_path = '' as $$
  select jsonb_build_object(
    'id', c.id,
    'ownerId', c.owner_id,
    'title', c.title,
    'status', c.status,
    'createdAt', app_private.iso(c.created_at),
    'updatedAt', app_private.iso(c.updated_at),
    'lastMessageAt', app_private.iso(c.last_message_at),
    'metadata', c.metadata,
    'rating', (select f.rating from public.feedback f where f.conversation_id = c.id and f.message_id is null)
  )
$$;

create function app_private.message_json(m public.messages, f public.feedback) returns jsonb
language sql stable set search_path = '' as $$
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
    'feedback', case when f.id is null then null else jsonb_build_object('rating', f.thumbs, 'comment', f.comment) end
  )
$$;

create function app_private.profile_json(p public.profiles) returns jsonb
language sql stable set search_path = '' as $$
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
    'updatedAt', app_private.iso(p.updated_at)
  )
$$;

create function public.create_conversation(p_owner uuid, p_title text, p_metadata jsonb) returns jsonb
language plpgsql security definer set search_path = '' as $$
declare
  c public.conversations;
begin
  insert into public.conversations (owner_id, title, metadata)
  values (p_owner, coalesce(p_title, 'New conversation'), coalesce(p_metadata, '{}'))
  returning * into c;
  return app_private.conversation_json(c);
end;
$$;

-- Keyset pagination, newest activity first. The cursor is the last row's (activity_at, id), microsecond-exact; the
-- result carries the next one in `next` (null at the end). `p_search` matches a title substring or message text.
create function public.list_conversations(
  p_owner uuid,
  p_limit integer,
  p_cursor_at timestamptz,
  p_cursor_id uuid,
  p_search text,
  p_status text
) returns jsonb
language plpgsql stable security definer set search_path = '' as $$
declare
  v_limit integer := least(greatest(coalesce(p_limit, 20), 1), 100);
  v_items jsonb;
  v_count integer;
  v_last_at timestamptz;
  v_last_id uuid;
  v_pattern text;
  v_query tsquery;
begin
  if p_search is not null and p_search <> '' then
    v_pattern := '%' || replace(replace(replace(p_search, '\', '\\'), '%', '\%'), '_', '\_') || '%';
    v_query := websearch_to_tsquery('english', p_search);
  end if;

  with page as (
    select c, row_number() over (order by c.activity_at desc, c.id desc) as n
      from public.conversations c
     where c.owner_id = p_owner
       and (coalesce(p_status, 'active') = 'all' or c.status = coalesce(p_status, 'active'))
       and (p_cursor_at is null or (c.activity_at, c.id) < (p_cursor_at, p_cursor_id))
       and (
         v_pattern is null
         or c.title ilike v_pattern
         or c.id in (
           select m.conversation_id from public.messages m
            where m.owner_id = p_owner and m.search_tsv @@ v_query
         )
       )
     order by c.activity_at desc, c.id desc
     limit v_limit + 1
  )
  select coalesce(jsonb_agg(app_private.conversation_json(p.c) order by p.n) filter (where p.n <= v_limit), '[]'),
         count(*),
         max((p.c).activity_at) filter (where p.n = v_limit),
         max((p.c).id::text) filter (where p.n = v_limit)::uuid
    into v_items, v_count, v_last_at, v_last_id
    from page p;

  return jsonb_build_object(
    'items', v_items,
    'next', case when v_count > v_limit then jsonb_build_object(
      'at', to_char(v_last_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"'),
      'id', v_last_id
    ) end
  );
end;
$$;

create function public.get_conversation(p_owner uuid, p_conversation_id uuid) returns jsonb
language sql stable security definer set search_path = '' as $$
  select app_private.conversation_json(c)
    from public.conversations c
   where c.id = p_conversation_id and c.owner_id = p_owner
$$;

create function public.rename_conversation(p_owner uuid, p_conversation_id uuid, p_title text) returns jsonb
language plpgsql security definer set search_path = '' as $$
declare
  c public.conversations;
begin
  update public.conversations set title = p_title
   where id = p_conversation_id and owner_id = p_owner
  returning * into c;
  return case when found then app_private.conversation_json(c) end;
end;
$$;

create function public.archive_conversation(p_owner uuid, p_conversation_id uuid, p_archived boolean) returns jsonb
language plpgsql security definer set search_path = '' as $$
declare
  c public.conversations;
begin
  update public.conversations set status = case when p_archived then 'archived' else 'active' end
   where id = p_conversation_id and owner_id = p_owner
  returning * into c;
  return case when found then app_private.conversation_json(c) end;
end;
$$;

-- Messages and feedback go with the conversation (on delete cascade).
create function public.delete_conversation(p_owner uuid, p_conversation_id uuid) returns boolean
language plpgsql security definer set search_path = '' as $$
begin
  delete from public.conversations where id = p_conversation_id and owner_id = p_owner;
  return found;
end;
$$;

-- Idempotent on (conversation, client message id): `on conflict do nothing` waits for a concurrent insert of the
-- same id to commit, and the following select (a new snapshot in read committed) then finds that row.
create function public.append_user_message(
  p_owner uuid,
  p_conversation_id uuid,
  p_client_message_id text,
  p_content text
) returns jsonb
language plpgsql security definer set search_path = '' as $$
declare
  m public.messages;
  v_created boolean := true;
begin
  perform 1 from public.conversations
   where id = p_conversation_id and owner_id = p_owner
     for key share;
  if not found then
    raise exception using errcode = 'CH404', message = 'conversation_not_found';
  end if;

  insert into public.messages (conversation_id, owner_id, role, content, status, client_message_id)
  values (p_conversation_id, p_owner, 'user', p_content, 'complete', p_client_message_id)
  on conflict (conversation_id, client_message_id) do nothing
  returning * into m;

  if not found then
    v_created := false;
    select * into m from public.messages
     where conversation_id = p_conversation_id and client_message_id = p_client_message_id;
  end if;

  return jsonb_build_object('message', app_private.message_json(m, null), 'created', v_created);
end;
$$;

-- Idempotent like append_user_message when a client message id is given: the stored row is returned as it is.
create function public.begin_assistant_message(
  p_owner uuid,
  p_conversation_id uuid,
  p_client_message_id text,
  p_model text
) returns jsonb
language plpgsql security definer set search_path = '' as $$
declare
  m public.messages;
  f public.feedback;
begin
  perform 1 from public.conversations
   where id = p_conversation_id and owner_id = p_owner
     for key share;
  if not found then
    raise exception using errcode = 'CH404', message = 'conversation_not_found';
  end if;

  insert into public.messages (conversation_id, owner_id, role, content, status, client_message_id, model)
  values (p_conversation_id, p_owner, 'assistant', '', 'streaming', p_client_message_id, p_model)
  on conflict (conversation_id, client_message_id) do nothing
  returning * into m;

  if not found then
    select * into m from public.messages
     where conversation_id = p_conversation_id and client_message_id = p_client_message_id;
    select * into f from public.feedback where message_id = m.id;
  end if;

  return app_private.message_json(m, f);
end;
$$;

create function public.complete_assistant_message(
  p_owner uuid,
  p_message_id uuid,
  p_content text,
  p_parts jsonb,
  p_status text,
  p_model text,
  p_input_tokens integer,
  p_output_tokens integer,
  p_latency_ms integer,
  p_error_code text
) returns jsonb
language plpgsql security definer set search_path = '' as $$
declare
  m public.messages;
  f public.feedback;
begin
  if p_status is null or p_status not in ('complete', 'interrupted', 'error') then
    raise exception using errcode = 'CH400', message = 'invalid_final_status';
  end if;

  update public.messages
     set content = p_content,
         parts = coalesce(p_parts, '[]'),
         status = p_status,
         model = coalesce(p_model, model),
         input_tokens = p_input_tokens,
         output_tokens = p_output_tokens,
         latency_ms = p_latency_ms,
         error_code = p_error_code
   where id = p_message_id and owner_id = p_owner and role = 'assistant'
  returning * into m;

  if not found then
    perform 1 from public.messages where id = p_message_id and owner_id = p_owner;
    if found then
      raise exception using errcode = 'CH400', message = 'not_an_assistant_message';
    end if;
    return null;
  end if;

  select * into f from public.feedback where message_id = m.id;
  return app_private.message_json(m, f);
end;
$$;

-- The latest p_limit messages, oldest first.
create function public.list_messages(p_owner uuid, p_conversation_id uuid, p_limit integer) returns jsonb
language sql stable security definer set search_path = '' as $$
  select coalesce(jsonb_agg(app_private.message_json(x.m, x.f) order by (x.m).created_at, (x.m).seq), '[]')
    from (
      select m, f
        from public.messages m
        left join public.feedback f on f.message_id = m.id
       where m.conversation_id = p_conversation_id and m.owner_id = p_owner
       order by m.created_at desc, m.seq desc
       limit least(greatest(coalesce(p_limit, 500), 1), 1000)
    ) x
$$;

-- A null rating removes the feedback. Raises CH404 for a missing message so that "removed" (null) is unambiguous.
create function public.save_message_feedback(
  p_owner uuid,
  p_message_id uuid,
  p_rating text,
  p_comment text
) returns jsonb
language plpgsql security definer set search_path = '' as $$
declare
  m public.messages;
  f public.feedback;
begin
  select * into m from public.messages where id = p_message_id and owner_id = p_owner;
  if not found then
    raise exception using errcode = 'CH404', message = 'message_not_found';
  end if;
  if m.role <> 'assistant' then
    raise exception using errcode = 'CH400', message = 'feedback_requires_assistant_message';
  end if;

  if p_rating is null then
    delete from public.feedback where message_id = p_message_id;
    return null;
  end if;

  insert into public.feedback (owner_id, conversation_id, message_id, thumbs, comment)
  values (p_owner, m.conversation_id, p_message_id, p_rating, p_comment)
  on conflict (message_id) where message_id is not null
  do update set thumbs = excluded.thumbs, comment = excluded.comment
  returning * into f;

  return jsonb_build_object('rating', f.thumbs, 'comment', f.comment);
end;
$$;

create function public.save_conversation_rating(
  p_owner uuid,
  p_conversation_id uuid,
  p_rating integer,
  p_tags text[],
  p_comment text
) returns jsonb
language plpgsql security definer set search_path = '' as $$
declare
  f public.feedback;
begin
  perform 1 from public.conversations
   where id = p_conversation_id and owner_id = p_owner
     for key share;
  if not found then
    return null;
  end if;

  insert into public.feedback (owner_id, conversation_id, rating, tags, comment)
  values (p_owner, p_conversation_id, p_rating, coalesce(p_tags, '{}'), p_comment)
  on conflict (conversation_id) where message_id is null
  do update set rating = excluded.rating, tags = excluded.tags, comment = excluded.comment
  returning * into f;

  return jsonb_build_object('rating', f.rating, 'tags', to_jsonb(f.tags), 'comment', f.comment);
end;
$$;

create function public.get_profile(p_owner uuid) returns jsonb
language sql stable security definer set search_path = '' as $$
  select app_private.profile_json(p) from public.profiles p where p.owner_id = p_owner
$$;

-- p_profile is the camelCase Profile the store validated; a missing key means the column's default (or null).
create function public.save_profile(p_owner uuid, p_profile jsonb) returns jsonb
language plpgsql security definer set search_path = '' as $$
declare
  p public.profiles;
begin
  insert into public.profiles as t (
    owner_id, household_size, diet, allergens, dislikes, pantry,
    max_minutes_per_meal, weekly_prep_minutes, kcal_per_day, protein_g_per_day, units
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
    coalesce(p_profile ->> 'units', 'metric')
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
    units = excluded.units
  returning * into p;
  return app_private.profile_json(p);
end;
$$;

-- EXECUTE: service_role only. Functions are executable by PUBLIC by default, and Supabase's default privileges also
-- grant them to anon and authenticated: revoke both, now and for functions later migrations create in public.
revoke execute on all functions in schema public from public, anon, authenticated;
grant execute on all functions in schema public to service_role;
alter default privileges in schema public revoke execute on functions from public, anon, authenticated;
