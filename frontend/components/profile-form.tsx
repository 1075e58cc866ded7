'use client';

import Link from 'next/link';
import { useRouter } from 'next/navigation';
import { useId, useState } from 'react';
import { ALLERGENS, DIETS, type Allergen, type Diet, type Profile } from '@/lib/db/types';
import { ALLERGEN_LABELS, DIET_LABELS } from '@/lib/profile-labels';

const listToText = (items: string[]) => items.join(', ');
const textToList = (text: string) =>
  text
    .split(/[,\n]/)
    .map((item) => item.trim())
    .filter(Boolean);
const numberOrNull = (text: string) => (text.trim() === '' ? null : Number(text));

export function ProfileForm({ initial, saved }: { initial: Profile; saved: boolean }) {
  const router = useRouter();
  const [householdSize, setHouseholdSize] = useState(String(initial.householdSize));
  const [diet, setDiet] = useState<Diet>(initial.diet);
  const [allergens, setAllergens] = useState<Allergen[]>(initial.allergens);
  const [dislikes, setDislikes] = useState(listToText(initial.dislikes));
  const [pantry, setPantry] = useState(listToText(initial.pantry));
  const [maxMinutes, setMaxMinutes] = useState(initial.maxMinutesPerMeal?.toString() ?? '');
  const [weeklyMinutes, setWeeklyMinutes] = useState(initial.weeklyPrepMinutes?.toString() ?? '');
  const [kcal, setKcal] = useState(initial.targets.kcalPerDay?.toString() ?? '');
  const [protein, setProtein] = useState(initial.targets.proteinGPerDay?.toString() ?? '');
  const [units, setUnits] = useState<'metric' | 'us'>(initial.units);
  const [status, setStatus] = useState<{ kind: 'ok' | 'error'; text: string } | null>(
    saved ? null : { kind: 'ok', text: 'These are the defaults. Save to make them yours.' },
  );
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [busy, setBusy] = useState(false);
  const ids = { size: useId(), dislikes: useId(), pantry: useId(), max: useId(), weekly: useId(), kcal: useId(), protein: useId() };

  const submit = async (event: React.FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setErrors({});
    const profile = {
      householdSize: Number(householdSize),
      diet,
      allergens,
      dislikes: textToList(dislikes),
      pantry: textToList(pantry),
      maxMinutesPerMeal: numberOrNull(maxMinutes),
      weeklyPrepMinutes: numberOrNull(weeklyMinutes),
      targets: { kcalPerDay: numberOrNull(kcal), proteinGPerDay: numberOrNull(protein) },
      units,
    };
    const response = await fetch('/api/profile', {
      method: 'PUT',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(profile),
    }).catch(() => null);
    setBusy(false);
    if (!response) {
      setStatus({ kind: 'error', text: 'You seem to be offline. Your changes are still here; try again.' });
      return;
    }
    if (!response.ok) {
      const body = (await response.json().catch(() => null)) as { message?: string; details?: { path: string; message: string }[] } | null;
      const fieldErrors: Record<string, string> = {};
      for (const detail of body?.details ?? []) fieldErrors[detail.path.split('.')[0] ?? ''] = detail.message;
      setErrors(fieldErrors);
      setStatus({ kind: 'error', text: body?.details?.length ? 'Please check the highlighted fields.' : (body?.message ?? 'Saving failed. Please try again.') });
      return;
    }
    setStatus({ kind: 'ok', text: 'Profile saved. Every chat now takes it into account.' });
    router.refresh();
  };

  const fieldError = (name: string, id: string) =>
    errors[name] ? (
      <p id={`${id}-error`} className="mt-1 text-sm text-tomato-700">
        {errors[name]}
      </p>
    ) : null;

  return (
    <form onSubmit={submit} className="mt-6 space-y-6" noValidate data-testid="profile-form">
      <div className="card space-y-5 p-5">
        <h2 className="font-serif text-lg font-semibold">Who’s eating</h2>
        <div>
          <label htmlFor={ids.size} className="field-label">
            Household size
          </label>
          <input
            id={ids.size}
            type="number"
            inputMode="numeric"
            min={1}
            max={20}
            required
            value={householdSize}
            onChange={(e) => setHouseholdSize(e.target.value)}
            aria-invalid={Boolean(errors.householdSize)}
            aria-describedby={errors.householdSize ? `${ids.size}-error` : undefined}
            className="field-input max-w-32"
          />
          {fieldError('householdSize', ids.size)}
        </div>
        <fieldset>
          <legend className="field-label">Diet</legend>
          <div className="mt-2 flex flex-wrap gap-2">
            {DIETS.map((option) => (
              <label
                key={option}
                className={`cursor-pointer rounded-full border px-4 py-1.5 text-sm has-[:focus-visible]:outline-3 has-[:focus-visible]:outline-tomato-600 ${diet === option ? 'border-tomato-600 bg-tomato-600 text-white' : 'border-cream-300 bg-white hover:bg-cream-200'}`}
              >
                <input type="radio" name="diet" value={option} checked={diet === option} onChange={() => setDiet(option)} className="sr-only" />
                {DIET_LABELS[option]}
              </label>
            ))}
          </div>
        </fieldset>
        <fieldset>
          <legend className="field-label">Allergies and intolerances</legend>
          <p className="text-sm text-ink-500">Never planned, never on the list.</p>
          <div className="mt-2 flex flex-wrap gap-2">
            {ALLERGENS.map((allergen) => {
              const on = allergens.includes(allergen);
              return (
                <label
                  key={allergen}
                  className={`cursor-pointer rounded-full border px-3 py-1.5 text-sm has-[:focus-visible]:outline-3 has-[:focus-visible]:outline-tomato-600 ${on ? 'border-basil-700 bg-basil-700 text-white' : 'border-cream-300 bg-white hover:bg-cream-200'}`}
                >
                  <input
                    type="checkbox"
                    checked={on}
                    onChange={() => setAllergens((current) => (on ? current.filter((a) => a !== allergen) : [...current, allergen]))}
                    className="sr-only"
                  />
                  {ALLERGEN_LABELS[allergen]}
                </label>
              );
            })}
          </div>
        </fieldset>
        <div>
          <label htmlFor={ids.dislikes} className="field-label">
            Dislikes
          </label>
          <input
            id={ids.dislikes}
            value={dislikes}
            onChange={(e) => setDislikes(e.target.value)}
            placeholder="e.g. mushroom, olives"
            aria-describedby={`${ids.dislikes}-hint`}
            className="field-input"
          />
          <p id={`${ids.dislikes}-hint`} className="mt-1 text-sm text-ink-500">
            Comma-separated ingredients to leave out.
          </p>
        </div>
      </div>

      <div className="card space-y-5 p-5">
        <h2 className="font-serif text-lg font-semibold">Kitchen</h2>
        <div>
          <label htmlFor={ids.pantry} className="field-label">
            Pantry or this week’s CSA box
          </label>
          <textarea
            id={ids.pantry}
            value={pantry}
            rows={2}
            onChange={(e) => setPantry(e.target.value)}
            placeholder="e.g. kale, tomatoes, chickpeas"
            aria-describedby={`${ids.pantry}-hint`}
            className="field-input"
          />
          <p id={`${ids.pantry}-hint`} className="mt-1 text-sm text-ink-500">
            Plans use these up first, and the grocery list subtracts them.
          </p>
        </div>
        <div className="grid gap-5 sm:grid-cols-2">
          <div>
            <label htmlFor={ids.max} className="field-label">
              Minutes per meal (max)
            </label>
            <input id={ids.max} type="number" inputMode="numeric" min={1} value={maxMinutes} onChange={(e) => setMaxMinutes(e.target.value)} placeholder="No limit" aria-invalid={Boolean(errors.maxMinutesPerMeal)} className="field-input" />
            {fieldError('maxMinutesPerMeal', ids.max)}
          </div>
          <div>
            <label htmlFor={ids.weekly} className="field-label">
              Cooking time per week (minutes)
            </label>
            <input id={ids.weekly} type="number" inputMode="numeric" min={1} value={weeklyMinutes} onChange={(e) => setWeeklyMinutes(e.target.value)} placeholder="No limit" aria-invalid={Boolean(errors.weeklyPrepMinutes)} className="field-input" />
            {fieldError('weeklyPrepMinutes', ids.weekly)}
          </div>
        </div>
        <fieldset>
          <legend className="field-label">Units</legend>
          <div className="mt-2 flex gap-2">
            {(['metric', 'us'] as const).map((option) => (
              <label
                key={option}
                className={`cursor-pointer rounded-full border px-4 py-1.5 text-sm has-[:focus-visible]:outline-3 has-[:focus-visible]:outline-tomato-600 ${units === option ? 'border-tomato-600 bg-tomato-600 text-white' : 'border-cream-300 bg-white hover:bg-cream-200'}`}
              >
                <input type="radio" name="units" value={option} checked={units === option} onChange={() => setUnits(option)} className="sr-only" />
                {option === 'metric' ? 'Metric (g, ml)' : 'US (cups, oz)'}
              </label>
            ))}
          </div>
        </fieldset>
      </div>

      <div className="card space-y-5 p-5">
        <h2 className="font-serif text-lg font-semibold">Daily targets per person</h2>
        <div className="grid gap-5 sm:grid-cols-2">
          <div>
            <label htmlFor={ids.kcal} className="field-label">
              Energy (kcal)
            </label>
            <input id={ids.kcal} type="number" inputMode="numeric" value={kcal} onChange={(e) => setKcal(e.target.value)} placeholder="e.g. 2000" aria-invalid={Boolean(errors.targets)} className="field-input" />
          </div>
          <div>
            <label htmlFor={ids.protein} className="field-label">
              Protein (g)
            </label>
            <input id={ids.protein} type="number" inputMode="numeric" value={protein} onChange={(e) => setProtein(e.target.value)} placeholder="e.g. 90" aria-invalid={Boolean(errors.targets)} className="field-input" />
          </div>
        </div>
        {errors.targets ? <p className="text-sm text-tomato-700">Targets: {errors.targets}</p> : null}
      </div>

      <div className="flex flex-wrap items-center gap-3">
        <button type="submit" className="btn-primary px-6" disabled={busy}>
          {busy ? 'Saving…' : 'Save profile'}
        </button>
        <Link href="/" className="btn-secondary">
          Back to chat
        </Link>
        <p role="status" aria-live="polite" className={`text-sm ${status?.kind === 'error' ? 'text-tomato-700' : 'text-basil-700'}`} data-testid="profile-status">
          {status?.text}
        </p>
      </div>
    </form>
  );
}
