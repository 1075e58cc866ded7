-- A reply is completed once. Its run belongs to the agent, so more than one web instance may relay it: the one that
-- started it and, when that one died or its browser reconnected elsewhere, another that follows the run. Each stores
-- what it saw when the run ends; the first final status stored is kept and later ones change nothing, so a reply is
-- never overwritten (a complete one by a follower whose connection broke, say) and never stored twice.
--
-- Same signature and result as before: the row as stored, now the first completion's when it was already final.

create or replace function public.complete_assistant_message(
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
   where id = p_message_id and owner_id = p_owner and role = 'assistant' and status = 'streaming'
  returning * into m;

  if not found then
    select * into m from public.messages where id = p_message_id and owner_id = p_owner;
    if not found then
      return null;
    end if;
    if m.role <> 'assistant' then
      raise exception using errcode = 'CH400', message = 'not_an_assistant_message';
    end if;
  end if;

  select * into f from public.feedback where message_id = m.id;
  return app_private.message_json(m, f);
end;
$$;
