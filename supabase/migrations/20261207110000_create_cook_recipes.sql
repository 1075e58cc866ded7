-- The cook's own recipes: imported from a link, pasted or typed, each ingredient line kept as written with the catalog
-- ingredient it was matched to (or the cook's word on what it is free of). Nutrition, allergens and diets are never
-- stored: the kitchen derives them from the matched ingredients, exactly as for its own recipes.
-- Ownership, row-level security and the store functions follow the first two migrations: RLS on both tables
-- (authenticated reaches its own rows, anon nothing), and SECURITY DEFINER functions that take the owner explicitly,
-- executable by service_role only (the default privileges set there cover the functions below).

/*
 * recipes: one recipe of an owner. `mark` is the cook's: `favourite` (the planner prefers it) or `never` ("never
 * again": the planner never picks it). Times are null when the source gave none.
 */
create table public.recipes (
  id uuid primary key default gen_random_uuid(),
  owner_id uuid not null,
  title text not null check (char_length(title) between 1 and 200),
  servings smallint not null check (servings between 1 and 100),
  prep_minutes smallint check (prep_minutes between 0 and 2880),
  cook_minutes smallint check (cook_minutes between 0 and 2880),
  meal_types text[] not null check (
    cardinality(meal_types) between 1 and 4 and meal_types <@ array['breakfast', 'lunch', 'dinner', 'snack']
  ),
  cuisine text not null default '' check (char_length(cuisine) <= 40),
  tags text[] not null default '{}' check (cardinality(tags) <= 20),
  steps text[] not null default '{}' check (cardinality(steps) <= 100),
  mark text check (mark in ('favourite', 'never')),
  source_url text check (char_length(source_url) <= 2000),
  image_url text check (char_length(image_url) <= 2000),
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  -- Target of recipe_lines' composite foreign key, so a line always has its recipe's owner.
  unique (id, owner_id)
);

create index recipes_owner_updated_idx on public.recipes (owner_id, updated_at desc, id desc);

/*
 * recipe_lines: a recipe's ingredient lines in order. A matched line has the ingredient (a catalog id), the amount in a
 * kitchen unit (0 when the line gives none the kitchen can weigh) and who matched it; an unmatched line may carry the
 * cook's word on it (the allergens it is free of and the diet it suits), and then only that is known of it.
 */
create table public.recipe_lines (
  recipe_id uuid not null,
  owner_id uuid not null,
  position smallint not null check (position between 0 and 99),
  text text not null check (char_length(text) between 1 and 500),
  group_name text check (char_length(group_name) <= 120),
  ingredient_id text check (char_length(ingredient_id) between 1 and 80),
  quantity double precision check (quantity between 0 and 1000000),
  unit text check (unit in ('g', 'kg', 'oz', 'lb', 'ml', 'l', 'tsp', 'tbsp', 'cup', 'piece')),
  matched_by text check (matched_by in ('kitchen', 'cook')),
  safe_free_of text[] check (
    safe_free_of <@ array['milk', 'egg', 'fish', 'shellfish', 'tree_nuts', 'peanuts', 'wheat', 'soy', 'sesame', 'gluten',
      'molluscs', 'mustard', 'celery', 'lupin', 'sulphites']
  ),
  safe_diet text check (safe_diet in ('omnivore', 'pescatarian', 'vegetarian', 'vegan')),
  primary key (recipe_id, position),
  foreign key (recipe_id, owner_id) references public.recipes (id, owner_id) on delete cascade,
  -- A match is whole or absent; the cook's word is only for an unmatched line, and is whole or absent too.
  check (num_nulls(ingredient_id, quantity, unit, matched_by) in (0, 4)),
  check (num_nulls(safe_free_of, safe_diet) in (0, 2)),
  check (ingredient_id is null or safe_diet is null)
);

create trigger recipes_touch_updated_at before update on public.recipes
  for each row execute function app_private.touch_updated_at();

alter table public.recipes enable row level security;
alter table public.recipe_lines enable row level security;

revoke all on public.recipes, public.recipe_lines from anon;
grant select, insert, update, delete on public.recipes, public.recipe_lines to authenticated;

create policy recipes_owner on public.recipes for all to authenticated
  using (owner_id = (select auth.uid())) with check (owner_id = (select auth.uid()));
create policy recipe_lines_owner on public.recipe_lines for all to authenticated
  using (owner_id = (select auth.uid())) with check (owner_id = (select auth.uid()));

create function app_private.recipe_json(r public.recipes) returns jsonb
language sql stable set search_path = '' as $$
  select jsonb_build_object(
    'id', r.id,
    'title', r.title,
    'servings', r.servings,
    'prepMinutes', r.prep_minutes,
    'cookMinutes', r.cook_minutes,
    'mealTypes', to_jsonb(r.meal_types),
    'cuisine', r.cuisine,
    'tags', to_jsonb(r.tags),
    'steps', to_jsonb(r.steps),
    'mark', r.mark,
    'sourceUrl', r.source_url,
    'imageUrl', r.image_url,
    'createdAt', app_private.iso(r.created_at),
    'updatedAt', app_private.iso(r.updated_at),
    'lines', coalesce((
      select jsonb_agg(jsonb_build_object(
        'text', l.text,
        'group', l.group_name,
        'match', case when l.ingredient_id is null then null else jsonb_build_object(
          'ingredientId', l.ingredient_id, 'quantity', l.quantity, 'unit', l.unit, 'by', l.matched_by) end,
        'safe', case when l.safe_diet is null then null else jsonb_build_object(
          'freeOf', to_jsonb(l.safe_free_of), 'diet', l.safe_diet) end
      ) order by l.position)
      from public.recipe_lines l where l.recipe_id = r.id
    ), '[]'::jsonb)
  )
$$;

-- Writes a recipe's lines (replacing any it had): one row per element of p_lines, in order.
create function app_private.write_recipe_lines(p_owner uuid, p_recipe_id uuid, p_lines jsonb) returns void
language sql set search_path = '' as $$
  delete from public.recipe_lines where recipe_id = p_recipe_id and owner_id = p_owner;
  insert into public.recipe_lines (
    recipe_id, owner_id, position, text, group_name, ingredient_id, quantity, unit, matched_by, safe_free_of, safe_diet
  )
  select p_recipe_id, p_owner, (line.ordinality - 1)::smallint,
         line.value ->> 'text',
         nullif(line.value ->> 'group', ''),
         line.value -> 'match' ->> 'ingredientId',
         (line.value -> 'match' ->> 'quantity')::double precision,
         line.value -> 'match' ->> 'unit',
         line.value -> 'match' ->> 'by',
         case when jsonb_typeof(line.value -> 'safe') = 'object'
              then array(select jsonb_array_elements_text(line.value -> 'safe' -> 'freeOf')) end,
         line.value -> 'safe' ->> 'diet'
    from jsonb_array_elements(p_lines) with ordinality as line(value, ordinality);
$$;

/*
 * Saves a recipe: a new one when p_recipe_id is null, else replaces that recipe of the owner (null when there is
 * none). An owner keeps at most 500 recipes (CH400 recipe_limit).
 */
create function public.save_recipe(p_owner uuid, p_recipe_id uuid, p_recipe jsonb) returns jsonb
language plpgsql security definer set search_path = '' as $$
declare
  r public.recipes;
begin
  if p_recipe_id is null then
    perform pg_advisory_xact_lock(hashtextextended('recipes:' || p_owner::text, 0));
    if (select count(*) from public.recipes where owner_id = p_owner) >= 500 then
      raise exception 'recipe_limit' using errcode = 'CH400';
    end if;
    insert into public.recipes (
      owner_id, title, servings, prep_minutes, cook_minutes, meal_types, cuisine, tags, steps, mark, source_url, image_url
    ) values (
      p_owner,
      p_recipe ->> 'title',
      (p_recipe ->> 'servings')::smallint,
      (p_recipe ->> 'prepMinutes')::smallint,
      (p_recipe ->> 'cookMinutes')::smallint,
      array(select jsonb_array_elements_text(p_recipe -> 'mealTypes')),
      coalesce(p_recipe ->> 'cuisine', ''),
      coalesce(array(select jsonb_array_elements_text(p_recipe -> 'tags')), '{}'),
      coalesce(array(select jsonb_array_elements_text(p_recipe -> 'steps')), '{}'),
      p_recipe ->> 'mark',
      p_recipe ->> 'sourceUrl',
      p_recipe ->> 'imageUrl'
    )
    returning * into r;
  else
    update public.recipes set
      title = p_recipe ->> 'title',
      servings = (p_recipe ->> 'servings')::smallint,
      prep_minutes = (p_recipe ->> 'prepMinutes')::smallint,
      cook_minutes = (p_recipe ->> 'cookMinutes')::smallint,
      meal_types = array(select jsonb_array_elements_text(p_recipe -> 'mealTypes')),
      cuisine = coalesce(p_recipe ->> 'cuisine', ''),
      tags = coalesce(array(select jsonb_array_elements_text(p_recipe -> 'tags')), '{}'),
      steps = coalesce(array(select jsonb_array_elements_text(p_recipe -> 'steps')), '{}'),
      mark = p_recipe ->> 'mark',
      source_url = p_recipe ->> 'sourceUrl',
      image_url = p_recipe ->> 'imageUrl'
    where id = p_recipe_id and owner_id = p_owner
    returning * into r;
    if r.id is null then
      return null;
    end if;
  end if;
  perform app_private.write_recipe_lines(p_owner, r.id, coalesce(p_recipe -> 'lines', '[]'::jsonb));
  return app_private.recipe_json(r);
end;
$$;

create function public.list_recipes(p_owner uuid) returns jsonb
language sql stable security definer set search_path = '' as $$
  select coalesce(jsonb_agg(app_private.recipe_json(r) order by r.updated_at desc, r.id desc), '[]'::jsonb)
    from public.recipes r where r.owner_id = p_owner
$$;

create function public.get_recipe(p_owner uuid, p_recipe_id uuid) returns jsonb
language sql stable security definer set search_path = '' as $$
  select app_private.recipe_json(r) from public.recipes r where r.id = p_recipe_id and r.owner_id = p_owner
$$;

create function public.mark_recipe(p_owner uuid, p_recipe_id uuid, p_mark text) returns jsonb
language plpgsql security definer set search_path = '' as $$
declare
  r public.recipes;
begin
  update public.recipes set mark = p_mark where id = p_recipe_id and owner_id = p_owner returning * into r;
  if r.id is null then
    return null;
  end if;
  return app_private.recipe_json(r);
end;
$$;

create function public.delete_recipe(p_owner uuid, p_recipe_id uuid) returns boolean
language sql security definer set search_path = '' as $$
  with gone as (delete from public.recipes where id = p_recipe_id and owner_id = p_owner returning 1)
  select exists (select 1 from gone)
$$;

revoke execute on all functions in schema public from public, anon, authenticated;
grant execute on all functions in schema public to service_role;
