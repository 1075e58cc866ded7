-- A link's recipe saved from a chat (#17): the agent asks for the save once, but every web instance that relays the
-- reply (the one that started it and any that follow it, after a reload or when the first died) sees that ask. The
-- recipe keeps which reply and which link it was saved from, so the save lands once however many instances make it.

/*
 * recipes.from_message_id / from_link: the reply whose `recipe_save` saved this recipe, and the link as the cook wrote
 * it (source_url is the page's own address, which can differ). Null for a recipe imported, pasted or typed in the box.
 * Deleting the conversation leaves the recipe in the box, saved from nothing.
 */
alter table public.recipes
  add column from_message_id uuid references public.messages (id) on delete set null,
  add column from_link text check (char_length(from_link) <= 2000);

create unique index recipes_from_reply_idx on public.recipes (owner_id, from_message_id, from_link)
  where from_message_id is not null;

/*
 * Saves the recipe of `p_link` asked for by the owner's reply `p_message_id`, once: when that reply already saved that
 * link, returns the recipe it saved and ignores `p_recipe`. With `p_recipe` null it only looks (null when nothing was
 * saved yet), so an instance can skip reading the page again. Raises CH404 message_not_found when the reply is not the
 * owner's; the box's limit (CH400 recipe_limit) holds as for any new recipe.
 */
create function public.save_linked_recipe(p_owner uuid, p_message_id uuid, p_link text, p_recipe jsonb) returns jsonb
language plpgsql security definer set search_path = '' as $$
declare
  r public.recipes;
  v_saved jsonb;
begin
  -- The same lock as save_recipe's: two instances saving the same link wait for each other, and the second finds it.
  perform pg_advisory_xact_lock(hashtextextended('recipes:' || p_owner::text, 0));
  select * into r from public.recipes
   where owner_id = p_owner and from_message_id = p_message_id and from_link = p_link;
  if found then
    return app_private.recipe_json(r);
  end if;
  if p_recipe is null then
    return null;
  end if;
  if not exists (select 1 from public.messages where id = p_message_id and owner_id = p_owner and role = 'assistant') then
    raise exception using errcode = 'CH404', message = 'message_not_found';
  end if;
  v_saved := public.save_recipe(p_owner, null, p_recipe);
  update public.recipes set from_message_id = p_message_id, from_link = p_link where id = (v_saved ->> 'id')::uuid;
  return v_saved;
end;
$$;

-- It takes any owner: service_role only, like every store function.
revoke execute on function public.save_linked_recipe(uuid, uuid, text, jsonb) from public, anon, authenticated;
grant execute on function public.save_linked_recipe(uuid, uuid, text, jsonb) to service_role;
