-- One round trip for a cook's send, instead of three (create_conversation, append_user_message,
-- begin_assistant_message), and a first send that is idempotent too.
--
-- A first send (no conversation yet) whose `conversation` event never reached the browser is retried with the same
-- client message id and still no conversation id: it must find the conversation it created, not start a second one.
-- Client message ids are unique per conversation; this looks the id up across the owner's conversations (the web app's
-- ids are UUIDs made by the browser, so only a retry repeats one), under a transaction-scoped advisory lock on
-- (owner, client message id) so that two copies of the same first send arriving together create one conversation.

create index messages_owner_client_message_idx on public.messages (owner_id, client_message_id)
  where client_message_id is not null and role = 'user';

-- Returns { conversationId, message, created, reply }: the conversation (new or found), the user's message (stored now,
-- or the one stored before with `created: false`), and, only when the message is new, the assistant's reply row with
-- status `streaming`. A retried send gets `reply: null`: the caller decides whether to replay or answer again.
create function public.start_chat_turn(
  p_owner uuid,
  p_conversation_id uuid,
  p_client_message_id text,
  p_content text,
  p_title text
) returns jsonb
language plpgsql security definer set search_path = '' as $$
declare
  v_conversation_id uuid := p_conversation_id;
  u public.messages;
  a public.messages;
  v_created boolean := true;
begin
  if v_conversation_id is null then
    perform pg_advisory_xact_lock(hashtextextended(p_owner::text || ':' || p_client_message_id, 0));
    select m.conversation_id into v_conversation_id
      from public.messages m
     where m.owner_id = p_owner and m.client_message_id = p_client_message_id and m.role = 'user'
     order by m.created_at
     limit 1;
    if not found then
      insert into public.conversations (owner_id, title, metadata)
      values (p_owner, coalesce(p_title, 'New conversation'), '{}')
      returning id into v_conversation_id;
    end if;
  end if;

  perform 1 from public.conversations
   where id = v_conversation_id and owner_id = p_owner
     for key share;
  if not found then
    raise exception using errcode = 'CH404', message = 'conversation_not_found';
  end if;

  insert into public.messages (conversation_id, owner_id, role, content, status, client_message_id)
  values (v_conversation_id, p_owner, 'user', p_content, 'complete', p_client_message_id)
  on conflict (conversation_id, client_message_id) do nothing
  returning * into u;

  if not found then
    v_created := false;
    select * into u from public.messages
     where conversation_id = v_conversation_id and client_message_id = p_client_message_id;
  else
    insert into public.messages (conversation_id, owner_id, role, content, status)
    values (v_conversation_id, p_owner, 'assistant', '', 'streaming')
    returning * into a;
  end if;

  return jsonb_build_object(
    'conversationId', v_conversation_id,
    'message', app_private.message_json(u, null),
    'created', v_created,
    'reply', case when v_created then app_private.message_json(a, null) else null end
  );
end;
$$;

revoke execute on function public.start_chat_turn(uuid, uuid, text, text, text) from public, anon, authenticated;
grant execute on function public.start_chat_turn(uuid, uuid, text, text, text) to service_role;
