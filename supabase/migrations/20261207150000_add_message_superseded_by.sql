-- Regenerate and edit (#15): a reply the cook regenerated, and a message the cook edited and resent together with its
-- replies, stay stored but leave the conversation's thread. `superseded_by` names the message that took their place
-- (the new reply, or the edited message); nothing is deleted, so nothing the cook said is lost. The web app shows, and
-- sends the agent, only the messages nothing superseded.

/*
 * messages.superseded_by: the message of the same conversation, stored after this one, that replaced it in the thread;
 * null while it is part of the thread. Set once (by supersede_messages) and never cleared but by deleting the message
 * it points to (the whole conversation).
 */
alter table public.messages add column superseded_by uuid references public.messages (id) on delete set null;

-- Deleting a conversation removes its messages; the foreign key looks up what pointed at each one.
create index messages_superseded_by_idx on public.messages (superseded_by) where superseded_by is not null;

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
    'ledger', m.ledger,
    'supersededBy', m.superseded_by
  )
$$;

-- Takes messages out of the thread: each of `p_message_ids` (an edited message and its replies, or a regenerated
-- reply) is now superseded by `p_by`, a later message of the same conversation. Idempotent: a message already
-- superseded keeps what superseded it first. Returns the ids of the messages `p_by` supersedes. Raises CH404 when `p_by`
-- or one of the messages is not the owner's in that conversation, or is not older than `p_by`.
create function public.supersede_messages(p_owner uuid, p_conversation_id uuid, p_message_ids uuid[], p_by uuid) returns jsonb
language plpgsql security definer set search_path = '' as $$
declare
  v_by public.messages;
begin
  select * into v_by from public.messages
   where id = p_by and owner_id = p_owner and conversation_id = p_conversation_id;
  if not found then
    raise exception using errcode = 'CH404', message = 'message_not_found';
  end if;
  if exists (
    select 1 from unnest(coalesce(p_message_ids, '{}')) as t(id)
     where not exists (
       select 1 from public.messages m
        where m.id = t.id and m.owner_id = p_owner and m.conversation_id = p_conversation_id and m.seq < v_by.seq
     )
  ) then
    raise exception using errcode = 'CH404', message = 'message_not_found';
  end if;
  update public.messages set superseded_by = p_by
   where id = any(p_message_ids) and owner_id = p_owner and superseded_by is null;
  return (
    select coalesce(jsonb_agg(m.id order by m.seq), '[]')
      from public.messages m
     where m.id = any(p_message_ids) and m.owner_id = p_owner and m.superseded_by = p_by
  );
end;
$$;

revoke execute on function public.supersede_messages(uuid, uuid, uuid[], uuid) from public, anon, authenticated;
grant execute on function public.supersede_messages(uuid, uuid, uuid[], uuid) to service_role;
