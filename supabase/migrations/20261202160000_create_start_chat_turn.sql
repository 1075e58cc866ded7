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

  -- The separate calls' own writes, in this one transaction: append_user_message checks the owner's conversation
  -- (CH404) and is idempotent on the client message id; a new message gets its reply row from begin_assistant_message.
  v_turn := public.append_user_message(p_owner, v_conversation_id, p_client_message_id, p_content);
  return v_turn || jsonb_build_object(
    'conversationId', v_conversation_id,
    'reply', case when (v_turn ->> 'created')::boolean then public.begin_assistant_message(p_owner, v_conversation_id, null, null) else null end
  );
end;
$$;

revoke execute on function public.start_chat_turn(uuid, uuid, text, text, text) from public, anon, authenticated;
grant execute on function public.start_chat_turn(uuid, uuid, text, text, text) to service_role;
