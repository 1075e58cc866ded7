/**
 * A plan is a living document: it is made once (`create`) and then changed by structured actions — swap a meal, lock
 * or unlock one, change the servings, the days or the meal slots, re-plan what is not kept, re-plan after the
 * constraints changed, note what the cook already has. Each action takes the stored plan and its state and returns
 * the next version; nothing is replayed from chat text. Locked and swapped meals are kept by every re-plan as long as
 * they still meet the hard constraints. Pure: the agent's tools and the web app's plan API both apply actions here.
 */
import type { Catalog } from './catalog';
import { groceryList, neededGramsByIngredient } from './grocery';
import { findIngredientIds, wantedIngredientIds } from './catalog';
import { planInputFromLedger, servingsOf, type PlanShapeRequest } from './ledger/plan-input';
import { scalarOf } from './ledger/merge';
import type { ConstraintLedger } from './ledger/types';
import type { GroceryList, LockedMeal, MealPlan, PantryItem, PlanInput, PlannedMeal, Weekday } from './plan-types';
import { hardViolations, planMeals, resolvePlanInput, swapMeal, type SwapWishOutcome } from './planner';
import type { MealType } from './types';

/** What a plan is asked to be, beyond the ledger: its shape and wishes. The ledger's hard constraints always apply. */
export interface PlanRequestShape extends PlanShapeRequest {
  startWeekday?: Weekday;
}

/** A meal the cook wants kept through re-plans: locked with the Lock button, or put there by a swap. */
export interface KeptMeal {
  day: number;
  slot: MealType;
  why: 'locked' | 'swapped';
}

/** Everything besides the plan itself that the next action needs. Stored with each version. */
export interface PlanState {
  request: PlanRequestShape;
  kept: KeptMeal[];
  /** Recipes the cook swapped away from, per slot: a later re-plan does not bring them back there. */
  avoid: Array<{ day: number; slot: MealType; recipeId: string }>;
  /** What the cook said they already have for this plan ("I already have rice"): not bought. */
  pantry: string[];
  /**
   * What the plan was made under: its hard constraints and shape (`hard`), and its wishes (`wishes`: wanted and use-up
   * ingredients, targets, the time budget, batch cooking), so a ledger that says otherwise now is noticed.
   */
  under?: { hard: string; wishes: string; people?: number };
}

export type PlanAction =
  | { kind: 'create'; request?: PlanRequestShape }
  | { kind: 'swap'; day: number; slot: MealType; wanted?: string[] }
  | { kind: 'lock'; day: number; slot: MealType; locked: boolean }
  | { kind: 'servings'; servings: number }
  | { kind: 'days'; days: number }
  | { kind: 'meals'; meals: MealType[] }
  | { kind: 'replan' }
  | { kind: 'ledger' }
  | { kind: 'pantry'; have: string[] };

export type PlanActionKind = PlanAction['kind'];

/** The current version an action applies to. */
export interface PlanSnapshot {
  plan: MealPlan;
  state: PlanState;
  /** The kitchen's data version the plan was made with (`catalogVersion`). */
  catalogVersion: string;
}

export interface ActionResult {
  plan: MealPlan;
  state: PlanState;
  /** What changed, in a few words: "swapped Wednesday dinner", "serves 6". */
  label: string;
  /** For a swap: the meal before and after, and which wished-for ingredients it has. */
  swapped?: { day: number; slot: MealType; label: string; from: string; to: string | null; has: string[]; missing: string[]; why: SwapWishOutcome['missing'] };
  /** Set when the plan was made with other recipe data: the action re-derived it under the current data. */
  rederived?: boolean;
}

export class PlanActionError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'PlanActionError';
  }
}

const SLOT_WORD: Record<MealType, string> = { breakfast: 'breakfast', lunch: 'lunch', dinner: 'dinner', snack: 'snack' };

// FNV-1a over the catalog's source data: a plan made before a recipe-data change is recognised by it.
const versions = new WeakMap<Catalog['ingredientById'], string>();
function fnv1a(text: string, seed: number): string {
  let hash = seed >>> 0;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash.toString(16).padStart(8, '0');
}

/**
 * The version of the kitchen's data (ingredients and its own recipes): any change to them changes it. A cook's recipes
 * do not count: the box changes all the time (a recipe saved, a favourite), and a plan that holds one is rebuilt with it
 * as it is now, so counting them would call every plan outdated. A catalog with the cook's recipes shares its kitchen's
 * `ingredientById` (cook/derive.ts `withCookRecipes`), so the version is computed once per kitchen, not per request.
 */
export function catalogVersion(catalog: Catalog): string {
  let version = versions.get(catalog.ingredientById);
  if (!version) {
    const own = catalog.recipes.filter((r) => !r.cook).map((r) => ({ ...r, allergenMask: undefined }));
    const text = JSON.stringify([catalog.ingredients, own]);
    version = `k${fnv1a(text, 0x811c9dc5)}${fnv1a(text, 0x01000193)}`;
    versions.set(catalog.ingredientById, version);
  }
  return version;
}

/** The planner's input for a plan's state under the ledger: hard constraints from the ledger, the shape from the request. */
export function inputFor(state: Pick<PlanState, 'request' | 'avoid'>, ledger: ConstraintLedger): PlanInput {
  const input = planInputFromLedger(ledger, state.request);
  if (state.request.startWeekday) input.startWeekday = state.request.startWeekday;
  if (state.avoid.length > 0) input.avoid = [...state.avoid];
  return input;
}

const sorted = (list: readonly string[] | undefined) => [...new Set((list ?? []).map((x) => x.trim().toLowerCase()).filter(Boolean))].sort();

/** The parts of a planner input a plan depends on, as two comparable strings. */
export function fingerprintOf(input: PlanInput): { hard: string; wishes: string } {
  return {
    hard: JSON.stringify([input.diet ?? 'omnivore', sorted(input.allergens), sorted(input.dislikes), sorted(input.exclude), sorted(input.patterns), input.maxCarbsPerServing ?? null, input.maxMinutesPerMeal ?? null, input.servings ?? 2, input.days, input.meals ?? null]),
    wishes: JSON.stringify([sorted(input.wanted), sorted(input.useUp), input.targets?.kcalPerDay ?? null, input.targets?.proteinGPerDay ?? null, input.totalPrepMinutes ?? null, input.batchCooking ?? null]),
  };
}

/** The state with what it is now planned under recorded. */
function recorded(state: PlanState, ledger: ConstraintLedger): PlanState {
  return { ...state, under: { ...fingerprintOf(inputFor(state, ledger)), people: servingsOf(ledger) } };
}

/**
 * Whether the ledger's number of people changed since the plan was made or changed, while the plan's own servings
 * (the panel's stepper, "for 6 instead") hid it: the later word wins, so the plan follows the ledger again.
 */
function peopleChanged(state: PlanState, ledger: ConstraintLedger): boolean {
  return state.request.servings !== undefined && state.under?.people !== undefined && state.under.people !== servingsOf(ledger);
}

/**
 * How a plan differs from what the ledger asks for now: not at all, in its hard constraints or shape (a `ledger`
 * action replaces only the meals that no longer fit), or only in its wishes (a `ledger` action re-plans the meals not
 * kept, so the new wish can be met).
 */
export function planDrift(state: PlanState, ledger: ConstraintLedger): 'none' | 'constraints' | 'wishes' {
  const now = fingerprintOf(inputFor(state, ledger));
  if (!state.under || state.under.hard !== now.hard || peopleChanged(state, ledger)) return 'constraints';
  return state.under.wishes !== now.wishes ? 'wishes' : 'none';
}

const mealAt = (plan: MealPlan, day: number, slot: MealType): PlannedMeal | undefined => plan.days.find((d) => d.day === day)?.meals.find((m) => m.slot === slot);
const dayLabelOf = (plan: MealPlan, day: number) => plan.days.find((d) => d.day === day)?.label ?? `Day ${day}`;
const isKept = (state: PlanState, day: number, slot: MealType) => state.kept.some((k) => k.day === day && k.slot === slot);

/**
 * Locks for meals to keep as they are, leftovers with the meal they come from. A meal that no longer meets the hard
 * constraints (the constraints changed) or whose recipe is gone from the data is not kept; neither are its leftovers.
 */
function locksFor(catalog: Catalog, plan: MealPlan, input: PlanInput, keep: (day: number, meal: PlannedMeal) => boolean): LockedMeal[] {
  const hard = resolvePlanInput(catalog, { ...input, locked: [], avoid: [] });
  const fits = (m: PlannedMeal) => {
    const recipe = catalog.recipeById.get(m.recipeId);
    return recipe !== undefined && hardViolations(recipe, hard).length === 0 && recipe.mealTypes.includes(m.slot);
  };
  const keptCooked = new Set<string>();
  const locked: LockedMeal[] = [];
  for (const d of plan.days) {
    for (const m of d.meals) {
      if (m.leftoverOf || !keep(d.day, m) || !fits(m)) continue;
      keptCooked.add(`${d.day}:${m.slot}`);
      locked.push({ day: d.day, slot: m.slot, recipeId: m.recipeId, leftoverOf: null });
    }
  }
  for (const d of plan.days) {
    for (const m of d.meals) {
      if (!m.leftoverOf || !keep(d.day, m) || !keptCooked.has(`${m.leftoverOf.day}:${m.leftoverOf.slot}`)) continue;
      locked.push({ day: d.day, slot: m.slot, recipeId: m.recipeId, leftoverOf: m.leftoverOf });
    }
  }
  return locked.filter((l) => l.day <= input.days && (input.meals ?? ['breakfast', 'lunch', 'dinner']).includes(l.slot));
}

/** The plan with its kept meals marked `locked`, as the cook sees them (Lock buttons pressed, swapped meals). */
function marked(plan: MealPlan, state: PlanState): MealPlan {
  return {
    ...plan,
    days: plan.days.map((d) => ({ ...d, meals: d.meals.map((m) => ({ ...m, locked: isKept(state, d.day, m.slot) })) })),
  };
}

/** What a plan made under other constraints says differently, in a few words: "serves 6", "no egg", "peanuts allowed". */
function changesBetween(before: MealPlan, after: MealPlan): string[] {
  const out: string[] = [];
  if (after.servings !== before.servings) out.push(`serves ${after.servings}`);
  if (after.diet !== before.diet) out.push(after.diet);
  const added = (a: readonly string[] = [], b: readonly string[] = []) => b.filter((x) => !a.includes(x));
  const words = (list: readonly string[]) => list.map((x) => x.replace(/_/g, ' ').replace(/-/g, ' '));
  for (const x of words(added(before.allergensExcluded, after.allergensExcluded))) out.push(`no ${x}`);
  for (const x of words(added(before.exclude, after.exclude))) out.push(`no ${x}`);
  for (const x of words(added(before.dislikes, after.dislikes))) out.push(`without ${x}`);
  for (const x of words(added(before.patterns, after.patterns))) out.push(x);
  for (const x of words([...added(after.allergensExcluded, before.allergensExcluded), ...added(after.exclude, before.exclude), ...added(after.dislikes, before.dislikes)])) out.push(`${x} allowed again`);
  const wanted = added([...before.wanted.used, ...before.wanted.unused], [...after.wanted.used, ...after.wanted.unused]);
  if (wanted.length) out.push(`with ${wanted.join(' and ')}`);
  if (after.days.length !== before.days.length) out.push(`${after.days.length} ${after.days.length === 1 ? 'day' : 'days'}`);
  if (after.meals.join() !== before.meals.join()) out.push(`meals: ${after.meals.join(', ')}`);
  return out;
}

/** Kept meals that the new plan still has in place (a re-plan may have had to drop one that broke a new constraint). */
function stillKept(plan: MealPlan, previous: MealPlan, kept: readonly KeptMeal[]): KeptMeal[] {
  return kept.filter((k) => {
    const now = mealAt(plan, k.day, k.slot);
    return now !== undefined && now.recipeId === mealAt(previous, k.day, k.slot)?.recipeId;
  });
}

/**
 * Applies an action to the current plan (none for `create`) under the conversation's ledger. Throws
 * `PlanActionError` for an action that does not fit the plan (a day or meal it does not have).
 */
export function applyPlanAction(catalog: Catalog, ledger: ConstraintLedger, current: PlanSnapshot | null, action: PlanAction): ActionResult {
  if (action.kind === 'create') {
    const state: PlanState = { request: { ...(action.request ?? {}) }, kept: [], avoid: [], pantry: [] };
    const input = inputFor(state, ledger);
    const plan = planMeals(catalog, input);
    const days = plan.days.length;
    return { plan, state: recorded(state, ledger), label: `new ${days}-day plan` };
  }
  if (!current) throw new PlanActionError('There is no plan to change yet: make one first.');
  const rederived = current.catalogVersion !== catalogVersion(catalog);
  const { plan: before, state } = current;
  const result = applyChange(catalog, ledger, before, state, action);
  const gone = goneMeals(catalog, before, result.plan);
  const label = gone.length > 0 ? `${result.label}; ${gone.join(', ')} planned afresh (its recipe is gone)` : result.label;
  const done = { ...result, label, state: recorded(result.state, ledger) };
  return rederived ? { ...done, label: `${done.label} (with updated recipe data)`, rederived } : done;
}

/**
 * Meals whose recipe the data no longer has (a cook's recipe deleted from the box after it was planned) and that the
 * change planned afresh, as "Tuesday dinner": the label says so. A change that rebuilds nothing (lock, pantry) keeps
 * such a meal as stored.
 */
function goneMeals(catalog: Catalog, before: MealPlan, after: MealPlan): string[] {
  return before.days.flatMap((d) =>
    d.meals
      .filter((m) => !m.leftoverOf && !catalog.recipeById.has(m.recipeId) && mealAt(after, d.day, m.slot)?.recipeId !== m.recipeId)
      .map((m) => `${dayLabelOf(before, d.day)} ${SLOT_WORD[m.slot]}`),
  );
}

function applyChange(catalog: Catalog, ledger: ConstraintLedger, before: MealPlan, state: PlanState, action: Exclude<PlanAction, { kind: 'create' }>): ActionResult {
  const requireMeal = (day: number, slot: MealType) => {
    const meal = mealAt(before, day, slot);
    if (!meal) throw new PlanActionError(`The plan has no ${SLOT_WORD[slot]} on ${dayLabelOf(before, day)}.`);
    return meal;
  };
  switch (action.kind) {
    case 'swap': {
      const old = requireMeal(action.day, action.slot);
      const wanted = action.wanted ?? [];
      const base = inputFor(state, ledger);
      // The swap keeps every other meal as it is; swapMeal locks them and avoids the old recipe in that slot.
      const swapped = swapMeal(catalog, base, action.day, action.slot, before, wanted);
      const now = mealAt(swapped.plan, action.day, action.slot);
      // What the new meal has of the wish ("fish" is any fish, "vegetarian" its diet), and why it lacks the rest.
      const { has, missing: why } = swapped.wish;
      const next: PlanState = {
        ...state,
        avoid: [...state.avoid, { day: action.day, slot: action.slot, recipeId: old.recipeId }],
        kept: [...state.kept.filter((k) => !(k.day === action.day && k.slot === action.slot)), ...(now ? [{ day: action.day, slot: action.slot, why: 'swapped' as const }] : [])],
      };
      const label = `swapped ${dayLabelOf(before, action.day)} ${SLOT_WORD[action.slot]}`;
      return {
        plan: marked(swapped.plan, next),
        state: next,
        label,
        swapped: { day: action.day, slot: action.slot, label: dayLabelOf(before, action.day), from: old.title, to: now?.title ?? null, has, missing: why.map((m) => m.term), why },
      };
    }
    case 'lock': {
      requireMeal(action.day, action.slot);
      const kept = state.kept.filter((k) => !(k.day === action.day && k.slot === action.slot));
      if (action.locked) kept.push({ day: action.day, slot: action.slot, why: 'locked' });
      const next = { ...state, kept };
      const where = `${dayLabelOf(before, action.day)} ${SLOT_WORD[action.slot]}`;
      return { plan: marked(before, next), state: next, label: action.locked ? `locked ${where}` : `unlocked ${where}` };
    }
    case 'servings': {
      // Every meal stays: the planner cooks the same recipes for more or fewer people.
      const next: PlanState = { ...state, request: { ...state.request, servings: action.servings } };
      const input = inputFor(next, ledger);
      const locked = locksFor(catalog, before, input, () => true);
      const plan = planMeals(catalog, { ...input, locked });
      return { plan: marked(plan, { ...next, kept: stillKept(plan, before, next.kept) }), state: { ...next, kept: stillKept(plan, before, next.kept) }, label: `serves ${action.servings}` };
    }
    case 'days':
    case 'meals': {
      const request = action.kind === 'days' ? { ...state.request, days: action.days } : { ...state.request, meals: [...action.meals] };
      const next: PlanState = { ...state, request, kept: state.kept.filter((k) => (action.kind === 'days' ? k.day <= action.days : action.meals.includes(k.slot))) };
      const input = inputFor(next, ledger);
      // The meals the plan already has stay; new days or slots are planned around them.
      const plan = planMeals(catalog, { ...input, locked: locksFor(catalog, before, input, () => true) });
      const label = action.kind === 'days' ? `${action.days} ${action.days === 1 ? 'day' : 'days'}` : `meals: ${action.meals.join(', ')}`;
      const kept = stillKept(plan, before, next.kept);
      return { plan: marked(plan, { ...next, kept }), state: { ...next, kept }, label };
    }
    case 'replan': {
      const input = inputFor(state, ledger);
      const locked = locksFor(catalog, before, input, (day, m) => isKept(state, day, m.slot) || (m.leftoverOf !== null && isKept(state, m.leftoverOf.day, m.leftoverOf.slot)));
      // Different meals where nothing is kept: the current recipe of each free slot is avoided there.
      const avoid = [...(input.avoid ?? [])];
      for (const d of before.days) for (const m of d.meals) if (!m.leftoverOf && !locked.some((l) => l.day === d.day && l.slot === m.slot)) avoid.push({ day: d.day, slot: m.slot, recipeId: m.recipeId });
      const plan = planMeals(catalog, { ...input, locked, avoid });
      const kept = stillKept(plan, before, state.kept);
      return { plan: marked(plan, { ...state, kept }), state: { ...state, kept }, label: 're-planned the unlocked meals' };
    }
    case 'ledger': {
      // The constraints changed: every meal that still meets them stays; only those that no longer do are planned
      // again. When the wishes changed ("with salmon", a new target), the meals not kept are planned again for them.
      // A number of people said after the plan's servings were set replaces them.
      if (peopleChanged(state, ledger)) state = { ...state, request: { ...state.request, servings: undefined } };
      const input = inputFor(state, ledger);
      const wishesOnly = planDrift(state, ledger) === 'wishes';
      const locked = locksFor(catalog, before, input, wishesOnly ? (day, m) => isKept(state, day, m.slot) || (m.leftoverOf !== null && isKept(state, m.leftoverOf.day, m.leftoverOf.slot)) : () => true);
      const plan = planMeals(catalog, { ...input, locked });
      const replaced = before.days.reduce((n, d) => n + d.meals.filter((m) => mealAt(plan, d.day, m.slot)?.recipeId !== m.recipeId).length, 0);
      const kept = stillKept(plan, before, state.kept);
      const what = changesBetween(before, plan);
      const label = `${what.length ? what.join(', ') : 'updated for the changed constraints'}${replaced ? ` (${replaced} ${replaced === 1 ? 'meal' : 'meals'} replaced)` : ''}`;
      return { plan: marked(plan, { ...state, kept }), state: { ...state, kept }, label };
    }
    case 'pantry': {
      const pantry = [...new Set([...state.pantry, ...action.have.map((h) => h.trim().toLowerCase()).filter(Boolean)])];
      const next = { ...state, pantry };
      return { plan: before, state: next, label: `you have ${action.have.join(', ')}` };
    }
  }
}

/**
 * The grocery list of a plan version: what its cooked meals need, less what the cook has — the plan's pantry notes,
 * and the use-up items the plan used (a word that names an ingredient also covers the kind the plan cooks: "chicken"
 * covers the breasts it counted as using it up). Units come from the ledger unless given.
 */
export function groceryFor(catalog: Catalog, plan: MealPlan, state: PlanState, ledger: ConstraintLedger, options: { units?: 'metric' | 'us'; pantry?: readonly string[] } = {}): GroceryList {
  const input = inputFor(state, ledger);
  const cooked = neededGramsByIngredient(plan);
  // Each keeps the cook's word, so the list says what it assumed as they said it ("chicken", not chicken breast).
  const usedUp = (input.useUp ?? []).flatMap((term): Array<string | PantryItem> => {
    if (findIngredientIds(catalog, term, 'exact').length === 0) return [term];
    const ids = wantedIngredientIds(catalog, term).filter((id) => cooked.has(id));
    return ids.length > 0 ? ids.map((id) => ({ name: id, said: term })) : [term];
  });
  const units = options.units ?? scalarOf(ledger, 'units')?.units ?? 'metric';
  return groceryList(catalog, plan, { units, pantry: [...state.pantry, ...(options.pantry ?? []), ...usedUp] });
}

/** A plan's meals as ids only: what travels to the agent instead of the whole plan (recipes, ingredients, steps). */
export interface MealSkeleton {
  day: number;
  slot: MealType;
  recipeId: string;
  leftoverOf: { day: number; slot: MealType } | null;
}

export function skeletonOf(plan: MealPlan): MealSkeleton[] {
  return plan.days.flatMap((d) => d.meals.map((m) => ({ day: d.day, slot: m.slot, recipeId: m.recipeId, leftoverOf: m.leftoverOf })));
}

/**
 * The plan again from its skeleton: the same recipes in the same places under its state and the ledger, so a client
 * sends ids, not the whole plan. Meals whose recipe the data no longer has, or that break the ledger's hard
 * constraints, are planned afresh (the planner reports them), so what comes back is always safe to show.
 */
export function planFromSkeleton(catalog: Catalog, ledger: ConstraintLedger, state: PlanState, meals: readonly MealSkeleton[]): MealPlan {
  const input = inputFor(state, ledger);
  const days = Math.max(input.days, ...meals.map((m) => m.day));
  const slots = [...new Set(meals.map((m) => m.slot))];
  const shaped: PlanInput = { ...input, days: Math.min(14, days), ...(input.meals ? {} : slots.length > 0 ? { meals: slots } : {}) };
  const skeleton: MealPlan = {
    days: Array.from({ length: shaped.days }, (_, i) => ({
      day: i + 1,
      meals: meals.filter((m) => m.day === i + 1).map((m) => ({ slot: m.slot, recipeId: m.recipeId, leftoverOf: m.leftoverOf })),
    })),
  } as unknown as MealPlan;
  const locked = locksFor(catalog, skeleton, shaped, () => true);
  return marked(planMeals(catalog, { ...shaped, locked }), state);
}

/** Whether a plan still matches what the ledger asks for (else a `ledger` action brings it up to date). */
export function planMatchesLedger(state: PlanState, ledger: ConstraintLedger): boolean {
  return planDrift(state, ledger) === 'none';
}
