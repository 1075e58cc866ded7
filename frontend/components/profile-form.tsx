'use client';

import Link from 'next/link';
import { useRouter } from 'next/navigation';
import { useId, useState } from 'react';
import { flushSync } from 'react-dom';
import { AGE_GROUPS, ALLERGENS, DIETS, type AgeGroup, type Allergen, type Diet, type HouseholdMember, type Profile } from '@/lib/db/types';
import { AGE_GROUP_LABELS, ALLERGEN_LABELS, DIET_LABELS } from '@/lib/profile-labels';
import { IconPlus, IconX } from './icons';
import { sendJson } from './send-json';

const listToText = (items: string[]) => items.join(', ');
const textToList = (text: string) =>
  text
    .split(/[,\n]/)
    .map((item) => item.trim())
    .filter(Boolean);
const numberOrNull = (text: string) => (text.trim() === '' ? null : Number(text));

/** The form's fields that can be refused, in the order they appear (the first refused one takes focus). */
const FIELDS = ['householdSize', 'members', 'dislikes', 'pantry', 'maxMinutesPerMeal', 'weeklyPrepMinutes', 'kcalPerDay', 'proteinGPerDay'] as const;
type Field = (typeof FIELDS)[number];

/** The API names a problem by its path in the profile (`targets.kcalPerDay`, `dislikes.3`); the form by its field. */
function fieldForPath(path: string): Field | null {
  const [head, next] = path.split('.');
  if (head === 'targets') return next === 'kcalPerDay' || next === 'proteinGPerDay' ? next : null;
  return FIELDS.find((field) => field === head) ?? null;
}

/** Invalid fields get a tomato border; `aria-invalid` drives it so the look and what a screen reader hears agree. */
const INPUT_CLASS = 'field-input aria-invalid:border-tomato-700 aria-invalid:ring-1 aria-invalid:ring-tomato-700';

export function ProfileForm({ initial, saved }: { initial: Profile; saved: boolean }) {
  const router = useRouter();
  const [householdSize, setHouseholdSize] = useState(String(initial.householdSize));
  const [members, setMembers] = useState<HouseholdMember[]>(initial.members ?? []);
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
  const [errors, setErrors] = useState<Partial<Record<Field, string>>>({});
  const [busy, setBusy] = useState(false);
  const ids: Record<Field, string> = {
    householdSize: useId(),
    members: useId(),
    dislikes: useId(),
    pantry: useId(),
    maxMinutesPerMeal: useId(),
    weeklyPrepMinutes: useId(),
    kcalPerDay: useId(),
    proteinGPerDay: useId(),
  };

  const submit = async (event: React.FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setErrors({});
    const profile = {
      householdSize: members.length > 0 ? members.length : Number(householdSize),
      members,
      diet,
      allergens,
      dislikes: textToList(dislikes),
      pantry: textToList(pantry),
      maxMinutesPerMeal: numberOrNull(maxMinutes),
      weeklyPrepMinutes: numberOrNull(weeklyMinutes),
      targets: { kcalPerDay: numberOrNull(kcal), proteinGPerDay: numberOrNull(protein) },
      units,
    };
    const result = await sendJson('/api/profile', 'PUT', profile);
    setBusy(false);
    if (!result.ok && result.status === 0) {
      setStatus({ kind: 'error', text: 'You seem to be offline. Your changes are still here; try again.' });
      return;
    }
    if (!result.ok) {
      const fieldErrors: Partial<Record<Field, string>> = {};
      const otherErrors: string[] = [];
      for (const detail of result.details) {
        const field = fieldForPath(detail.path);
        if (!field) otherErrors.push(detail.message);
        else fieldErrors[field] ??= detail.message;
      }
      const anyField = Object.keys(fieldErrors).length > 0;
      // Only our routes' error bodies carry a code; without one (a proxy's 502 page) the message is not theirs to show.
      const fallback = result.code ? result.message : 'Saving failed. Please try again.';
      // Rendered before focus moves, so the field is announced with its own message (aria-describedby).
      flushSync(() => {
        setErrors(fieldErrors);
        setStatus({
          kind: 'error',
          text: [anyField ? 'Please check the highlighted fields.' : null, ...otherErrors].filter(Boolean).join(' ') || fallback,
        });
      });
      const first = FIELDS.find((field) => fieldErrors[field]);
      if (first) document.getElementById(ids[first])?.focus();
      return;
    }
    setStatus({ kind: 'ok', text: 'Profile saved. Every chat now takes it into account.' });
    router.refresh();
  };

  /** `aria-invalid` and `aria-describedby` (hint first, then the field's own message) for one field. */
  const described = (field: Field, hint?: string) => {
    const describedBy = [hint, errors[field] ? `${ids[field]}-error` : undefined].filter(Boolean).join(' ');
    return { 'aria-invalid': errors[field] ? true : undefined, 'aria-describedby': describedBy || undefined };
  };
  const fieldError = (field: Field) =>
    errors[field] ? (
      <p id={`${ids[field]}-error`} className="mt-1 text-sm text-tomato-700" data-testid="field-error">
        {errors[field]}
      </p>
    ) : null;

  /** One of the optional whole-number fields (time budgets, daily targets): label, input, its own message. */
  const numberField = (
    field: Field,
    label: string,
    value: string,
    onChange: (value: string) => void,
    { min, max, placeholder }: { min: number; max: number; placeholder: string },
  ) => (
    <div>
      <label htmlFor={ids[field]} className="field-label">
        {label}
      </label>
      <input
        id={ids[field]}
        type="number"
        inputMode="numeric"
        min={min}
        max={max}
        value={value}
        onChange={(e) => onChange(e.target.value)}
        placeholder={placeholder}
        {...described(field)}
        className={INPUT_CLASS}
      />
      {fieldError(field)}
    </div>
  );

  return (
    <form onSubmit={submit} className="mt-6 space-y-6" noValidate data-testid="profile-form">
      <div className="card space-y-5 p-5">
        <h2 className="font-serif text-lg font-semibold">Who’s eating</h2>
        <div>
          <label htmlFor={ids.householdSize} className="field-label">
            Household size
          </label>
          <input
            id={ids.householdSize}
            type="number"
            inputMode="numeric"
            min={1}
            max={20}
            required
            value={members.length > 0 ? String(members.length) : householdSize}
            readOnly={members.length > 0}
            onChange={(e) => setHouseholdSize(e.target.value)}
            {...described('householdSize', members.length > 0 ? `${ids.householdSize}-hint` : undefined)}
            className={`${INPUT_CLASS} max-w-32 read-only:bg-cream-100`}
          />
          {members.length > 0 ? (
            <p id={`${ids.householdSize}-hint`} className="mt-1 text-sm text-ink-500">
              The people below.
            </p>
          ) : null}
          {fieldError('householdSize')}
        </div>
        <MembersEditor
          members={members}
          onChange={setMembers}
          headingId={ids.members}
          error={errors.members}
        />
        <fieldset>
          <legend className="field-label">Diet</legend>
          <div className="mt-2 flex flex-wrap gap-2">
            {DIETS.map((option) => (
              <label
                key={option}
                className={`cursor-pointer rounded-full border px-4 py-1.5 text-sm has-[:focus-visible]:focus-ring ${diet === option ? 'border-tomato-600 bg-tomato-600 text-white' : 'border-cream-300 bg-surface hover:bg-cream-200'}`}
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
          <AllergenChips className="mt-2 flex flex-wrap gap-2" size="md" selected={allergens} onChange={setAllergens} />
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
            {...described('dislikes', `${ids.dislikes}-hint`)}
            className={INPUT_CLASS}
          />
          <p id={`${ids.dislikes}-hint`} className="mt-1 text-sm text-ink-500">
            Comma-separated ingredients to leave out.
          </p>
          {fieldError('dislikes')}
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
            {...described('pantry', `${ids.pantry}-hint`)}
            className={INPUT_CLASS}
          />
          <p id={`${ids.pantry}-hint`} className="mt-1 text-sm text-ink-500">
            Plans use these up first, and the grocery list subtracts them.
          </p>
          {fieldError('pantry')}
        </div>
        <div className="grid gap-5 sm:grid-cols-2">
          {numberField('maxMinutesPerMeal', 'Minutes per meal (max)', maxMinutes, setMaxMinutes, { min: 5, max: 600, placeholder: 'No limit' })}
          {numberField('weeklyPrepMinutes', 'Cooking time per week (minutes)', weeklyMinutes, setWeeklyMinutes, { min: 10, max: 10_080, placeholder: 'No limit' })}
        </div>
        <fieldset>
          <legend className="field-label">Units</legend>
          <div className="mt-2 flex gap-2">
            {(['metric', 'us'] as const).map((option) => (
              <label
                key={option}
                className={`cursor-pointer rounded-full border px-4 py-1.5 text-sm has-[:focus-visible]:focus-ring ${units === option ? 'border-tomato-600 bg-tomato-600 text-white' : 'border-cream-300 bg-surface hover:bg-cream-200'}`}
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
          {numberField('kcalPerDay', 'Energy (kcal)', kcal, setKcal, { min: 500, max: 10_000, placeholder: 'e.g. 2000' })}
          {numberField('proteinGPerDay', 'Protein (g)', protein, setProtein, { min: 0, max: 500, placeholder: 'e.g. 90' })}
        </div>
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

const EMPTY_MEMBER = (n: number): HouseholdMember => ({ label: `Person ${n}`, ageGroup: 'adult', allergens: [], diet: 'omnivore' });

/**
 * Who eats, one row each: a name, an age group, a diet and allergies. A member's allergy is the whole household's
 * hard constraint ("the toddler is allergic to fish" has a home); the household size is the number of rows.
 */
function MembersEditor({
  members,
  onChange,
  headingId,
  error,
}: {
  members: HouseholdMember[];
  onChange: (members: HouseholdMember[]) => void;
  headingId: string;
  error?: string;
}) {
  const update = (index: number, change: Partial<HouseholdMember>) => onChange(members.map((m, i) => (i === index ? { ...m, ...change } : m)));
  return (
    <fieldset aria-describedby={error ? `${headingId}-error` : undefined} data-testid="members">
      <legend id={headingId} tabIndex={-1} className="field-label">
        People <span className="font-normal text-ink-500">(optional)</span>
      </legend>
      <p className="text-sm text-ink-500">Name who eats to give each their own allergies and diet; plans serve everyone.</p>
      <ul className="mt-2 space-y-3">
        {members.map((member, index) => (
          <li key={index} className="rounded-xl border border-cream-300 bg-cream-50 p-3" data-testid="member">
            <div className="flex flex-wrap items-end gap-2">
              <label className="min-w-32 flex-1 text-sm">
                <span className="text-ink-700">Name</span>
                <input
                  value={member.label}
                  maxLength={60}
                  onChange={(e) => update(index, { label: e.target.value })}
                  className="field-input mt-0.5 py-1.5"
                  aria-invalid={error ? true : undefined}
                />
              </label>
              <label className="text-sm">
                <span className="text-ink-700">Age</span>
                <select
                  value={member.ageGroup}
                  onChange={(e) => update(index, { ageGroup: e.target.value as AgeGroup })}
                  className="field-input mt-0.5 py-1.5"
                >
                  {AGE_GROUPS.map((group) => (
                    <option key={group} value={group}>
                      {AGE_GROUP_LABELS[group]}
                    </option>
                  ))}
                </select>
              </label>
              <label className="text-sm">
                <span className="text-ink-700">Diet</span>
                <select value={member.diet} onChange={(e) => update(index, { diet: e.target.value as Diet })} className="field-input mt-0.5 py-1.5">
                  {DIETS.map((option) => (
                    <option key={option} value={option}>
                      {DIET_LABELS[option]}
                    </option>
                  ))}
                </select>
              </label>
              <button
                type="button"
                className="btn-ghost h-9"
                aria-label={`Remove ${member.label || 'this person'}`}
                onClick={() => onChange(members.filter((_, i) => i !== index))}
              >
                <IconX className="h-4 w-4" />
              </button>
            </div>
            <AllergenChips
              className="mt-2 flex flex-wrap gap-1.5"
              size="sm"
              label={`${member.label || 'This person'}’s allergies`}
              selected={member.allergens}
              onChange={(next) => update(index, { allergens: next(member.allergens) })}
            />
          </li>
        ))}
      </ul>
      {error ? (
        <p id={`${headingId}-error`} className="mt-1 text-sm text-tomato-700" data-testid="field-error">
          {error}
        </p>
      ) : null}
      {members.length < 20 ? (
        <button type="button" className="btn-secondary mt-2 text-sm" onClick={() => onChange([...members, EMPTY_MEMBER(members.length + 1)])} data-testid="add-member">
          <IconPlus className="h-4 w-4" /> Add a person
        </button>
      ) : null}
    </fieldset>
  );
}

/** The allergens as chips to turn on and off (checkboxes under the chip), for the household or one person in it. */
function AllergenChips({
  selected,
  onChange,
  size,
  label,
  className,
}: {
  selected: Allergen[];
  onChange: (next: (current: Allergen[]) => Allergen[]) => void;
  size: 'sm' | 'md';
  /** Names the group when no legend does. */
  label?: string;
  className: string;
}) {
  return (
    <div className={className} role={label ? 'group' : undefined} aria-label={label}>
      {ALLERGENS.map((allergen) => {
        const on = selected.includes(allergen);
        return (
          <label
            key={allergen}
            className={`cursor-pointer rounded-full border ${size === 'md' ? 'px-3 py-1.5 text-sm' : 'px-2.5 py-1 text-xs'} has-[:focus-visible]:focus-ring ${on ? 'border-basil-700 bg-basil-700 text-white dark:border-basil-600 dark:bg-basil-600' : 'border-cream-300 bg-surface hover:bg-cream-200'}`}
          >
            <input
              type="checkbox"
              checked={on}
              onChange={() => onChange((current) => (on ? current.filter((a) => a !== allergen) : [...current, allergen]))}
              className="sr-only"
            />
            {ALLERGEN_LABELS[allergen]}
          </label>
        );
      })}
    </div>
  );
}
