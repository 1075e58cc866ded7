import { addNutrition, allergenMask, dietAllows, normalizeName, roundNutrition, singularizePhrase, wantedIngredientIds, zeroNutrition, type Catalog, type Recipe } from './catalog';
import { FOOD_GROUP_LABEL, NO_RULES, PATTERN_LABEL, PATTERNS, familyIds, hasRules, isFoodGroup, mergeRules, patternEffect, resolveExclusions, ruleViolations, type Pattern, type RecipeRules } from './exclusions';
import type { LockedMeal, MealPlan, MealWanted, PlanCheck, PlanInput, PlannedDay, PlannedIngredient, PlannedMeal, UnmetConstraint, Weekday } from './plan-types';
import { WEEKDAYS } from './plan-types';
import { ALLERGEN_LABEL, ALLERGENS, DIETS, MEAL_TYPES, type Allergen, type Diet, type MealType, type Nutrition } from './types';
import { cleanGrams, countOf, recipeQuantityText } from './units';
import { readMealWish, wishIngredientIds } from './wish';

export class PlanInputError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'PlanInputError';
  }
}

export const PLAN_LIMITS = { maxDays: 14, maxServings: 20 } as const;

/** Share of a day's energy each meal usually carries; normalised over all four so a full day sums to 1. */
const SLOT_SHARE: Record<MealType, number> = { breakfast: 0.25 / 1.1, lunch: 0.35 / 1.1, dinner: 0.4 / 1.1, snack: 0.1 / 1.1 };

export function allergenLabel(a: Allergen): string {
  return ALLERGEN_LABEL[a];
}

/** A cook's word for an ingredient and the ingredient ids it stands for. */
export interface IngredientGroup {
  term: string;
  ids: string[];
}

/** The input with every default applied and every name resolved: what the plan actually honours. */
export interface ResolvedInput {
  days: number;
  meals: MealType[];
  servings: number;
  diet: Diet;
  allergens: Allergen[];
  allergenMask: number;
  dislikes: string[];
  dislikeIds: ReadonlySet<string>;
  /** Foods and food groups left out (hard), as given. */
  exclude: string[];
  patterns: Pattern[];
  /** Ingredient ids the exclusions and patterns leave out. */
  excludedIds: ReadonlySet<string>;
  /** Per-recipe rules of the patterns (kosher: no meat with dairy; keto: net carbs a serving). */
  rules: RecipeRules;
  useUp: string[];
  /** One entry per use-up word: the ingredient ids it names (`wantedIngredientIds`). */
  useUpGroups: IngredientGroup[];
  wanted: string[];
  /** One entry per wanted word: the ingredient ids it names (`wishIngredientIds`: "fish" is salmon or cod, not fish sauce). */
  wantedGroups: IngredientGroup[];
  maxMinutesPerMeal: number | null;
  totalPrepMinutes: number | null;
  kcalPerDay: number | null;
  proteinGPerDay: number | null;
  noRepeatWithinDays: number;
  batchCooking: boolean;
  locked: LockedMeal[];
  avoid: Array<{ day: number; slot: MealType; recipeId: string }>;
  /**
   * As `PlanInput.mealWanted`, each with the ingredient ids its food words name and the diet its diet words ask of the
   * meal ("something vegetarian"; null when none).
   */
  mealWanted: Array<MealWanted & { ids: string[]; diet: Diet | null }>;
  startWeekday: Weekday | null;
}

function positiveOrNull(value: number | undefined, name: string): number | null {
  if (value === undefined || value === null) return null;
  if (!Number.isFinite(value) || value <= 0) throw new PlanInputError(`${name} must be a positive number`);
  return value;
}

export function resolvePlanInput(catalog: Catalog, input: PlanInput): ResolvedInput {
  const days = input.days;
  if (!Number.isInteger(days) || days < 1 || days > PLAN_LIMITS.maxDays) throw new PlanInputError(`days must be 1..${PLAN_LIMITS.maxDays}`);
  const servings = input.servings ?? 2;
  if (!Number.isInteger(servings) || servings < 1 || servings > PLAN_LIMITS.maxServings) throw new PlanInputError(`servings must be 1..${PLAN_LIMITS.maxServings}`);
  const mealsWanted = input.meals && input.meals.length > 0 ? input.meals : (['breakfast', 'lunch', 'dinner'] as MealType[]);
  for (const m of mealsWanted) if (!MEAL_TYPES.includes(m)) throw new PlanInputError(`unknown meal ${String(m)}`);
  const meals = MEAL_TYPES.filter((m) => mealsWanted.includes(m));
  const diet = input.diet ?? 'omnivore';
  if (!DIETS.includes(diet)) throw new PlanInputError(`unknown diet ${String(diet)}`);
  for (const a of input.allergens ?? []) if (!ALLERGENS.includes(a)) throw new PlanInputError(`unknown allergen ${String(a)}`);
  const allergens = ALLERGENS.filter((a) => (input.allergens ?? []).includes(a));
  const dislikes = [...new Set((input.dislikes ?? []).map((d) => d.trim()).filter(Boolean))].sort();
  const dislikeIds = new Set<string>();
  for (const d of dislikes) for (const id of familyIds(catalog, d)) dislikeIds.add(id);
  const exclude = [...new Set((input.exclude ?? []).map((d) => d.trim().toLowerCase()).filter(Boolean))].sort();
  for (const p of input.patterns ?? []) if (!PATTERNS.includes(p)) throw new PlanInputError(`unknown pattern ${String(p)}`);
  const patterns = PATTERNS.filter((p) => (input.patterns ?? []).includes(p));
  const exclusions = resolveExclusions(catalog, exclude, patterns);
  const carbCap = positiveOrNull(input.maxCarbsPerServing, 'maxCarbsPerServing');
  if (carbCap !== null) exclusions.rules = mergeRules(exclusions.rules, { ...NO_RULES, maxCarbsG: carbCap });
  const useUp = [...new Set((input.useUp ?? []).map((d) => d.trim()).filter(Boolean))].sort();
  // A word on hand is read as a wish is: "use up the chicken" is used up by chicken breast as much as by thigh.
  const useUpGroups = useUp.map((term) => ({ term, ids: wantedIngredientIds(catalog, term) }));
  const wanted = [...new Set((input.wanted ?? []).map((d) => d.trim()).filter(Boolean))].sort();
  const wantedGroups = wanted.map((term) => ({ term, ids: wishIngredientIds(catalog, term) }));
  const mealWanted = (input.mealWanted ?? []).map((m) => {
    const words = [...new Set(m.wanted.map((w) => w.trim()).filter(Boolean))].sort();
    const wish = readMealWish(catalog, words);
    return { day: m.day, slot: m.slot, wanted: words, ids: [...new Set(wish.terms.flatMap((t) => t.ids))].sort(), diet: wish.diet };
  });
  const noRepeat = input.noRepeatWithinDays ?? 3;
  if (!Number.isInteger(noRepeat) || noRepeat < 0) throw new PlanInputError('noRepeatWithinDays must be a whole number ≥ 0');
  const startWeekday = input.startWeekday ?? null;
  if (startWeekday !== null && !WEEKDAYS.includes(startWeekday)) throw new PlanInputError(`unknown weekday ${String(startWeekday)}`);
  const targets = input.targets ?? {};
  return {
    days,
    meals,
    servings,
    diet,
    allergens,
    allergenMask: allergenMask(allergens),
    dislikes,
    dislikeIds,
    exclude,
    patterns,
    excludedIds: exclusions.ids,
    rules: exclusions.rules,
    useUp,
    useUpGroups,
    wanted,
    wantedGroups,
    maxMinutesPerMeal: positiveOrNull(input.maxMinutesPerMeal, 'maxMinutesPerMeal'),
    totalPrepMinutes: positiveOrNull(input.totalPrepMinutes, 'totalPrepMinutes'),
    kcalPerDay: positiveOrNull(targets.kcalPerDay, 'targets.kcalPerDay'),
    proteinGPerDay: positiveOrNull(targets.proteinGPerDay, 'targets.proteinGPerDay'),
    noRepeatWithinDays: noRepeat,
    // Batch cooking pays off when leftovers can become lunches or a time budget is tight; a dinners-only plan would
    // otherwise halve its variety, so it is opt-in there.
    batchCooking: input.batchCooking ?? (meals.includes('lunch') || input.totalPrepMinutes !== undefined),
    locked: [...(input.locked ?? [])],
    avoid: [...(input.avoid ?? [])],
    mealWanted,
    startWeekday,
  };
}

type HardConstraint = 'diet' | 'allergens' | 'dislikes' | 'exclusions' | 'patterns' | 'maxMinutesPerMeal';
type HardInput = Pick<ResolvedInput, 'diet' | 'allergenMask' | 'dislikeIds' | 'excludedIds' | 'rules' | 'maxMinutesPerMeal'> & {
  /** The dislike words, checked against a cook's unmatched lines as written. */
  dislikes?: readonly string[];
};

/**
 * What a cook's recipe leaves unknown rules it out: a line the kitchen could not match may carry any allergen it was
 * not marked free of (so the recipe is kept from anyone allergic to one of those), and nothing is known of its animal
 * sources, alcohol or carbohydrate (so from any exclusion or regime); a disliked word in such a line counts as the
 * dislike; a recipe with no times cannot meet a time limit. (Its diet already counts each unmatched line as omnivore
 * unless the cook marked it otherwise: cook/derive.ts.)
 */
function cookViolations(recipe: Recipe, r: HardInput): HardConstraint[] {
  const cook = recipe.cook;
  if (!cook) return [];
  const out: HardConstraint[] = [];
  if (cook.unmatched.length > 0) {
    if ((cook.mayContainMask & r.allergenMask) !== 0) out.push('allergens');
    if (r.excludedIds.size > 0) out.push('exclusions');
    if (r.rules !== NO_RULES && hasRules(r.rules)) out.push('patterns');
    if ((r.dislikes ?? []).length > 0) {
      const text = ` ${cook.unmatched.map((line) => singularizePhrase(normalizeName(line))).join(' ')} `;
      if (r.dislikes!.some((d) => text.includes(` ${singularizePhrase(normalizeName(d))} `))) out.push('dislikes');
    }
  }
  if (cook.minutesUnknown && r.maxMinutesPerMeal !== null) out.push('maxMinutesPerMeal');
  return out;
}

/** Why a recipe may not be planned at all (meal type aside); empty when it may. */
export function hardViolations(recipe: Recipe, r: HardInput): HardConstraint[] {
  const out: HardConstraint[] = [];
  for (const v of cookViolations(recipe, r)) if (!out.includes(v)) out.push(v);
  if (!dietAllows(r.diet, recipe.diet)) out.push('diet');
  if ((recipe.allergenMask & r.allergenMask) !== 0) out.push('allergens');
  if (recipe.ingredientIds.some((id) => r.dislikeIds.has(id))) out.push('dislikes');
  if (recipe.ingredientIds.some((id) => r.excludedIds.has(id))) out.push('exclusions');
  if (ruleViolations(recipe, r.rules).length > 0) out.push('patterns');
  if (r.maxMinutesPerMeal !== null && recipe.totalMinutes > r.maxMinutesPerMeal && !out.includes('maxMinutesPerMeal')) out.push('maxMinutesPerMeal');
  return [...new Set(out)];
}

/** `hardViolations(...).length === 0` without allocating: the planner's inner filter. */
export function passesHard(recipe: Recipe, r: HardInput): boolean {
  if ((recipe.allergenMask & r.allergenMask) !== 0) return false;
  if (!dietAllows(r.diet, recipe.diet)) return false;
  if (r.maxMinutesPerMeal !== null && recipe.totalMinutes > r.maxMinutesPerMeal) return false;
  if (r.dislikeIds.size > 0) for (const id of recipe.ingredientIds) if (r.dislikeIds.has(id)) return false;
  if (r.excludedIds.size > 0) for (const id of recipe.ingredientIds) if (r.excludedIds.has(id)) return false;
  if (r.rules !== NO_RULES && hasRules(r.rules) && ruleViolations(recipe, r.rules).length > 0) return false;
  if (recipe.cook && cookViolations(recipe, r).length > 0) return false;
  return true;
}

/** How the plan names an exclusion: a food group by its label ("red meat"), a word as said. */
export function exclusionLabel(term: string): string {
  return isFoodGroup(term) ? FOOD_GROUP_LABEL[term] : term;
}

interface DayBase {
  kcal: number;
  protein: number;
  share: number;
  targetCost: number;
}

interface Cell {
  recipe: Recipe;
  locked: boolean;
  /** Index (day*slots+slot) of the cooked meal this is leftovers of, or -1. */
  leftoverOf: number;
  /** Cell indices eating this cooking's leftovers. */
  leftovers: number[];
}

/** The planner's working state; objective terms are kept per day so a change is scored by recomputing only its days. */
class PlanState {
  readonly cells: Array<Cell | null>;
  readonly slots: number;
  /** Cooked days of each recipe, for the no-repeat rule. */
  readonly cookedDays = new Map<string, number[]>();
  /** The use-up groups, then the wanted groups: the ingredients the plan is rewarded for cooking with. */
  readonly goals: Goal[];
  /** Cooked meals (leftovers aside) using each goal's ingredients. */
  readonly goalCount: number[];
  private readonly goalIndexByIngredient = new Map<string, number[]>();
  /** Cooked meals (leftovers aside) with at least one wanted ingredient. */
  wantedMeals = 0;
  totalMinutes = 0;
  /** What the cooked meals of the cook's own recipes take off the cost (`ownBonus`). */
  ownBonusTotal = 0;

  constructor(readonly r: ResolvedInput) {
    this.slots = r.meals.length;
    this.cells = new Array<Cell | null>(r.days * this.slots).fill(null);
    this.goals = [...r.useUpGroups.map((g) => ({ ...g, bonus: GOAL_BONUS.useUp })), ...r.wantedGroups.map((g) => ({ ...g, bonus: GOAL_BONUS.wanted }))];
    this.goals.forEach((g, i) => {
      for (const id of g.ids) this.goalIndexByIngredient.set(id, [...(this.goalIndexByIngredient.get(id) ?? []), i]);
    });
    this.goalCount = new Array<number>(this.goals.length).fill(0);
  }

  cellIndex(day: number, slot: number): number {
    return day * this.slots + slot;
  }

  private readonly goalHits = new Map<string, number[]>();

  /** Which goals a recipe covers; memoised per plan because the inner loops ask for it constantly. */
  recipeGoals(recipe: Recipe): number[] {
    let hits = this.goalHits.get(recipe.id);
    if (!hits) {
      const set = new Set<number>();
      if (this.goalIndexByIngredient.size > 0) for (const id of recipe.ingredientIds) for (const g of this.goalIndexByIngredient.get(id) ?? []) set.add(g);
      hits = [...set];
      this.goalHits.set(recipe.id, hits);
    }
    return hits;
  }

  /** Does a recipe have any wanted ingredient? Wanted goals follow the use-up goals. */
  hasWanted(recipe: Recipe): boolean {
    return this.r.wantedGroups.length > 0 && this.recipeGoals(recipe).some((g) => g >= this.r.useUpGroups.length);
  }

  place(index: number, cell: Cell): void {
    this.cells[index] = cell;
    if (cell.leftoverOf >= 0) return;
    const day = Math.floor(index / this.slots);
    const list = this.cookedDays.get(cell.recipe.id) ?? [];
    list.push(day);
    this.cookedDays.set(cell.recipe.id, list);
    for (const g of this.recipeGoals(cell.recipe)) this.goalCount[g]! += 1;
    if (this.hasWanted(cell.recipe)) this.wantedMeals += 1;
    this.totalMinutes += cell.recipe.totalMinutes;
    this.ownBonusTotal += ownBonus(cell.recipe);
  }

  remove(index: number): void {
    const cell = this.cells[index];
    if (!cell) return;
    this.cells[index] = null;
    if (cell.leftoverOf >= 0) return;
    const day = Math.floor(index / this.slots);
    const list = this.cookedDays.get(cell.recipe.id)!;
    list.splice(list.indexOf(day), 1);
    for (const g of this.recipeGoals(cell.recipe)) this.goalCount[g]! -= 1;
    if (this.hasWanted(cell.recipe)) this.wantedMeals -= 1;
    this.totalMinutes -= cell.recipe.totalMinutes;
    this.ownBonusTotal -= ownBonus(cell.recipe);
  }

  /** Would cooking `recipe` on `day` repeat it within the no-repeat window (or twice in a day)? */
  repeats(recipe: Recipe, day: number): boolean {
    const window = Math.max(1, this.r.noRepeatWithinDays);
    for (const d of this.cookedDays.get(recipe.id) ?? []) if (Math.abs(d - day) < window) return true;
    return false;
  }

  /** Targets and cuisine spread for one day (lower is better). Partially filled days compare to the filled slots' share. */
  dayCost(day: number): number {
    let kcal = 0;
    let protein = 0;
    let share = 0;
    let cost = 0;
    const first = day * this.slots;
    for (let s = 0; s < this.slots; s++) {
      const cell = this.cells[first + s];
      if (!cell) continue;
      kcal += cell.recipe.nutritionPerServing.kcal;
      protein += cell.recipe.nutritionPerServing.proteinG;
      share += SLOT_SHARE[this.r.meals[s]!];
      for (let p = 0; p < s; p++) if (this.cells[first + p]?.recipe.cuisine === cell.recipe.cuisine) cost += 1.5;
    }
    cost += this.targetCost(kcal, protein, share);
    if (day > 0) {
      for (let s = 0; s < this.slots; s++) {
        const a = this.cells[this.cellIndex(day, s)];
        const b = this.cells[this.cellIndex(day - 1, s)];
        if (a && b && a.leftoverOf < 0 && a.recipe.cuisine === b.recipe.cuisine) cost += 0.5;
      }
    }
    return cost;
  }

  /**
   * How much the total cost changes when `recipe` is cooked in the empty cell (day, s), everything else fixed: the
   * same terms as `dayCost` and `globalCost`, restricted to the ones this cell touches. Lets the greedy pass and the
   * improvement pass score a candidate without placing it.
   */
  placeDelta(recipe: Recipe, day: number, s: number, base: DayBase): number {
    const n = recipe.nutritionPerServing;
    let cost = this.targetCost(base.kcal + n.kcal, base.protein + n.proteinG, base.share + SLOT_SHARE[this.r.meals[s]!]) - base.targetCost;
    const first = day * this.slots;
    for (let p = 0; p < this.slots; p++) if (p !== s && this.cells[first + p]?.recipe.cuisine === recipe.cuisine) cost += 1.5;
    if (day > 0 && this.cells[first - this.slots + s]?.recipe.cuisine === recipe.cuisine) cost += 0.5;
    if (day + 1 < this.r.days) {
      const next = this.cells[first + this.slots + s];
      if (next && next.leftoverOf < 0 && next.recipe.cuisine === recipe.cuisine) cost += 0.5;
    }
    for (const g of this.recipeGoals(recipe)) {
      const bonus = this.goals[g]!.bonus;
      cost -= this.goalCount[g] === 0 ? bonus.first : bonus.more;
    }
    if (this.hasWanted(recipe)) cost -= WANTED_MEAL_BONUS;
    cost -= ownBonus(recipe);
    cost += REPEAT_COST * (this.cookedDays.get(recipe.id)?.length ?? 0);
    const minutes = recipe.totalMinutes;
    const budget = this.r.totalPrepMinutes;
    if (budget !== null) cost += (10 * (Math.max(0, this.totalMinutes + minutes - budget) - Math.max(0, this.totalMinutes - budget))) / budget;
    return cost + minutes * 0.002;
  }

  /** The day's sums over every filled cell but `s`, for `placeDelta`. */
  dayBase(day: number, s: number): DayBase {
    let kcal = 0;
    let protein = 0;
    let share = 0;
    const first = day * this.slots;
    for (let p = 0; p < this.slots; p++) {
      const cell = this.cells[first + p];
      if (p === s || !cell) continue;
      kcal += cell.recipe.nutritionPerServing.kcal;
      protein += cell.recipe.nutritionPerServing.proteinG;
      share += SLOT_SHARE[this.r.meals[p]!];
    }
    return { kcal, protein, share, targetCost: this.targetCost(kcal, protein, share) };
  }

  targetCost(kcal: number, protein: number, share: number): number {
    if (share <= 0) return 0;
    let cost = 0;
    if (this.r.kcalPerDay !== null) {
      const goal = this.r.kcalPerDay * share;
      cost += (4 * Math.abs(kcal - goal)) / goal;
    }
    if (this.r.proteinGPerDay !== null) {
      const goal = this.r.proteinGPerDay * share;
      cost += (4 * Math.max(0, goal - protein)) / goal;
    }
    return cost;
  }

  /** Terms over the whole plan: use-up and wanted coverage and the time budget. */
  globalCost(): number {
    let cost = 0;
    this.goalCount.forEach((count, g) => {
      const bonus = this.goals[g]!.bonus;
      if (count > 0) cost -= bonus.first + bonus.more * (count - 1);
    });
    cost -= WANTED_MEAL_BONUS * this.wantedMeals;
    cost -= this.ownBonusTotal;
    if (this.r.totalPrepMinutes !== null) cost += (10 * Math.max(0, this.totalMinutes - this.r.totalPrepMinutes)) / this.r.totalPrepMinutes;
    cost += this.totalMinutes * 0.002;
    for (const days of this.cookedDays.values()) cost += (REPEAT_COST * days.length * (days.length - 1)) / 2;
    return cost;
  }
}

interface Goal extends IngredientGroup {
  bonus: { first: number; more: number };
}

/**
 * What cooking with a goal's ingredients takes off the cost. Each item's first use is worth most, so every item gets
 * used at all; a pantry item only needs using, so each further meal with it is worth little.
 */
const GOAL_BONUS = { useUp: { first: 6, more: 1.5 }, wanted: { first: 6, more: 0 } } as const;

/**
 * A cook who asks for dinners "with chicken" wants it in the meals, not once: every cooked meal with a wanted
 * ingredient is worth this, once however many it has (a recipe with two of them is no reason to cook it again while
 * another has one). It outweighs the cuisine-spread terms, so a wanted ingredient beats variety of cuisine.
 */
const WANTED_MEAL_BONUS = 3;

/** Each earlier cooking of the same recipe anywhere in the plan costs this much: spreads recipes beyond the no-repeat window. */
const REPEAT_COST = 0.8;

/**
 * A cook's own recipe is what they chose to keep, so each cooking of one takes this off the cost: a favourite more
 * than the cuisine-spread terms and a repeat (it is planned whenever it fits), any other of theirs enough to win a
 * near tie with the kitchen's. Never past a hard constraint: those filter candidates before any cost is counted.
 */
const OWN_RECIPE_BONUS = { favourite: 2.5, other: 0.4 } as const;

function ownBonus(recipe: Recipe): number {
  if (!recipe.cook) return 0;
  return recipe.cook.favourite ? OWN_RECIPE_BONUS.favourite : OWN_RECIPE_BONUS.other;
}

/** A short stable hash of a text: plan ids are made of it. */
export function hashString(text: string): string {
  let h1 = 0x811c9dc5;
  let h2 = 0x01000193 ^ text.length;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    h1 = Math.imul(h1 ^ c, 0x01000193) >>> 0;
    h2 = Math.imul(h2 ^ c, 0x5bd1e995) >>> 0;
  }
  return h1.toString(16).padStart(8, '0') + h2.toString(16).padStart(8, '0');
}

export function dayLabel(day: number, startWeekday: Weekday | null): string {
  if (startWeekday === null) return `Day ${day}`;
  const name = WEEKDAYS[(WEEKDAYS.indexOf(startWeekday) + day - 1) % 7]!;
  return name[0]!.toUpperCase() + name.slice(1);
}

/** A planned meal as the client sees it: ingredients scaled to the servings cooked, exact grams kept. */
export function plannedMeal(catalog: Catalog, recipe: Recipe, slot: MealType, servings: number, cookServings: number, leftoverOf: PlannedMeal['leftoverOf'], locked: boolean, leftoverLabel = ''): PlannedMeal {
  const factor = cookServings / recipe.servings;
  const ingredients: PlannedIngredient[] =
    leftoverOf === null
      ? recipe.lines.map((line) => {
          const ingredient = catalog.ingredientById.get(line.ingredientId)!;
          const quantity = line.quantity * factor;
          const item: PlannedIngredient = {
            ingredientId: line.ingredientId,
            name: ingredient.name,
            quantity: Number(quantity.toFixed(4)),
            unit: line.unit,
            grams: cleanGrams(line.grams * factor),
            display: recipeQuantityText(quantity, line.unit, ingredient),
          };
          // The cut `display` rounded to (quarters when the data gives none), so a rescaled count rounds the same way.
          if (line.unit === 'piece') item.pieceCut = ingredient.pieceCut ?? 'quarters';
          if (line.note) item.note = line.note;
          if (line.text) {
            item.text = line.text;
            // A cook's line the kitchen could not weigh ("salt to taste", "2 handfuls").
            if (line.grams === 0) item.display = 'as needed';
          }
          return item;
        })
      : [];
  return {
    slot,
    recipeId: recipe.id,
    title: recipe.title,
    cuisine: recipe.cuisine,
    servings,
    cookServings: leftoverOf === null ? cookServings : 0,
    prepMinutes: leftoverOf === null ? recipe.prepMinutes : 0,
    cookMinutes: leftoverOf === null ? recipe.cookMinutes : 0,
    leftoverOf,
    locked,
    allergens: recipe.allergens,
    diet: recipe.diet,
    nutrition: roundNutrition(recipe.nutritionPerServing),
    ingredients,
    steps: leftoverOf === null ? recipe.steps : [`Leftovers of ${leftoverLabel}: reheat and serve.`],
    ...(recipe.cook ? { cook: { unmatched: leftoverOf === null ? recipe.cook.unmatched : [], sourceUrl: recipe.cook.sourceUrl, favourite: recipe.cook.favourite, ...(recipe.cook.minutesUnknown && leftoverOf === null ? { minutesUnknown: true as const } : {}) } } : {}),
  };
}

/**
 * Plans meals: hard constraints filter the candidates (diet, allergens, dislikes, time per meal), a greedy pass fills
 * day by day, then local improvement swaps single meals while the objective (targets, use-up and wanted ingredients,
 * cuisine spread, time budget) improves. No randomness: candidates are visited in id order and only a strictly better score replaces the
 * incumbent, so the same input always gives the same plan.
 */
export function planMeals(catalog: Catalog, input: PlanInput): MealPlan {
  const r = resolvePlanInput(catalog, input);
  const unmet: UnmetConstraint[] = [];

  const state = new PlanState(r);

  const candidatesBySlot = r.meals.map((slot) => (catalog.recipesByMealType.get(slot) ?? []).filter((recipe) => passesHard(recipe, r)));
  const avoidSet = new Set(r.avoid.map((a) => `${a.day}|${a.slot}|${a.recipeId}`));
  const onlyAt = recipesOnlyAt(r, state, candidatesBySlot, avoidSet);

  placeLocked(catalog, r, state, unmet);

  let varietyRelaxed = 0;
  for (let s = 0; s < r.meals.length; s++) {
    if (candidatesBySlot[s]!.length === 0) unmet.push(diagnoseEmptySlot(catalog, r, r.meals[s]!));
  }

  for (let d = 0; d < r.days; d++) {
    for (let s = 0; s < r.meals.length; s++) {
      const index = state.cellIndex(d, s);
      if (state.cells[index] || candidatesBySlot[s]!.length === 0) continue;
      const slot = r.meals[s]!;
      let candidates = avoidSet.size === 0 ? candidatesBySlot[s]! : candidatesBySlot[s]!.filter((c) => !avoidSet.has(`${d + 1}|${slot}|${c.id}`));
      const only = onlyAt.get(index);
      if (only) candidates = candidates.filter((c) => only.has(c));
      let best = chooseFor(state, d, s, candidates, false);
      if (!best) {
        best = chooseFor(state, d, s, candidates, true);
        if (best) varietyRelaxed++;
      }
      if (!best) continue;
      state.place(index, { recipe: best, locked: false, leftoverOf: -1, leftovers: [] });
      if (r.batchCooking) placeLeftovers(state, d, s);
    }
  }

  improve(state, candidatesBySlot, avoidSet, onlyAt);

  if (varietyRelaxed > 0) {
    unmet.push({
      constraint: 'noRepeatWithinDays',
      reason: `Only ${Math.min(...candidatesBySlot.map((c) => c.length))} recipes fit the constraints for some meal, so ${varietyRelaxed} meal(s) repeat a recipe within ${r.noRepeatWithinDays} days.`,
      relax: 'Allow repeats (noRepeatWithinDays: 1), loosen the diet, allergens, dislikes or time limit, or plan fewer days',
    });
  }
  if (r.totalPrepMinutes !== null && state.totalMinutes > r.totalPrepMinutes) {
    unmet.push({
      constraint: 'totalPrepMinutes',
      reason: `The quickest plan found needs ${state.totalMinutes} minutes of cooking; the budget is ${r.totalPrepMinutes}.`,
      relax: `Allow ${state.totalMinutes} minutes in total${r.batchCooking ? '' : ', or turn on batch cooking'}, or plan fewer meals`,
    });
  }

  return buildPlan(catalog, r, state, unmet, input, candidatesBySlot);
}

/**
 * The recipes a cell may have when its meal was asked to have an ingredient or keep a diet, by cell index. A cell is
 * restricted only when some recipe that fits it has one of the ingredients (and keeps the diet): otherwise it is
 * planned as any other, and `swapMeal` says why.
 */
function recipesOnlyAt(r: ResolvedInput, state: PlanState, candidatesBySlot: readonly Recipe[][], avoidSet: ReadonlySet<string>): Map<number, ReadonlySet<Recipe>> {
  const onlyAt = new Map<number, ReadonlySet<Recipe>>();
  for (const m of r.mealWanted) {
    const s = r.meals.indexOf(m.slot);
    if (s < 0 || m.day < 1 || m.day > r.days || (m.ids.length === 0 && m.diet === null)) continue;
    const ids = new Set(m.ids);
    const fits = (recipe: Recipe) => (ids.size === 0 || recipe.ingredientIds.some((id) => ids.has(id))) && (m.diet === null || dietAllows(m.diet, recipe.diet));
    const withIt = candidatesBySlot[s]!.filter((recipe) => !avoidSet.has(`${m.day}|${m.slot}|${recipe.id}`) && fits(recipe));
    if (withIt.length > 0) onlyAt.set(state.cellIndex(m.day - 1, s), new Set(withIt));
  }
  return onlyAt;
}

function placeLocked(catalog: Catalog, r: ResolvedInput, state: PlanState, unmet: UnmetConstraint[]): void {
  const slotIndex = (slot: MealType) => r.meals.indexOf(slot);
  const sorted = [...r.locked].sort((a, b) => Number(Boolean(a.leftoverOf)) - Number(Boolean(b.leftoverOf)) || a.day - b.day || slotIndex(a.slot) - slotIndex(b.slot));
  for (const lock of sorted) {
    const s = slotIndex(lock.slot);
    const recipe = catalog.recipeById.get(lock.recipeId);
    const where = { day: lock.day, slot: lock.slot };
    if (s < 0 || lock.day < 1 || lock.day > r.days) {
      unmet.push({ constraint: 'locked', reason: `Day ${lock.day} ${lock.slot} is not in this plan.`, relax: 'Unlock that meal', ...where });
      continue;
    }
    if (!recipe) {
      unmet.push({ constraint: 'locked', reason: `Unknown recipe ${lock.recipeId}.`, relax: 'Unlock that meal', ...where });
      continue;
    }
    const violations = hardViolations(recipe, r);
    if (violations.length > 0) {
      unmet.push({ constraint: 'locked', reason: `${recipe.title} breaks ${violations.join(', ')}, so it was not kept.`, relax: 'Unlock that meal or loosen those constraints', ...where });
      continue;
    }
    const index = state.cellIndex(lock.day - 1, s);
    if (state.cells[index]) continue;
    let leftoverOf = -1;
    if (lock.leftoverOf) {
      const src = state.cellIndex(lock.leftoverOf.day - 1, slotIndex(lock.leftoverOf.slot));
      const source = slotIndex(lock.leftoverOf.slot) >= 0 ? state.cells[src] : null;
      if (source && source.recipe.id === recipe.id && source.leftoverOf < 0) {
        leftoverOf = src;
        source.leftovers.push(index);
      }
    }
    state.place(index, { recipe, locked: true, leftoverOf, leftovers: [] });
  }
}

function chooseFor(state: PlanState, day: number, s: number, candidates: readonly Recipe[], allowRepeats: boolean): Recipe | null {
  let best: Recipe | null = null;
  let bestCost = Infinity;
  const base = state.dayBase(day, s);
  const leftoverGap = state.r.batchCooking ? nextLeftoverGap(state, day, s) : 0;
  const batchBonus = state.r.totalPrepMinutes !== null ? 1 : 0.3;
  for (const recipe of candidates) {
    const repeats = state.repeats(recipe, day);
    if (repeats && !allowRepeats) continue;
    let cost = state.placeDelta(recipe, day, s, base) + (repeats ? 50 : 0);
    if (leftoverGap > 0 && recipe.batchFriendly && recipe.leftoverDays >= leftoverGap) cost -= batchBonus;
    if (cost < bestCost - 1e-12) {
      best = recipe;
      bestCost = cost;
    }
  }
  return best;
}

/**
 * Where leftovers of a meal cooked at (day, s) would be eaten, within `maxGap` days: dinners feed the next free lunch
 * (or, failing that, a later dinner); lunches feed a later lunch when the plan has no dinners. A day that already eats
 * leftovers gets no more, so batch cooking never turns a whole day into a repeat of an earlier one. -1 when none.
 */
function leftoverTarget(state: PlanState, day: number, s: number, maxGap: number): number {
  const slot = state.r.meals[s]!;
  const lunch = state.r.meals.indexOf('lunch');
  const dinner = state.r.meals.indexOf('dinner');
  const producer = slot === 'dinner' || (slot === 'lunch' && dinner < 0);
  if (!producer) return -1;
  const targets = slot === 'dinner' ? [lunch, dinner].filter((t) => t >= 0) : [lunch];
  for (let d = day + 1; d <= Math.min(day + maxGap, state.r.days - 1); d++) {
    let hasLeftovers = false;
    for (let t = 0; t < state.slots; t++) if ((state.cells[state.cellIndex(d, t)]?.leftoverOf ?? -1) >= 0) hasLeftovers = true;
    if (hasLeftovers) continue;
    for (const t of targets) if (!state.cells[state.cellIndex(d, t)]) return state.cellIndex(d, t);
  }
  return -1;
}

/** Days from `day` to where leftovers of a meal cooked at (day, s) would go; 0 when nowhere. */
function nextLeftoverGap(state: PlanState, day: number, s: number): number {
  const target = leftoverTarget(state, day, s, Infinity);
  return target < 0 ? 0 : Math.floor(target / state.slots) - day;
}

/** The cell that would eat this cooking's leftovers within the recipe's keeping time, or -1. */
function canMakeLeftovers(state: PlanState, recipe: Recipe, day: number, s: number): number {
  if (!recipe.batchFriendly || recipe.leftoverDays < 1) return -1;
  return leftoverTarget(state, day, s, recipe.leftoverDays);
}

function placeLeftovers(state: PlanState, day: number, s: number): void {
  const index = state.cellIndex(day, s);
  const cell = state.cells[index]!;
  const target = canMakeLeftovers(state, cell.recipe, day, s);
  if (target < 0) return;
  state.place(target, { recipe: cell.recipe, locked: false, leftoverOf: index, leftovers: [] });
  cell.leftovers.push(target);
}

/** Local improvement: replace one cooked meal at a time while the total cost strictly falls; bounded passes. */
function improve(state: PlanState, candidatesBySlot: readonly Recipe[][], avoidSet: ReadonlySet<string>, onlyAt: ReadonlyMap<number, ReadonlySet<Recipe>>): void {
  for (let pass = 0; pass < 2; pass++) {
    let changed = false;
    for (let d = 0; d < state.r.days; d++) {
      for (let s = 0; s < state.slots; s++) {
        const index = state.cellIndex(d, s);
        const cell = state.cells[index];
        if (!cell || cell.locked || cell.leftoverOf >= 0) continue;
        const slot = state.r.meals[s]!;
        const only = onlyAt.get(index);
        const leftoverDays = cell.leftovers.map((i) => Math.floor(i / state.slots));
        const localCost = () => {
          let c = state.globalCost() + state.dayCost(d) + (d + 1 < state.r.days ? state.dayCost(d + 1) : 0);
          for (const ld of leftoverDays) if (ld !== d + 1) c += state.dayCost(ld) + (ld + 1 < state.r.days ? state.dayCost(ld + 1) : 0);
          return c;
        };
        const original = cell.recipe;
        if (cell.leftovers.length === 0) {
          state.remove(index);
          const base = state.dayBase(d, s);
          let bestDelta = state.placeDelta(original, d, s, base);
          let bestRecipe = original;
          for (const recipe of candidatesBySlot[s]!) {
            if (recipe === original || state.repeats(recipe, d)) continue;
            if (avoidSet.size > 0 && avoidSet.has(`${d + 1}|${slot}|${recipe.id}`)) continue;
            if (only && !only.has(recipe)) continue;
            const delta = state.placeDelta(recipe, d, s, base);
            if (delta < bestDelta - 1e-9) {
              bestDelta = delta;
              bestRecipe = recipe;
            }
          }
          cell.recipe = bestRecipe;
          state.place(index, cell);
          if (bestRecipe !== original) changed = true;
          continue;
        }
        let bestCost = localCost();
        let best = original;
        // Cells are mutated in place (no allocation in this loop); leftovers always share their source's recipe.
        const swapIn = (recipe: Recipe) => {
          state.remove(index);
          cell.recipe = recipe;
          state.place(index, cell);
          for (const li of cell.leftovers) state.cells[li]!.recipe = recipe;
        };
        state.remove(index);
        for (const recipe of candidatesBySlot[s]!) {
          if (recipe === original || state.repeats(recipe, d)) continue;
          if (avoidSet.size > 0 && avoidSet.has(`${d + 1}|${slot}|${recipe.id}`)) continue;
          if (only && !only.has(recipe)) continue;
          if (cell.leftovers.length > 0 && (!recipe.batchFriendly || leftoverDays.some((ld) => ld - d > recipe.leftoverDays))) continue;
          cell.recipe = recipe;
          state.place(index, cell);
          for (const li of cell.leftovers) state.cells[li]!.recipe = recipe;
          const cost = localCost();
          state.remove(index);
          if (cost < bestCost - 1e-9) {
            bestCost = cost;
            best = recipe;
          }
        }
        cell.recipe = original;
        state.place(index, cell);
        for (const li of cell.leftovers) state.cells[li]!.recipe = original;
        if (best !== original) {
          swapIn(best);
          changed = true;
        }
      }
    }
    if (!changed) break;
  }
}

function diagnoseEmptySlot(catalog: Catalog, r: ResolvedInput, slot: MealType): UnmetConstraint {
  const recipes = catalog.recipesByMealType.get(slot) ?? [];
  if (recipes.length === 0) return { constraint: 'meals', slot, reason: `There are no ${slot} recipes.`, relax: `Leave ${slot} out of the plan` };
  const culprits: string[] = [];
  const relax: string[] = [];
  const only = (c: HardConstraint) => recipes.filter((recipe) => hardViolations(recipe, r).every((v) => v === c));
  const byTime = only('maxMinutesPerMeal');
  if (r.maxMinutesPerMeal !== null && byTime.length > 0) {
    culprits.push('maxMinutesPerMeal');
    relax.push(`Allow ${Math.min(...byTime.map((x) => x.totalMinutes))} minutes per meal`);
  }
  if (only('allergens').length > 0 && r.allergens.length > 0) {
    culprits.push('allergens');
    relax.push(`No ${slot} fits every allergen exclusion (${r.allergens.map(allergenLabel).join(', ')})`);
  }
  if (only('dislikes').length > 0 && r.dislikes.length > 0) {
    culprits.push('dislikes');
    relax.push(`Drop a dislike (${r.dislikes.join(', ')})`);
  }
  if (only('exclusions').length > 0 && r.exclude.length > 0) {
    culprits.push('exclusions');
    relax.push(`Allow one of ${r.exclude.map(exclusionLabel).join(', ')}`);
  }
  if (only('patterns').length > 0 && r.patterns.length > 0) {
    culprits.push('patterns');
    relax.push(`Drop ${r.patterns.map((p) => PATTERN_LABEL[p]).join(' or ')}`);
  }
  if (only('diet').length > 0 && r.diet !== 'omnivore') {
    culprits.push('diet');
    relax.push(`Choose a looser diet than ${r.diet}`);
  }
  const constraint = culprits[0] ?? 'combination';
  return {
    constraint,
    slot,
    reason: `No ${slot} recipe meets ${culprits.length > 0 ? culprits.join(' and ') : 'all the constraints together'} (diet ${r.diet}${r.allergens.length ? `, without ${r.allergens.map(allergenLabel).join(', ')}` : ''}${r.maxMinutesPerMeal ? `, ≤ ${r.maxMinutesPerMeal} min` : ''}).`,
    relax: relax.length > 0 ? relax.join('; or ') : `Loosen several constraints at once, or leave ${slot} out`,
  };
}


/**
 * "per person per day", or "per person per day from lunch" when the plan covers only some of a day's meals: its daily
 * figures (and the targets, scaled by SLOT_SHARE) are then those meals' share of a day, not a whole day.
 */
export function perPersonPerDay(meals: readonly MealType[]): string {
  const share = meals.reduce((sum, m) => sum + SLOT_SHARE[m], 0);
  if (share >= 0.999 || meals.length === 0) return 'per person per day';
  const list = meals.length === 1 ? meals[0] : `${meals.slice(0, -1).join(', ')} and ${meals.at(-1)}`;
  return `per person per day from ${list}`;
}

/** "0 of 1 meal contains them", "2 of 21 meals contain them": the verb agrees with a single meal on either side. */
function ofMeals(part: number, total: number, singular: string, plural: string): string {
  return `${part} of ${countOf(total, 'meal')} ${part === 1 || total === 1 ? singular : plural}`;
}
function buildPlan(catalog: Catalog, r: ResolvedInput, state: PlanState, unmet: UnmetConstraint[], input: PlanInput, candidatesBySlot: readonly Recipe[][]): MealPlan {
  const where = (index: number) => ({ day: Math.floor(index / state.slots) + 1, slot: r.meals[index % state.slots]! });
  const days: PlannedDay[] = [];
  let mealsPlanned = 0;
  let cooked = 0;
  let leftoverMeals = 0;
  let longest = 0;
  for (let d = 0; d < r.days; d++) {
    const meals: PlannedMeal[] = [];
    const nutrition: Nutrition = zeroNutrition();
    for (let s = 0; s < state.slots; s++) {
      const index = state.cellIndex(d, s);
      const cell = state.cells[index];
      if (!cell) continue;
      mealsPlanned++;
      const leftoverOf = cell.leftoverOf >= 0 ? where(cell.leftoverOf) : null;
      if (leftoverOf) leftoverMeals++;
      else {
        cooked++;
        longest = Math.max(longest, cell.recipe.totalMinutes);
      }
      const cookServings = r.servings * (1 + cell.leftovers.length);
      const label = leftoverOf ? `${dayLabel(leftoverOf.day, r.startWeekday)} ${leftoverOf.slot}` : '';
      const meal = plannedMeal(catalog, cell.recipe, r.meals[s]!, r.servings, cookServings, leftoverOf, cell.locked, label);
      const wantedHere = state.recipeGoals(cell.recipe).filter((g) => g >= r.useUpGroups.length).map((g) => state.goals[g]!.term).sort();
      if (wantedHere.length > 0) meal.wanted = wantedHere;
      meals.push(meal);
      addNutrition(nutrition, cell.recipe.nutritionPerServing);
    }
    days.push({ day: d + 1, label: dayLabel(d + 1, r.startWeekday), meals, nutrition: roundNutrition(nutrition) });
  }

  const allMeals = days.flatMap((d) => d.meals);
  const checks: PlanCheck[] = [];
  const allergenHits = allMeals.filter((m) => m.allergens.some((a) => r.allergens.includes(a))).length;
  if (r.allergens.length > 0) {
    checks.push({ id: 'allergens', kind: 'constraint', label: `No ${r.allergens.map(allergenLabel).join(', ')}`, met: allergenHits === 0, detail: ofMeals(allergenHits, allMeals.length, 'contains them', 'contain them') });
  }
  const dietHits = allMeals.filter((m) => !dietAllows(r.diet, m.diet)).length;
  if (r.diet !== 'omnivore') checks.push({ id: 'diet', kind: 'constraint', label: r.diet[0]!.toUpperCase() + r.diet.slice(1), met: dietHits === 0, detail: ofMeals(allMeals.length - dietHits, allMeals.length, `is ${r.diet}`, `are ${r.diet}`) });
  if (r.dislikes.length > 0) {
    const hits = allMeals.filter((m) => catalog.recipeById.get(m.recipeId)!.ingredientIds.some((id) => r.dislikeIds.has(id))).length;
    checks.push({ id: 'dislikes', kind: 'constraint', label: `No ${r.dislikes.join(', ')}`, met: hits === 0, detail: ofMeals(hits, allMeals.length, 'uses them', 'use them') });
  }
  if (r.exclude.length > 0) {
    const hits = allMeals.filter((m) => catalog.recipeById.get(m.recipeId)!.ingredientIds.some((id) => r.excludedIds.has(id))).length;
    checks.push({ id: 'exclusions', kind: 'constraint', label: `No ${r.exclude.map(exclusionLabel).join(', ')}`, met: hits === 0, detail: ofMeals(hits, allMeals.length, 'contains them', 'contain them') });
  }
  if (input.maxCarbsPerServing !== undefined) {
    const cap = input.maxCarbsPerServing;
    const hits = allMeals.filter((m) => catalog.recipeById.get(m.recipeId)!.nutritionPerServing.carbsG > cap).length;
    checks.push({ id: 'maxCarbsPerServing', kind: 'constraint', label: `≤ ${Math.round(cap)} g carbs a serving`, met: hits === 0, detail: ofMeals(hits, allMeals.length, 'is over', 'are over') });
  }
  for (const pattern of r.patterns) {
    const own = resolveExclusions(catalog, [], [pattern]);
    const hits = allMeals.filter((m) => {
      const recipe = catalog.recipeById.get(m.recipeId)!;
      return recipe.ingredientIds.some((id) => own.ids.has(id)) || ruleViolations(recipe, own.rules).length > 0;
    }).length;
    const label = PATTERN_LABEL[pattern];
    checks.push({ id: `pattern:${pattern}`, kind: 'constraint', label: label[0]!.toUpperCase() + label.slice(1), met: hits === 0, detail: ofMeals(hits, allMeals.length, 'breaks it', 'break it') });
  }
  const expected = r.days * r.meals.length;
  checks.push({ id: 'meals', kind: 'constraint', label: `${countOf(expected, 'meal')} planned`, met: mealsPlanned === expected, detail: `${ofMeals(mealsPlanned, expected, 'planned', 'planned')} (${cooked} cooked, ${countOf(leftoverMeals, 'leftover')})`, actual: mealsPlanned, goal: expected });
  if (r.maxMinutesPerMeal !== null) {
    checks.push({ id: 'maxMinutesPerMeal', kind: 'constraint', label: `Each meal ≤ ${r.maxMinutesPerMeal} min`, met: longest <= r.maxMinutesPerMeal, detail: `Longest meal takes ${longest} min (limit ${r.maxMinutesPerMeal})`, actual: longest, goal: r.maxMinutesPerMeal });
  }
  if (r.totalPrepMinutes !== null) {
    const met = state.totalMinutes <= r.totalPrepMinutes;
    checks.push({ id: 'totalPrepMinutes', kind: 'constraint', label: `≤ ${r.totalPrepMinutes} min of cooking in total`, met, detail: `${state.totalMinutes} of ${r.totalPrepMinutes} minutes${met ? '' : ` (${state.totalMinutes - r.totalPrepMinutes} over)`}`, actual: state.totalMinutes, goal: r.totalPrepMinutes });
  }
  const varietyMet = !unmet.some((u) => u.constraint === 'noRepeatWithinDays');
  const cuisines = new Set(allMeals.map((m) => m.cuisine));
  checks.push({ id: 'variety', kind: 'constraint', label: `No recipe cooked twice within ${r.noRepeatWithinDays} days`, met: varietyMet, detail: `${countOf(new Set(allMeals.map((m) => m.recipeId)).size, 'different recipe')} from ${countOf(cuisines.size, 'cuisine')}` });

  const share = r.meals.reduce((sum, m) => sum + SLOT_SHARE[m], 0);
  const scaled = share < 0.999 ? ` (the plan covers ${Math.round(share * 100)}% of a day's meals, so the target is scaled to match)` : '';
  const avg = (k: keyof Nutrition) => (days.length === 0 ? 0 : days.reduce((sum, d) => sum + d.nutrition[k], 0) / days.length);
  if (r.kcalPerDay !== null) {
    const goal = r.kcalPerDay * share;
    const actual = avg('kcal');
    const off = (actual - goal) / goal;
    checks.push({ id: 'kcalPerDay', kind: 'target', label: `About ${Math.round(goal)} kcal ${perPersonPerDay(r.meals)}`, met: Math.abs(off) <= 0.1, detail: `Average ${Math.round(actual)} kcal (${off >= 0 ? '+' : ''}${Math.round(off * 100)}%)${scaled}`, actual: Math.round(actual), goal: Math.round(goal) });
  }
  if (r.proteinGPerDay !== null) {
    const goal = r.proteinGPerDay * share;
    const actual = avg('proteinG');
    checks.push({ id: 'proteinGPerDay', kind: 'target', label: `About ${Math.round(goal)} g protein or more ${perPersonPerDay(r.meals)}`, met: actual >= goal * 0.9, detail: `Average ${Math.round(actual)} g (${Math.round((actual / goal) * 100)}% of target)${scaled}`, actual: Math.round(actual), goal: Math.round(goal) });
  }
  // Goals are the use-up groups, then the wanted groups (PlanState), so their counts are read at those offsets.
  const useUp = goalCheck('useUp', `Use up ${r.useUp.join(', ')}`, r.useUpGroups, state.goalCount.slice(0, r.useUpGroups.length));
  const wanted = goalCheck('wanted', `With ${r.wanted.join(', ')}`, r.wantedGroups, state.goalCount.slice(r.useUpGroups.length));
  for (const goal of [useUp, wanted]) if (goal.check) checks.push(goal.check);
  const fitting = new Set(candidatesBySlot.flatMap((recipes) => recipes.flatMap((recipe) => recipe.ingredientIds)));
  const unavailable = r.wantedGroups.filter((g) => !g.ids.some((id) => fitting.has(id))).map((g) => g.term);

  // A catalog with a cook's recipes adds their digest; without, the key (and every id already shown) is unchanged.
  const cook = catalog.cookKey ? { cook: catalog.cookKey } : {};
  const id = `plan_${hashString(JSON.stringify({ v: 1, recipes: catalog.recipes.length, input: normalizedInputKey(r), raw: input.locked ?? [], ...cook }))}`;
  return {
    id,
    servings: r.servings,
    diet: r.diet,
    allergensExcluded: r.allergens,
    dislikes: r.dislikes,
    ...(r.exclude.length > 0 ? { exclude: r.exclude } : {}),
    ...(r.patterns.length > 0 ? { patterns: r.patterns } : {}),
    meals: r.meals,
    days,
    totalMinutes: state.totalMinutes,
    useUp: { used: useUp.used, unused: useUp.unused },
    wanted: { used: wanted.used, unused: wanted.unused, unavailable },
    checks,
    unmet,
  };
}

/** Which of a goal's groups the plan cooks with, and the check that reports it (none when there are no groups). */
function goalCheck(id: string, label: string, groups: readonly IngredientGroup[], counts: readonly number[]): { used: string[]; unused: string[]; check: PlanCheck | null } {
  const used = groups.filter((_, i) => counts[i]! > 0).map((g) => g.term);
  const unused = groups.filter((_, i) => counts[i] === 0).map((g) => g.term);
  if (groups.length === 0) return { used, unused, check: null };
  const detail = `Uses ${used.length} of ${groups.length}${used.length ? `: ${used.join(', ')}` : ''}${unused.length ? `; not used: ${unused.join(', ')}` : ''}`;
  return { used, unused, check: { id, kind: 'target', label, met: unused.length === 0, detail, actual: used.length, goal: groups.length } };
}

function normalizedInputKey(r: ResolvedInput): unknown {
  const key: unknown[] = [r.days, r.meals, r.servings, r.diet, r.allergens, r.dislikes, r.useUp, r.maxMinutesPerMeal, r.totalPrepMinutes, r.kcalPerDay, r.proteinGPerDay, r.noRepeatWithinDays, r.batchCooking, r.avoid, r.startWeekday];
  // Appended only when present: a plan without wanted ingredients keeps the id the same input always had, so ids
  // already shown with stored replies still name the same plan.
  if (r.wanted.length > 0) key.push(r.wanted);
  if (r.exclude.length > 0 || r.patterns.length > 0) key.push(['exclude', r.exclude, r.patterns]);
  if (r.rules.maxCarbsG !== null && !r.patterns.includes('diabetic')) key.push(['carbs', r.rules.maxCarbsG]);
  if (r.mealWanted.length > 0) key.push(r.mealWanted.map((m) => [m.day, m.slot, m.wanted]));
  return key;
}

/** A hard constraint that keeps a wished food out of a meal, with what in it does. */
export type HardBlock =
  | { constraint: 'diet'; diet: Diet }
  | { constraint: 'allergens'; allergens: Allergen[] }
  | { constraint: 'exclusions'; terms: string[] }
  | { constraint: 'dislikes'; terms: string[] }
  | { constraint: 'patterns'; patterns: Pattern[] }
  | { constraint: 'maxCarbsPerServing'; grams: number }
  | { constraint: 'maxMinutesPerMeal'; minutes: number };

/** Why a swapped meal does not have a word the cook wished for it. */
export type WishBlocker =
  /** The word names no ingredient the kitchen knows. */
  | { kind: 'unknown' }
  /** No recipe for that meal (breakfast, lunch…) has it, whatever the constraints. */
  | { kind: 'no-recipe' }
  /** Every recipe for that meal with it breaks one of these hard constraints (those common to all, else each one met). */
  | { kind: 'constraints'; by: HardBlock[] }
  /** The only recipes with it that fit are the meal being swapped out (or one swapped out of that slot before). */
  | { kind: 'swapped-out'; titles: string[] }
  /** It could have been had, but the meal took another of the words wished for it. */
  | { kind: 'not-chosen' };

export interface SwapWishOutcome {
  /** The wished words the new meal has (a diet word when the new meal keeps that diet), in the order wished. */
  has: string[];
  /** The others, each with why. */
  missing: Array<{ term: string; blocker: WishBlocker }>;
}

/** Which hard constraints keep a recipe out, with the part of each that does (the allergens it carries, the words it breaks). */
function hardBlocks(catalog: Catalog, recipe: Recipe, r: ResolvedInput): HardBlock[] {
  const out: HardBlock[] = [];
  const hits = (ids: readonly string[]) => ids.some((id) => recipe.ingredientIds.includes(id));
  for (const v of hardViolations(recipe, r)) {
    if (v === 'diet') out.push({ constraint: 'diet', diet: r.diet });
    else if (v === 'allergens') out.push({ constraint: 'allergens', allergens: recipe.allergens.filter((a) => r.allergens.includes(a)) });
    else if (v === 'dislikes') out.push({ constraint: 'dislikes', terms: r.dislikes.filter((d) => hits(familyIds(catalog, d))) });
    else if (v === 'maxMinutesPerMeal') out.push({ constraint: 'maxMinutesPerMeal', minutes: r.maxMinutesPerMeal! });
    else if (v === 'exclusions') {
      const terms = r.exclude.filter((t) => hits(familyIds(catalog, t)));
      if (terms.length > 0) out.push({ constraint: 'exclusions', terms });
      const patterns = r.patterns.filter((p) => hits(patternEffect(catalog, p).ids));
      if (patterns.length > 0) out.push({ constraint: 'patterns', patterns });
    } else {
      const patterns = r.patterns.filter((p) => ruleViolations(recipe, patternEffect(catalog, p).rules).length > 0);
      if (patterns.length > 0) out.push({ constraint: 'patterns', patterns });
      else if (r.rules.maxCarbsG !== null) out.push({ constraint: 'maxCarbsPerServing', grams: r.rules.maxCarbsG });
    }
  }
  return out;
}

/** The blocks common to every recipe (merged per constraint), else every block met; empty lists dropped. */
function commonBlocks(perRecipe: readonly HardBlock[][]): HardBlock[] {
  const kinds = (blocks: readonly HardBlock[]) => new Set(blocks.map((b) => b.constraint));
  const common = [...kinds(perRecipe[0] ?? [])].filter((k) => perRecipe.every((blocks) => kinds(blocks).has(k)));
  const wanted = common.length > 0 ? new Set(common) : new Set(perRecipe.flatMap((blocks) => blocks.map((b) => b.constraint)));
  const merged = new Map<HardBlock['constraint'], HardBlock>();
  for (const block of perRecipe.flat()) {
    if (!wanted.has(block.constraint)) continue;
    const had = merged.get(block.constraint);
    if (!had) merged.set(block.constraint, structuredClone(block));
    else if ('allergens' in had && 'allergens' in block) had.allergens = [...new Set([...had.allergens, ...block.allergens])];
    else if ('terms' in had && 'terms' in block) had.terms = [...new Set([...had.terms, ...block.terms])];
    else if ('patterns' in had && 'patterns' in block) had.patterns = [...new Set([...had.patterns, ...block.patterns])];
  }
  const order: Array<HardBlock['constraint']> = ['allergens', 'diet', 'exclusions', 'patterns', 'dislikes', 'maxCarbsPerServing', 'maxMinutesPerMeal'];
  return order.map((k) => merged.get(k)).filter((b): b is HardBlock => b !== undefined && !(('terms' in b && b.terms.length === 0) || ('patterns' in b && b.patterns.length === 0) || ('allergens' in b && b.allergens.length === 0)));
}

/**
 * Why no recipe for `slot` with one of `ids` (and keeping `diet`, when the meal was asked for one) can be planned in a
 * slot under the input's hard constraints; null when one can. `avoided` are recipe ids that slot may not take (the
 * meal being swapped out and those swapped out before).
 */
function wishBlocker(catalog: Catalog, r: ResolvedInput, slot: MealType, ids: readonly string[], diet: Diet | null, avoided: ReadonlySet<string>): WishBlocker | null {
  const idSet = new Set(ids);
  const withIt = (catalog.recipesByMealType.get(slot) ?? []).filter((recipe) => (idSet.size === 0 || recipe.ingredientIds.some((id) => idSet.has(id))) && (diet === null || dietAllows(diet, recipe.diet)));
  if (withIt.length === 0) return { kind: 'no-recipe' };
  const fitting = withIt.filter((recipe) => passesHard(recipe, r));
  if (fitting.length === 0) return { kind: 'constraints', by: commonBlocks(withIt.map((recipe) => hardBlocks(catalog, recipe, r))) };
  if (fitting.every((recipe) => avoided.has(recipe.id))) return { kind: 'swapped-out', titles: fitting.map((recipe) => recipe.title) };
  return null;
}

/**
 * Why a meal in `slot` cannot have `word` ("fish", "salmon", "vegetarian") under the input's hard constraints, or null
 * when some recipe for that slot with it fits. Pure: what the chef says when a wish is not honoured, and what a
 * structured swap action can answer before it swaps.
 */
export function whyNotInMeal(catalog: Catalog, input: PlanInput, slot: MealType, word: string, avoidRecipeIds: readonly string[] = []): WishBlocker | null {
  const r = resolvePlanInput(catalog, { ...input, locked: [], avoid: [], mealWanted: [] });
  const wish = readMealWish(catalog, [word]);
  const ids = wish.terms.flatMap((t) => t.ids);
  if (wish.diet === null && ids.length === 0) return { kind: 'unknown' };
  return wishBlocker(catalog, r, slot, ids, wish.diet, new Set(avoidRecipeIds));
}

/** What the new meal has of the words wished for it, and why it lacks the others. */
function swapWishOutcome(catalog: Catalog, input: PlanInput, plan: MealPlan, day: number, slot: MealType, wanted: readonly string[]): SwapWishOutcome {
  const outcome: SwapWishOutcome = { has: [], missing: [] };
  if (wanted.length === 0) return outcome;
  const meal = plan.days.find((d) => d.day === day)?.meals.find((m) => m.slot === slot);
  const recipe = meal ? catalog.recipeById.get(meal.recipeId) : undefined;
  const wish = readMealWish(catalog, wanted);
  const r = resolvePlanInput(catalog, { ...input, locked: [], avoid: [], mealWanted: [] });
  const avoided = new Set((input.avoid ?? []).filter((a) => a.day === day && a.slot === slot).map((a) => a.recipeId));
  for (const word of wanted) {
    const asked = readMealWish(catalog, [word]);
    const ids = asked.terms.flatMap((t) => t.ids);
    const has = recipe !== undefined && (asked.diet !== null ? dietAllows(asked.diet, recipe.diet) : recipe.ingredientIds.some((id) => ids.includes(id)));
    if (has) {
      outcome.has.push(word);
      continue;
    }
    if (asked.diet === null && ids.length === 0) {
      outcome.missing.push({ term: word, blocker: { kind: 'unknown' } });
      continue;
    }
    // A food is looked for under the diet the meal was asked to keep too ("something vegetarian with fish").
    const blocker = wishBlocker(catalog, r, slot, ids, asked.diet ?? wish.diet, avoided);
    outcome.missing.push({ term: word, blocker: blocker ?? { kind: 'not-chosen' } });
  }
  return outcome;
}

/**
 * Swaps one meal and keeps the rest: every other meal is locked as it was, the swapped recipe is avoided in that slot,
 * and leftovers that depended on the swapped cooking are freed. `wanted` asks the new meal to have one of those
 * foods ("salmon", "fish", "seafood", "meat") and to keep the diet of any diet word ("vegetarian"), never past a hard
 * constraint (`PlanInput.mealWanted`); `wish` says which it has and why it lacks the others. Returns the new input too,
 * so swaps chain.
 */
export function swapMeal(catalog: Catalog, input: PlanInput, day: number, slot: MealType, current?: MealPlan, wanted: readonly string[] = []): { plan: MealPlan; input: PlanInput; wish: SwapWishOutcome } {
  const plan = current ?? planMeals(catalog, input);
  const target = plan.days.find((d) => d.day === day)?.meals.find((m) => m.slot === slot);
  if (!target) throw new PlanInputError(`There is no ${slot} on day ${day} in this plan`);
  const isTarget = (d: number, m: PlannedMeal) => d === day && m.slot === slot;
  const dependsOnTarget = (m: PlannedMeal) => m.leftoverOf !== null && m.leftoverOf.day === day && m.leftoverOf.slot === slot;
  const locked: LockedMeal[] = [];
  for (const d of plan.days) {
    for (const m of d.meals) {
      if (isTarget(d.day, m) || dependsOnTarget(m)) continue;
      locked.push({ day: d.day, slot: m.slot, recipeId: m.recipeId, leftoverOf: m.leftoverOf });
    }
  }
  const avoid = [...(input.avoid ?? []), { day, slot, recipeId: target.recipeId }];
  const next: PlanInput = { ...input, locked, avoid };
  // An earlier swap's wish is spent: that meal is locked now, and a later swap of it may ask for something else.
  delete next.mealWanted;
  if (wanted.length > 0) next.mealWanted = [{ day, slot, wanted: [...wanted] }];
  const swapped = planMeals(catalog, next);
  return { plan: swapped, input: next, wish: swapWishOutcome(catalog, next, swapped, day, slot, wanted) };
}
