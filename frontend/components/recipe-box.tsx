'use client';

import { useMemo, useState } from 'react';
import { ALLERGEN_LABEL, ALLERGENS, DIETS, MEAL_TYPES, type Allergen, type Diet, type MealType } from '@chef-chopsky/kitchen/types';
import type { ImportedRecipe, RecipeDraft } from '@chef-chopsky/contract/recipes';
import type { RecipeView } from '@/lib/recipes/service';
import { ConfirmDialog } from './confirm-dialog';
import { sendJson } from './send-json';

type Ingredient = { id: string; name: string };

/** A line as the editor holds it: the saved shape plus what the kitchen said of it (kept for display only). */
interface EditLine {
  text: string;
  group: string | null;
  match: RecipeDraft['lines'][number]['match'];
  safe: { freeOf: Allergen[]; diet: Diet } | null;
  ingredientName: string | null;
  reason: string | null;
  named: Allergen[];
  lacks?: string[];
}

interface Draft {
  id: string | null;
  title: string;
  servings: string;
  prepMinutes: string;
  cookMinutes: string;
  mealTypes: MealType[];
  cuisine: string;
  tags: string;
  lines: EditLine[];
  steps: string;
  mark: RecipeDraft['mark'];
  sourceUrl: string | null;
  imageUrl: string | null;
}

const toText = (n: number | null) => (n === null ? '' : String(n));
const toNumber = (text: string) => (text.trim() === '' ? null : Number(text));

function draftFromImport(recipe: ImportedRecipe): Draft {
  return {
    id: null,
    title: recipe.title,
    servings: String(recipe.servings),
    prepMinutes: toText(recipe.prepMinutes),
    cookMinutes: toText(recipe.cookMinutes),
    mealTypes: recipe.mealTypes,
    cuisine: recipe.cuisine,
    tags: recipe.tags.join(', '),
    lines: recipe.lines.map((l) => ({ text: l.text, group: l.group ?? null, match: l.match, safe: l.safe ?? null, ingredientName: l.ingredientName, reason: l.reason, named: l.named })),
    steps: recipe.steps.join('\n'),
    mark: null,
    sourceUrl: recipe.sourceUrl ?? null,
    imageUrl: recipe.imageUrl ?? null,
  };
}

function draftFromSaved(recipe: RecipeView, ingredients: readonly Ingredient[]): Draft {
  const nameOf = new Map(ingredients.map((i) => [i.id, i.name]));
  return {
    id: recipe.id,
    title: recipe.title,
    servings: String(recipe.servings),
    prepMinutes: toText(recipe.prepMinutes),
    cookMinutes: toText(recipe.cookMinutes),
    mealTypes: recipe.mealTypes,
    cuisine: recipe.cuisine,
    tags: recipe.tags.join(', '),
    lines: recipe.lines.map((l) => ({
      text: l.text,
      group: l.group ?? null,
      match: l.match,
      safe: l.safe ?? null,
      ingredientName: l.match ? (nameOf.get(l.match.ingredientId) ?? l.match.ingredientId) : null,
      reason: l.match ? null : 'Not matched to an ingredient',
      named: [],
    })),
    steps: recipe.steps.join('\n'),
    mark: recipe.mark,
    sourceUrl: recipe.sourceUrl ?? null,
    imageUrl: recipe.imageUrl ?? null,
  };
}

function toRecipeDraft(draft: Draft): RecipeDraft {
  return {
    title: draft.title,
    servings: Number(draft.servings),
    prepMinutes: toNumber(draft.prepMinutes),
    cookMinutes: toNumber(draft.cookMinutes),
    mealTypes: draft.mealTypes,
    cuisine: draft.cuisine,
    tags: draft.tags.split(',').map((t) => t.trim()).filter(Boolean),
    lines: draft.lines.map((l) => ({ text: l.text, group: l.group, match: l.match, safe: l.match ? null : l.safe })),
    steps: draft.steps.split('\n').map((s) => s.trim()).filter(Boolean),
    mark: draft.mark,
    sourceUrl: draft.sourceUrl,
    imageUrl: draft.imageUrl,
  };
}

const MEAL_LABEL: Record<MealType, string> = { breakfast: 'Breakfast', lunch: 'Lunch', dinner: 'Dinner', snack: 'Snack' };
const DIET_LABEL: Record<Diet, string> = { omnivore: 'Omnivore', pescatarian: 'Pescatarian', vegetarian: 'Vegetarian', vegan: 'Vegan' };

/** One of the recipe box's filters: "Any", then each value by its label. */
function FilterSelect<T extends string>(props: { id: string; label: string; value: T | ''; values: readonly T[]; labels: Record<T, string>; onChange: (value: T | '') => void }) {
  return (
    <div>
      <label className="field-label" htmlFor={props.id}>
        {props.label}
      </label>
      <select id={props.id} className="field-input" value={props.value} onChange={(e) => props.onChange(e.target.value as T | '')}>
        <option value="">Any</option>
        {props.values.map((value) => (
          <option key={value} value={value}>
            {props.labels[value]}
          </option>
        ))}
      </select>
    </div>
  );
}
const allergenList = (items: readonly Allergen[]) => items.map((a) => ALLERGEN_LABEL[a]).join(', ');

/** The cook's word on an unmatched line: which allergens it is free of, and the diet it suits. */
function MarkSafe({ line, onMark }: { line: EditLine; onMark: (safe: EditLine['safe']) => void }) {
  const [freeOf, setFreeOf] = useState<Allergen[]>(line.safe?.freeOf ?? []);
  const [diet, setDiet] = useState<Diet>(line.safe?.diet ?? 'omnivore');
  return (
    <fieldset className="mt-2 rounded-md border border-cream-300 p-2">
      <legend className="px-1 text-sm font-medium">Mark this line safe</legend>
      <p className="text-sm text-ink-700">It is free of:</p>
      <div className="mt-1 flex flex-wrap gap-x-3 gap-y-1">
        {ALLERGENS.map((a) => (
          <label key={a} className="flex items-center gap-1 text-sm">
            <input type="checkbox" checked={freeOf.includes(a)} onChange={(e) => setFreeOf(e.target.checked ? [...freeOf, a] : freeOf.filter((x) => x !== a))} />
            {ALLERGEN_LABEL[a]}
          </label>
        ))}
      </div>
      <label className="mt-2 flex items-center gap-2 text-sm">
        It suits
        <select className="field-input w-auto" value={diet} onChange={(e) => setDiet(e.target.value as Diet)}>
          {DIETS.map((d) => (
            <option key={d} value={d}>
              {DIET_LABEL[d]}
            </option>
          ))}
        </select>
      </label>
      <div className="mt-2 flex gap-2">
        <button type="button" className="btn-secondary" onClick={() => setFreeOf([...ALLERGENS])}>
          Free of all
        </button>
        <button type="button" className="btn-primary" onClick={() => onMark({ freeOf, diet })}>
          Mark safe
        </button>
      </div>
    </fieldset>
  );
}

/** One line of the editor: its text, what the kitchen matched it to (or why not), and how to resolve it. */
function LineRow({ line, index, ingredients, onChange, onRemove }: { line: EditLine; index: number; ingredients: readonly Ingredient[]; onChange: (line: EditLine) => void; onRemove: () => void }) {
  const [picking, setPicking] = useState(false);
  const [choice, setChoice] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  const pick = async () => {
    const ingredient = ingredients.find((i) => i.name.toLowerCase() === choice.trim().toLowerCase());
    if (!ingredient) {
      setProblem('Pick an ingredient from the list.');
      return;
    }
    const result = await sendJson<{ lines: EditLine[] }>('/api/recipes/lines', 'POST', { lines: [{ text: line.text, ingredientId: ingredient.id }] });
    if (!result.ok) {
      setProblem(result.message);
      return;
    }
    setProblem(null);
    setPicking(false);
    onChange({ ...result.body.lines[0]!, group: line.group });
  };
  const listId = `ingredients-${index}`;
  return (
    <li className="border-b border-cream-300 py-2" data-testid="recipe-line">
      <div className="flex items-start justify-between gap-2">
        <div>
          <p>{line.text}</p>
          {line.match ? (
            <p className="text-sm text-basil-700">
              → {line.ingredientName}
              {line.match.quantity === 0 ? ' (as needed)' : ` (${Number(line.match.quantity.toFixed(2))} ${line.match.unit})`}
              {line.match.by === 'cook' ? ', your pick' : ''}
            </p>
          ) : line.safe ? (
            <p className="text-sm text-ink-700">
              Marked by you: free of {line.safe.freeOf.length === ALLERGENS.length ? 'all allergens' : allergenList(line.safe.freeOf) || 'nothing named'}; {DIET_LABEL[line.safe.diet].toLowerCase()}
            </p>
          ) : (
            <p className="text-sm text-tomato-700" data-testid="unmatched-reason">
              Unmatched: {line.reason ?? 'not matched to an ingredient'}. Its allergens are unknown.
            </p>
          )}
          {line.lacks && line.lacks.length > 0 && <p className="text-sm text-tomato-700">Careful: the line names {line.lacks.join(', ')}, which {line.ingredientName} does not carry.</p>}
        </div>
        <div className="flex shrink-0 gap-1">
          <button type="button" className="btn-ghost text-sm" onClick={() => setPicking(!picking)} aria-expanded={picking}>
            {line.match ? 'Change' : 'Resolve'}
          </button>
          <button type="button" className="btn-ghost text-sm" onClick={onRemove} aria-label={`Remove ${line.text}`}>
            Remove
          </button>
        </div>
      </div>
      {picking && (
        <div className="mt-2">
          <label className="field-label" htmlFor={`pick-${index}`}>
            Ingredient
          </label>
          <div className="flex gap-2">
            <input id={`pick-${index}`} className="field-input" list={listId} value={choice} onChange={(e) => setChoice(e.target.value)} placeholder="Start typing: chickpeas, olive oil…" />
            <datalist id={listId}>
              {ingredients.map((i) => (
                <option key={i.id} value={i.name} />
              ))}
            </datalist>
            <button type="button" className="btn-primary" onClick={pick}>
              Use
            </button>
          </div>
          {problem && <p className="mt-1 text-sm text-tomato-700">{problem}</p>}
          {!line.match && (
            <MarkSafe
              line={line}
              onMark={(safe) => {
                setPicking(false);
                onChange({ ...line, safe });
              }}
            />
          )}
        </div>
      )}
    </li>
  );
}

function Editor({ initial, ingredients, onSaved, onCancel }: { initial: Draft; ingredients: readonly Ingredient[]; onSaved: (recipe: RecipeView) => void; onCancel: () => void }) {
  const [draft, setDraft] = useState(initial);
  const [newLine, setNewLine] = useState('');
  const [status, setStatus] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const set = <K extends keyof Draft>(key: K, value: Draft[K]) => setDraft((d) => ({ ...d, [key]: value }));
  const unresolved = draft.lines.filter((l) => !l.match && !l.safe).length;

  const addLine = async () => {
    if (!newLine.trim()) return;
    const result = await sendJson<{ lines: EditLine[] }>('/api/recipes/lines', 'POST', { lines: [{ text: newLine.trim() }] });
    if (!result.ok) {
      setStatus(result.message);
      return;
    }
    set('lines', [...draft.lines, { ...result.body.lines[0]!, group: null }]);
    setNewLine('');
  };

  const save = async (event: React.FormEvent) => {
    event.preventDefault();
    setBusy(true);
    const body = toRecipeDraft(draft);
    const result = draft.id ? await sendJson<{ recipe: RecipeView }>(`/api/recipes/${draft.id}`, 'PUT', body) : await sendJson<{ recipe: RecipeView }>('/api/recipes', 'POST', body);
    setBusy(false);
    if (!result.ok) {
      setStatus([result.message, ...result.details.map((d) => `${d.path}: ${d.message}`)].join(' '));
      return;
    }
    onSaved(result.body.recipe);
  };

  return (
    <form onSubmit={save} className="card mt-4 p-4" aria-label="Recipe editor">
      <div className="grid gap-3 md:grid-cols-2">
        <div className="md:col-span-2">
          <label className="field-label" htmlFor="recipe-title">
            Title
          </label>
          <input id="recipe-title" className="field-input" value={draft.title} onChange={(e) => set('title', e.target.value)} required maxLength={200} />
        </div>
        <div>
          <label className="field-label" htmlFor="recipe-servings">
            Servings
          </label>
          <input id="recipe-servings" className="field-input" type="number" min={1} max={100} value={draft.servings} onChange={(e) => set('servings', e.target.value)} required />
        </div>
        <div className="grid grid-cols-2 gap-2">
          <div>
            <label className="field-label" htmlFor="recipe-prep">
              Prep (min)
            </label>
            <input id="recipe-prep" className="field-input" type="number" min={0} max={2880} value={draft.prepMinutes} onChange={(e) => set('prepMinutes', e.target.value)} />
          </div>
          <div>
            <label className="field-label" htmlFor="recipe-cook">
              Cook (min)
            </label>
            <input id="recipe-cook" className="field-input" type="number" min={0} max={2880} value={draft.cookMinutes} onChange={(e) => set('cookMinutes', e.target.value)} />
          </div>
        </div>
        <fieldset className="md:col-span-2">
          <legend className="field-label">Meals</legend>
          <div className="flex gap-4">
            {MEAL_TYPES.map((m) => (
              <label key={m} className="flex items-center gap-1">
                <input type="checkbox" checked={draft.mealTypes.includes(m)} onChange={(e) => set('mealTypes', e.target.checked ? MEAL_TYPES.filter((x) => x === m || draft.mealTypes.includes(x)) : draft.mealTypes.filter((x) => x !== m))} />
                {MEAL_LABEL[m]}
              </label>
            ))}
          </div>
        </fieldset>
        <div>
          <label className="field-label" htmlFor="recipe-cuisine">
            Cuisine
          </label>
          <input id="recipe-cuisine" className="field-input" value={draft.cuisine} onChange={(e) => set('cuisine', e.target.value)} maxLength={40} />
        </div>
        <div>
          <label className="field-label" htmlFor="recipe-tags">
            Tags (comma-separated)
          </label>
          <input id="recipe-tags" className="field-input" value={draft.tags} onChange={(e) => set('tags', e.target.value)} />
        </div>
      </div>

      <h3 className="mt-4 font-semibold">Ingredients</h3>
      {unresolved > 0 && (
        <p className="mt-1 rounded-md bg-cream-200 p-2 text-sm" role="note">
          {unresolved === 1 ? '1 line is' : `${unresolved} lines are`} not matched, so this recipe&apos;s allergens are unknown: it is never planned for anyone with
          an allergy or a diet until you resolve {unresolved === 1 ? 'it' : 'them'}.
        </p>
      )}
      <ul className="mt-1">
        {draft.lines.map((line, i) => (
          <LineRow
            key={`${i}-${line.text}`}
            line={line}
            index={i}
            ingredients={ingredients}
            onChange={(next) => set('lines', draft.lines.map((l, j) => (j === i ? next : l)))}
            onRemove={() => set('lines', draft.lines.filter((_, j) => j !== i))}
          />
        ))}
      </ul>
      <div className="mt-2 flex gap-2">
        <label className="sr-only" htmlFor="recipe-new-line">
          New ingredient line
        </label>
        <input id="recipe-new-line" className="field-input" value={newLine} onChange={(e) => setNewLine(e.target.value)} placeholder="Add a line: 2 tbsp olive oil" />
        <button type="button" className="btn-secondary" onClick={addLine}>
          Add
        </button>
      </div>

      <label className="field-label mt-4 block" htmlFor="recipe-steps">
        Steps (one a line)
      </label>
      <textarea id="recipe-steps" className="field-input min-h-32" value={draft.steps} onChange={(e) => set('steps', e.target.value)} />

      {status && (
        <p className="mt-2 text-sm text-tomato-700" role="alert">
          {status}
        </p>
      )}
      <div className="mt-4 flex gap-2">
        <button type="submit" className="btn-primary" disabled={busy}>
          {busy ? 'Saving…' : 'Save recipe'}
        </button>
        <button type="button" className="btn-secondary" onClick={onCancel}>
          Cancel
        </button>
      </div>
    </form>
  );
}

function RecipeCard({ recipe, onOpen, onMark, onDelete }: { recipe: RecipeView; onOpen: () => void; onMark: (mark: RecipeView['mark']) => void; onDelete: () => void }) {
  const f = recipe.facts;
  return (
    <li className="card p-4" data-testid="recipe-card">
      <div className="flex items-start justify-between gap-2">
        <div>
          <h2 className="font-serif text-lg font-semibold">{recipe.title}</h2>
          <p className="text-sm text-ink-700">
            {recipe.mealTypes.map((m) => MEAL_LABEL[m]).join(', ')} · {recipe.servings} servings · {f.totalMinutes === null ? 'time not given' : `${f.totalMinutes} min`} · {Math.round(f.perServing.kcal)} kcal a serving
            {recipe.mark === 'never' ? ' · never again' : ''}
          </p>
          <p className="text-sm text-ink-700">
            {DIET_LABEL[f.diets[0] ?? 'omnivore']}
            {f.allergens.length > 0 ? ` · contains ${allergenList(f.allergens)}` : ''}
          </p>
          {f.unmatched.length > 0 && f.mayContain.length === 0 && (
            <p className="text-sm text-ink-700">
              {f.unmatched.length === 1 ? '1 line is' : `${f.unmatched.length} lines are`} marked safe by you: planned for allergies and diets, but not with a
              food-group exclusion or a regime (pork, halal, keto…), which a marked line cannot be checked for.
            </p>
          )}
          {f.mayContain.length > 0 && (
            <p className="text-sm text-tomato-700" data-testid="unknown-allergens">
              Allergens unknown: {f.unmatched.length === 1 ? '1 line is' : `${f.unmatched.length} lines are`} not matched ({f.unmatched.slice(0, 2).join('; ')}
              {f.unmatched.length > 2 ? '…' : ''}). Not planned for anyone with an allergy or a diet until resolved.
            </p>
          )}
        </div>
        <button
          type="button"
          className="btn-ghost text-xl"
          aria-pressed={recipe.mark === 'favourite'}
          aria-label={recipe.mark === 'favourite' ? `Unfavourite ${recipe.title}` : `Favourite ${recipe.title}`}
          onClick={() => onMark(recipe.mark === 'favourite' ? null : 'favourite')}
        >
          {recipe.mark === 'favourite' ? '★' : '☆'}
        </button>
      </div>
      <div className="mt-2 flex flex-wrap gap-2">
        <button type="button" className="btn-secondary" onClick={onOpen}>
          Open
        </button>
        <button type="button" className="btn-ghost" onClick={() => onMark(recipe.mark === 'never' ? null : 'never')}>
          {recipe.mark === 'never' ? 'Plan it again' : 'Never again'}
        </button>
        <button type="button" className="btn-ghost" onClick={onDelete} aria-label={`Delete ${recipe.title}`}>
          Delete
        </button>
        {recipe.sourceUrl && (
          <a className="btn-ghost" href={recipe.sourceUrl} target="_blank" rel="noreferrer noopener">
            Source
          </a>
        )}
      </div>
    </li>
  );
}

export function RecipeBox({ initial, ingredients }: { initial: RecipeView[]; ingredients: Ingredient[] }) {
  const [recipes, setRecipes] = useState(initial);
  const [editing, setEditing] = useState<Draft | null>(null);
  const [url, setUrl] = useState('');
  const [text, setText] = useState('');
  const [mode, setMode] = useState<'link' | 'text'>('link');
  const [status, setStatus] = useState<{ kind: 'ok' | 'error'; text: string } | null>(null);
  const [busy, setBusy] = useState(false);
  const [query, setQuery] = useState('');
  const [meal, setMeal] = useState<MealType | ''>('');
  const [diet, setDiet] = useState<Diet | ''>('');
  const [maxMinutes, setMaxMinutes] = useState('');
  const [deleting, setDeleting] = useState<RecipeView | null>(null);

  const shown = useMemo(() => {
    const words = query.toLowerCase().split(/\s+/).filter(Boolean);
    return recipes.filter((r) => {
      const haystack = `${r.title} ${r.cuisine} ${r.tags.join(' ')} ${r.lines.map((l) => l.text).join(' ')}`.toLowerCase();
      if (!words.every((w) => haystack.includes(w))) return false;
      if (meal && !r.mealTypes.includes(meal)) return false;
      if (diet && !r.facts.diets.includes(diet)) return false;
      if (maxMinutes && (r.facts.totalMinutes === null || r.facts.totalMinutes > Number(maxMinutes))) return false;
      return true;
    });
  }, [recipes, query, meal, diet, maxMinutes]);

  const importRecipe = async (event: React.FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setStatus(null);
    const result = await sendJson<{ recipe: ImportedRecipe }>('/api/recipes/import', 'POST', mode === 'link' ? { url } : { text });
    setBusy(false);
    if (!result.ok) {
      setStatus({ kind: 'error', text: result.status === 0 ? 'You seem to be offline. Try again.' : result.message });
      return;
    }
    setEditing(draftFromImport(result.body.recipe));
    setStatus({ kind: 'ok', text: 'Read it. Check the ingredients below, resolve any unmatched line, and save.' });
  };

  /** Opens a saved recipe in the editor, with the kitchen's word on each unmatched line read again. */
  const open = async (recipe: RecipeView) => {
    const draft = draftFromSaved(recipe, ingredients);
    const unmatched = draft.lines.filter((l) => !l.match);
    if (unmatched.length > 0) {
      const result = await sendJson<{ lines: EditLine[] }>('/api/recipes/lines', 'POST', { lines: unmatched.map((l) => ({ text: l.text })) });
      if (result.ok) {
        let i = 0;
        draft.lines = draft.lines.map((l) => (l.match ? l : { ...l, reason: result.body.lines[i]?.reason ?? l.reason, named: result.body.lines[i++]?.named ?? [] }));
      }
    }
    setEditing(draft);
  };

  const replace = (recipe: RecipeView) => setRecipes((list) => [recipe, ...list.filter((r) => r.id !== recipe.id)]);

  const mark = async (recipe: RecipeView, next: RecipeView['mark']) => {
    const result = await sendJson<{ recipe: RecipeView }>(`/api/recipes/${recipe.id}`, 'PATCH', { mark: next });
    if (result.ok) setRecipes((list) => list.map((r) => (r.id === recipe.id ? result.body.recipe : r)));
    else setStatus({ kind: 'error', text: result.message });
  };

  const remove = async (recipe: RecipeView) => {
    const result = await sendJson(`/api/recipes/${recipe.id}`, 'DELETE');
    setDeleting(null);
    if (result.ok) setRecipes((list) => list.filter((r) => r.id !== recipe.id));
    else setStatus({ kind: 'error', text: result.message });
  };

  return (
    <div>
      <section className="card mt-6 p-4" aria-labelledby="import-heading">
        <h2 id="import-heading" className="font-semibold">
          Add a recipe
        </h2>
        <div className="mt-2 flex gap-2" role="group" aria-label="How to add it">
          <button type="button" className={mode === 'link' ? 'btn-primary' : 'btn-secondary'} aria-pressed={mode === 'link'} onClick={() => setMode('link')}>
            From a link
          </button>
          <button type="button" className={mode === 'text' ? 'btn-primary' : 'btn-secondary'} aria-pressed={mode === 'text'} onClick={() => setMode('text')}>
            Paste text
          </button>
        </div>
        <form className="mt-3" onSubmit={importRecipe}>
          {mode === 'link' ? (
            <>
              <label className="field-label" htmlFor="import-url">
                Recipe link
              </label>
              <input id="import-url" className="field-input" type="url" value={url} onChange={(e) => setUrl(e.target.value)} placeholder="https://…" required />
            </>
          ) : (
            <>
              <label className="field-label" htmlFor="import-text">
                Recipe text (title first, then ingredients and steps)
              </label>
              <textarea id="import-text" className="field-input min-h-40" value={text} onChange={(e) => setText(e.target.value)} required />
            </>
          )}
          <button type="submit" className="btn-primary mt-2" disabled={busy}>
            {busy ? 'Reading…' : 'Import'}
          </button>
        </form>
        {status && (
          <p className={`mt-2 text-sm ${status.kind === 'error' ? 'text-tomato-700' : 'text-basil-700'}`} role={status.kind === 'error' ? 'alert' : 'status'}>
            {status.text}
          </p>
        )}
      </section>

      {editing && (
        <Editor
          key={editing.id ?? 'new'}
          initial={editing}
          ingredients={ingredients}
          onCancel={() => setEditing(null)}
          onSaved={(recipe) => {
            replace(recipe);
            setEditing(null);
            setStatus({ kind: 'ok', text: `Saved "${recipe.title}".` });
          }}
        />
      )}

      <section className="mt-6" aria-labelledby="box-heading">
        <h2 id="box-heading" className="sr-only">
          Your recipes
        </h2>
        <div className="grid gap-2 md:grid-cols-4">
          <div className="md:col-span-4">
            <label className="field-label" htmlFor="recipe-search">
              Search
            </label>
            <input id="recipe-search" className="field-input" type="search" value={query} onChange={(e) => setQuery(e.target.value)} placeholder="Title, ingredient, tag…" />
          </div>
          <FilterSelect id="filter-meal" label="Meal" value={meal} values={MEAL_TYPES} labels={MEAL_LABEL} onChange={setMeal} />
          <FilterSelect id="filter-diet" label="Diet" value={diet} values={DIETS} labels={DIET_LABEL} onChange={setDiet} />
          <div>
            <label className="field-label" htmlFor="filter-time">
              At most (min)
            </label>
            <input id="filter-time" className="field-input" type="number" min={5} value={maxMinutes} onChange={(e) => setMaxMinutes(e.target.value)} />
          </div>
        </div>
        {recipes.length === 0 ? (
          <p className="mt-4 text-ink-700">No recipes yet. Import one above, or say &quot;save this recipe: &lt;link&gt;&quot; in a chat.</p>
        ) : (
          <ul className="mt-4 grid gap-3">
            {shown.map((recipe) => (
              <RecipeCard key={recipe.id} recipe={recipe} onOpen={() => void open(recipe)} onMark={(next) => mark(recipe, next)} onDelete={() => setDeleting(recipe)} />
            ))}
            {shown.length === 0 && <li className="text-ink-700">No recipe matches these filters.</li>}
          </ul>
        )}
      </section>
      <ConfirmDialog
        open={deleting !== null}
        title="Delete this recipe?"
        body={deleting ? `"${deleting.title}" leaves your recipe box and is no longer planned.` : ''}
        confirmLabel="Delete"
        onConfirm={() => (deleting ? remove(deleting) : Promise.resolve())}
        onCancel={() => setDeleting(null)}
      />
    </div>
  );
}
