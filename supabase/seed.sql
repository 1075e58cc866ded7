-- Local data for `supabase db reset` / `supabase start` (db push never applies it). One demo owner with a profile
-- and a finished conversation, written through the store functions so that a fresh local stack also proves they run.
-- Look at it with: select public.list_conversations('00000000-0000-4000-8000-00000000dec0', 20, null, null, null, 'all');

do $seed$
declare
  v_owner constant uuid := '00000000-0000-4000-8000-00000000dec0';
  v_conversation uuid;
  v_reply uuid;
begin
  perform public.save_profile(v_owner, '{
    "householdSize": 2, "diet": "vegetarian", "allergens": ["peanuts"], "dislikes": ["olives"],
    "pantry": ["kale", "chickpeas"], "maxMinutesPerMeal": 40, "weeklyPrepMinutes": 240,
    "targets": {"kcalPerDay": 2000, "proteinGPerDay": 90}, "units": "metric"
  }');
  v_conversation := (public.create_conversation(v_owner, 'Kale and chickpea week', '{"source": "seed"}') ->> 'id')::uuid;
  perform public.append_user_message(v_owner, v_conversation, 'seed-1', 'Plan three dinners that use up my kale.');
  v_reply := (public.begin_assistant_message(v_owner, v_conversation, 'seed-1:reply', 'offline-chef') ->> 'id')::uuid;
  perform public.complete_assistant_message(
    v_owner, v_reply, 'Kale and chickpea stew, kale pesto pasta, and a warm kale salad with roasted squash.',
    '[]', 'complete', 'offline-chef', 40, 25, 12, null
  );
  perform public.save_message_feedback(v_owner, v_reply, 'up', null);
end
$seed$;
