-- The conversation store's tables, triggers, indexes and row-level security.
--
-- Ownership model: every row carries `owner_id`, the random uuid of a guest session (or, later, a Supabase Auth user).
-- There is no owners table and no foreign key to auth.users, because guests never sign up. Row-level security is on for
-- every table: `anon` has no privileges at all, `authenticated` reaches only rows whose owner is `auth.uid()`.
-- The web app's server does not use these tables directly: it calls the functions of the next migration, which take
-- the owner explicitly (see docs/database.md).

create schema if not exists app_private;
revoke all on schema app_private from public;

/*
 * profiles: what every chat takes into account, one row per owner. Same shape as the agent's `profile`
 * (docs/api.md): household size, diet, allergens and dislikes (hard constraints), pantry / CSA items to use up,
 * time budget and per-person nutrition targets.
 */
create table public.profiles (
  owner_id uuid primary key,
  household_size smallint not null default 2 check (household_size between 1 and 20),
  diet text not null default 'omnivore' check (diet in ('omnivore', 'pescatarian', 'vegetarian', 'vegan')),
  allergens text[] not null default '{}' check (
    allergens <@ array['milk', 'egg', 'fish', 'shellfish', 'tree_nuts', 'peanuts', 'wheat', 'soy', 'sesame', 'gluten']
  ),
  dislikes text[] not null default '{}' check (cardinality(dislikes) <= 50),
  pantry text[] not null default '{}' check (cardinality(pantry) <= 100),
  max_minutes_per_meal smallint check (max_minutes_per_meal between 5 and 600),
  weekly_prep_minutes smallint check (weekly_prep_minutes between 10 and 10080),
  kcal_per_day integer check (kcal_per_day between 500 and 10000),
  protein_g_per_day integer check (protein_g_per_day between 0 and 500),
  units text not null default 'metric' check (units in ('metric', 'us')),
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);

/*
 * conversations: one chat thread of an owner. `last_message_at` is kept by a trigger on messages; `activity_at` is
 * the list's sort key (newest activity first: the last message, or the creation time of an empty conversation).
 * `metadata` is free-form jsonb for the web app (e.g. the client that created it).
 */
create table public.conversations (
  id uuid primary key default gen_random_uuid(),
  owner_id uuid not null,
  title text not null default 'New conversation' check (char_length(title) between 1 and 200),
  status text not null default 'active' check (status in ('active', 'archived')),
  metadata jsonb not null default '{}' check (jsonb_typeof(metadata) = 'object'),
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  last_message_at timestamptz,
  activity_at timestamptz generated always as (coalesce(last_message_at, created_at)) stored,
  -- Target of the composite foreign keys below, so a message or feedback row always has its conversation's owner.
  unique (id, owner_id)
);

create index conversations_owner_activity_idx on public.conversations (owner_id, activity_at desc, id desc);

/*
 * messages: the turns of a conversation. A user message is stored complete; an assistant message is stored empty
 * with status `streaming` before the agent is called and completed with its final status (complete, interrupted when
 * the cook stopped it, error), the model, token counts and latency. `client_message_id` is unique per conversation so
 * a retried send is stored once. `parts` holds structured results (meal plans, grocery lists) as a jsonb array.
 * `seq` orders messages that share a timestamp; `search_tsv` serves text search over an owner's messages.
 */
create table public.messages (
  id uuid primary key default gen_random_uuid(),
  seq bigint generated always as identity,
  conversation_id uuid not null,
  owner_id uuid not null,
  role text not null check (role in ('user', 'assistant')),
  content text not null default '' check (char_length(content) <= 100000),
  parts jsonb not null default '[]' check (jsonb_typeof(parts) = 'array'),
  status text not null default 'complete' check (status in ('complete', 'streaming', 'interrupted', 'error')),
  model text check (char_length(model) <= 200),
  input_tokens integer check (input_tokens >= 0),
  output_tokens integer check (output_tokens >= 0),
  latency_ms integer check (latency_ms >= 0),
  client_message_id text check (char_length(client_message_id) between 1 and 100),
  error_code text check (char_length(error_code) <= 100),
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  search_tsv tsvector generated always as (to_tsvector('english', content)) stored,
  foreign key (conversation_id, owner_id) references public.conversations (id, owner_id) on delete cascade,
  unique (conversation_id, client_message_id)
);

create index messages_conversation_created_idx on public.messages (conversation_id, created_at, seq);
create index messages_search_idx on public.messages using gin (search_tsv);

/*
 * feedback: what the cook thought. Either a thumbs up/down with an optional comment on one assistant message
 * (`message_id` set, `thumbs` set), or a 1-5 rating with tags and an optional comment on a whole conversation
 * (`message_id` null, `rating` set). At most one of each per message / conversation.
 */
create table public.feedback (
  id uuid primary key default gen_random_uuid(),
  owner_id uuid not null,
  conversation_id uuid not null,
  message_id uuid references public.messages (id) on delete cascade,
  thumbs text check (thumbs in ('up', 'down')),
  rating smallint check (rating between 1 and 5),
  tags text[] not null default '{}' check (cardinality(tags) <= 10),
  comment text check (char_length(comment) <= 2000),
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  foreign key (conversation_id, owner_id) references public.conversations (id, owner_id) on delete cascade,
  check (
    (message_id is not null and thumbs is not null and rating is null and cardinality(tags) = 0)
    or (message_id is null and rating is not null and thumbs is null)
  )
);

create unique index feedback_message_idx on public.feedback (message_id) where message_id is not null;
create unique index feedback_conversation_idx on public.feedback (conversation_id) where message_id is null;

-- Triggers. They run with the privileges of whoever changed the row, so they only touch that owner's rows.

create function app_private.touch_updated_at() returns trigger
language plpgsql set search_path = '' as $$
begin
  new.updated_at := now();
  return new;
end;
$$;

create trigger profiles_touch_updated_at before update on public.profiles
  for each row execute function app_private.touch_updated_at();
create trigger conversations_touch_updated_at before update on public.conversations
  for each row execute function app_private.touch_updated_at();
create trigger messages_touch_updated_at before update on public.messages
  for each row execute function app_private.touch_updated_at();
create trigger feedback_touch_updated_at before update on public.feedback
  for each row execute function app_private.touch_updated_at();

-- A new message, or an assistant message reaching its final status, is activity: it moves the conversation to the
-- top of the owner's list. greatest() keeps last_message_at from going backwards under concurrent writers.
create function app_private.bump_last_message_at() returns trigger
language plpgsql set search_path = '' as $$
begin
  update public.conversations
     set last_message_at = greatest(coalesce(last_message_at, '-infinity'::timestamptz), now())
   where id = new.conversation_id;
  return null;
end;
$$;

create trigger messages_bump_on_insert after insert on public.messages
  for each row execute function app_private.bump_last_message_at();
create trigger messages_bump_on_finish after update of status on public.messages
  for each row when (old.status = 'streaming' and new.status <> 'streaming')
  execute function app_private.bump_last_message_at();

-- Row-level security: no policy for anon (and no privileges either); authenticated sees and changes only its own rows.

alter table public.profiles enable row level security;
alter table public.conversations enable row level security;
alter table public.messages enable row level security;
alter table public.feedback enable row level security;

revoke all on public.profiles, public.conversations, public.messages, public.feedback from anon;
grant select, insert, update, delete on public.profiles, public.conversations, public.messages, public.feedback
  to authenticated;

create policy profiles_owner on public.profiles for all to authenticated
  using (owner_id = (select auth.uid())) with check (owner_id = (select auth.uid()));
create policy conversations_owner on public.conversations for all to authenticated
  using (owner_id = (select auth.uid())) with check (owner_id = (select auth.uid()));
create policy messages_owner on public.messages for all to authenticated
  using (owner_id = (select auth.uid())) with check (owner_id = (select auth.uid()));
create policy feedback_owner on public.feedback for all to authenticated
  using (owner_id = (select auth.uid())) with check (owner_id = (select auth.uid()));
