-- Make the JSON helpers of the store functions cheap: a SET clause (search_path) on a function stops the planner
-- from inlining it and costs a configuration save and restore on every call; measured with auto_explain on the
-- PostgreSQL 15 server, app_private.conversation_json took ~0.3 ms per row, most of a 20-row list page. The helpers
-- become plain inlinable SQL expressions (no SET, no subquery; the conversation's rating is now joined by the
-- callers). That is safe because they are not SECURITY DEFINER, API roles have no USAGE on app_private, every name
-- in them is schema-qualified, and once inlined they are planned under the calling function's `search_path = ''`.

create or replace function app_private.iso(ts timestamptz) returns text
language sql stable as $$
  select to_char(ts at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')
$$;

drop function app_private.conversation_json(public.conversations);

create function app_private.conversation_json(c public.conversations, p_rating smallint) returns jsonb
language sql stable as $$
  select jsonb_build_object(
    'id', c.id,
    'ownerId', c.owner_id,
    'title', c.title,
    'status', c.status,
    'createdAt', app_private.iso(c.created_at),
    'updatedAt', app_private.iso(c.updated_at),
    'lastMessageAt', app_private.iso(c.last_message_at),
    'metadata', c.metadata,
    'rating', p_rating
  )
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
    'feedback', case when f.id is null then null else jsonb_build_object('rating', f.thumbs, 'comment', f.comment) end
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
    'updatedAt', app_private.iso(p.updated_at)
  )
$$;

-- The conversation's 1-5 rating: the feedback row without a message.
create function app_private.conversation_rating(p_conversation_id uuid) returns smallint
language sql stable as $$
  select f.rating from public.feedback f where f.conversation_id = p_conversation_id and f.message_id is null
$$;

create or replace function public.create_conversation(p_owner uuid, p_title text, p_metadata jsonb) returns jsonb
language plpgsql security definer set search_path = '' as $$
declare
  c public.conversations;
begin
  insert into public.conversations (owner_id, title, metadata)
  values (p_owner, coalesce(p_title, 'New conversation'), coalesce(p_metadata, '{}'))
  returning * into c;
  return app_private.conversation_json(c, null);
end;
$$;

create or replace function public.list_conversations(
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
  select coalesce(
           jsonb_agg(app_private.conversation_json(p.c, f.rating) order by p.n) filter (where p.n <= v_limit),
           '[]'
         ),
         count(*),
         max((p.c).activity_at) filter (where p.n = v_limit),
         max((p.c).id::text) filter (where p.n = v_limit)::uuid
    into v_items, v_count, v_last_at, v_last_id
    from page p
    left join public.feedback f on f.conversation_id = (p.c).id and f.message_id is null;

  return jsonb_build_object(
    'items', v_items,
    'next', case when v_count > v_limit then jsonb_build_object(
      'at', to_char(v_last_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"'),
      'id', v_last_id
    ) end
  );
end;
$$;

create or replace function public.get_conversation(p_owner uuid, p_conversation_id uuid) returns jsonb
language sql stable security definer set search_path = '' as $$
  select app_private.conversation_json(c, f.rating)
    from public.conversations c
    left join public.feedback f on f.conversation_id = c.id and f.message_id is null
   where c.id = p_conversation_id and c.owner_id = p_owner
$$;

create or replace function public.rename_conversation(p_owner uuid, p_conversation_id uuid, p_title text) returns jsonb
language plpgsql security definer set search_path = '' as $$
declare
  c public.conversations;
begin
  update public.conversations set title = p_title
   where id = p_conversation_id and owner_id = p_owner
  returning * into c;
  return case when found then app_private.conversation_json(c, app_private.conversation_rating(c.id)) end;
end;
$$;

create or replace function public.archive_conversation(p_owner uuid, p_conversation_id uuid, p_archived boolean) returns jsonb
language plpgsql security definer set search_path = '' as $$
declare
  c public.conversations;
begin
  update public.conversations set status = case when p_archived then 'archived' else 'active' end
   where id = p_conversation_id and owner_id = p_owner
  returning * into c;
  return case when found then app_private.conversation_json(c, app_private.conversation_rating(c.id)) end;
end;
$$;

revoke all on all functions in schema app_private from public;
