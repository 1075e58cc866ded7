/**
 * The kitchen as LangChain tools. The conversation's plan is a stored document the web app sends with each chat
 * (`ctx.plan`); tools change it only through structured actions (packages/kitchen/src/plan-actions.ts): `plan_meals`
 * makes a new plan, `change_plan` swaps, locks, rescales, re-plans… Every new version reaches the client as a `plan`
 * event only after `assertPlanSafe` has re-checked every meal against the ledger; the model gets compact JSON back.
 */
import { tool } from '@langchain/core/tools';
import { z } from 'zod';
import { findIngredient, roundNutrition, type Catalog } from '@chef-chopsky/kitchen/catalog';
import { planChangeSchema, planRequestShapeSchema, type AgentPlanEvent, type PlanChange } from '@chef-chopsky/contract/plan-actions';
import { appliedLine } from '@chef-chopsky/kitchen/ledger/format';
import { entry } from '@chef-chopsky/kitchen/ledger/merge';
import { planInputFromLedger } from '@chef-chopsky/kitchen/ledger/plan-input';
import type { ConstraintLedger, LedgerEntry } from '@chef-chopsky/kitchen/ledger/types';
import { applyPlanAction, catalogVersion, groceryFor, inputFor, type ActionResult, type PlanAction, type PlanRequestShape } from '@chef-chopsky/kitchen/plan-actions';
import type { MealPlan, PlanInput } from '@chef-chopsky/kitchen/plan-types';
import { assertPlanSafe, PlanSafetyError, type SafetyProfile } from '@chef-chopsky/kitchen/safety';
import { searchRecipes, whatCanIMake } from '@chef-chopsky/kitchen/search';
import { substitutesFor } from '@chef-chopsky/kitchen/substitutes';
import { MEAL_TYPES } from '@chef-chopsky/kitchen/types';
import { saveRecipeTool } from './tools/save-recipe';
import type { ChefContext, ChefPlan, ChefToolFactory } from './types';

export const KITCHEN_TOOL_NAMES = ['search_recipes', 'plan_meals', 'change_plan', 'grocery_list', 'nutrition', 'substitutes', 'save_recipe'] as const;

const round1 = (n: number) => Math.round(n * 10) / 10;

/** What the model sees of a plan: enough to describe it, without ingredient lists or steps. */
export function planSummary(plan: MealPlan, ledger?: ConstraintLedger, version?: number, label?: string) {
  const n = plan.days.length || 1;
  const avg = (k: 'kcal' | 'proteinG' | 'carbsG' | 'fatG' | 'fibreG' | 'sodiumMg') => round1(plan.days.reduce((s, d) => s + d.nutrition[k], 0) / n);
  return {
    planId: plan.id,
    ...(version !== undefined ? { version } : {}),
    ...(label ? { change: label } : {}),
    /** The line the reply starts with: who it is for and every hard constraint applied. */
    applied: ledger ? appliedLine(ledger, plan.servings) : '',
    exclude: plan.exclude ?? [],
    patterns: plan.patterns ?? [],
    servings: plan.servings,
    diet: plan.diet,
    allergensExcluded: plan.allergensExcluded,
    dislikes: plan.dislikes,
    meals: plan.meals,
    totalMinutes: plan.totalMinutes,
    days: plan.days.map((d) => ({
      day: d.day,
      label: d.label,
      meals: d.meals.map((m) => ({
        slot: m.slot,
        recipeId: m.recipeId,
        title: m.title,
        cuisine: m.cuisine,
        minutes: m.cook?.minutesUnknown ? null : m.prepMinutes + m.cookMinutes,
        ...(m.leftoverOf ? { leftoverOf: m.leftoverOf } : {}),
        ...(m.cookServings > m.servings ? { cookServings: m.cookServings } : {}),
        ...(m.wanted ? { wanted: m.wanted } : {}),
        ...(m.locked ? { kept: true } : {}),
      })),
      kcal: d.nutrition.kcal,
      proteinG: d.nutrition.proteinG,
    })),
    averagePerPersonPerDay: { kcal: avg('kcal'), proteinG: avg('proteinG'), carbsG: avg('carbsG'), fatG: avg('fatG'), fibreG: avg('fibreG'), sodiumMg: avg('sodiumMg') },
    useUp: plan.useUp,
    wanted: plan.wanted,
    checks: plan.checks.map((c) => ({ id: c.id, kind: c.kind, label: c.label, met: c.met, detail: c.detail })),
    unmet: plan.unmet,
  };
}

export type PlanSummary = ReturnType<typeof planSummary>;

/** Raised instead of `PlanSafetyError` so the model (and through it the cook) learns that, not which recipe failed. */
export class UnsafePlanError extends Error {
  constructor(override readonly cause: PlanSafetyError) {
    super('The plan failed the kitchen\'s allergy and diet check, so it was not shown. Try again with different constraints.');
    this.name = 'UnsafePlanError';
  }
}

/** The hard constraints of a planner input, as the safety gate checks them. */
function safetyOf(input: PlanInput): SafetyProfile {
  return {
    allergens: input.allergens ?? [],
    diet: input.diet ?? 'omnivore',
    dislikes: input.dislikes ?? [],
    exclude: input.exclude ?? [],
    patterns: input.patterns ?? [],
    ...(input.maxCarbsPerServing !== undefined ? { maxCarbsPerServing: input.maxCarbsPerServing } : {}),
  };
}

/**
 * Hard constraints a tool call names that the ledger does not hold yet (a model passing "allergens: ['sesame']" after
 * the cook mentioned it): they join the ledger, as the model's, so they hold for the rest of the conversation.
 */
function constraintsNamed(request: Pick<PlanRequestShape, 'allergens' | 'diet' | 'dislikes' | 'exclude' | 'patterns'>): LedgerEntry[] {
  const source = { kind: 'model' as const };
  const out: LedgerEntry[] = [];
  for (const allergen of request.allergens ?? []) out.push(entry({ field: 'allergen', allergen, source }));
  if (request.diet && request.diet !== 'omnivore') out.push(entry({ field: 'diet', diet: request.diet, source }));
  for (const term of request.dislikes ?? []) out.push(entry({ field: 'dislike', term: term.toLowerCase(), source }));
  for (const term of request.exclude ?? []) out.push(entry({ field: 'exclude', term: term.toLowerCase(), source }));
  for (const pattern of request.patterns ?? []) out.push(entry({ field: 'pattern', pattern, source }));
  return out;
}

/**
 * Applies an action to the conversation's plan under the ledger, checks the result against the ledger (whatever the
 * request said, the ledger's hard constraints hold), makes it the current plan and sends it as a `plan` event. A plan
 * with no meal at all is not shown: the caller tells the model what to relax.
 */
function commit(catalog: Catalog, ctx: ChefContext, action: PlanAction): { result: ActionResult; current: ChefPlan } | { noMeals: ReturnType<typeof noMeals> } {
  const before = ctx.plan;
  const result = applyPlanAction(catalog, ctx.ledger, before, action);
  if (mealCount(result.plan) === 0) return { noMeals: noMeals(result.plan, ctx.ledger) };
  try {
    assertPlanSafe(catalog, result.plan, safetyOf(inputFor(result.state, ctx.ledger)));
    assertPlanSafe(catalog, result.plan, safetyOf(planInputFromLedger(ctx.ledger)));
  } catch (err) {
    if (err instanceof PlanSafetyError) throw new UnsafePlanError(err);
    throw err;
  }
  const version = catalogVersion(catalog);
  const current: ChefPlan = {
    id: action.kind === 'create' ? null : (before?.id ?? null),
    version: action.kind === 'create' || !before ? 1 : before.version + 1,
    catalogVersion: version,
    state: result.state,
    plan: result.plan,
    label: result.label,
  };
  const event: AgentPlanEvent = {
    plan: result.plan,
    state: result.state,
    action,
    label: result.label,
    catalogVersion: version,
    base: action.kind === 'create' || !before ? null : { id: before.id, version: before.version },
    ...(result.swapped ? { swapped: result.swapped } : {}),
  };
  ctx.plan = current;
  ctx.emit('plan', event);
  return { result, current };
}

const mealCount = (plan: MealPlan) => plan.days.reduce((n, d) => n + d.meals.length, 0);

/** A plan with no meal at all is not shown as a plan: the model and the cook get what to relax instead. */
function noMeals(plan: MealPlan, ledger: ConstraintLedger) {
  return { noMeals: true, applied: appliedLine(ledger, plan.servings), unmet: plan.unmet };
}

function requirePlan(ctx: ChefContext): ChefPlan {
  if (!ctx.plan) throw new Error('There is no plan yet: call plan_meals first.');
  return ctx.plan;
}

export interface KitchenToolsOptions {
  catalog: Catalog;
}

// Tool schemas are built once: creating zod schemas per request showed up in the gateway benchmark's profile.
const searchRecipesSchema = z.object({
  query: z.string().max(200).optional(),
  ingredients: z.array(z.string().min(1).max(80)).max(30).optional(),
  maxMissing: z.number().int().min(0).max(10).optional(),
  mealType: z.enum(MEAL_TYPES).optional(),
  maxMinutes: z.number().int().min(5).max(600).optional(),
  limit: z.number().int().min(1).max(20).optional(),
});
/**
 * What the model is sent for change_plan: one object, `kind` and the fields of every kind, described in a line. The
 * union of eight objects it stands for (planChangeSchema) cost 1.3 KB on every model call and some OpenAI-compatible
 * servers refuse `oneOf`; each call is still checked against the union, and a call missing a field its kind needs gets
 * an error the model can act on.
 */
const CHANGE_KINDS = planChangeSchema.options.map((option) => option.shape.kind.value);
const flatChange = z.object({
  kind: z.enum(CHANGE_KINDS as [PlanChange['kind'], ...PlanChange['kind'][]]),
  ...Object.fromEntries(planChangeSchema.options.flatMap((option) => Object.entries(option.shape).filter(([name]) => name !== 'kind').map(([name, schema]) => [name, (schema as z.ZodType).optional()]))),
});
const changePlanSchema = z.object({ change: flatChange });
const groceryListSchema = z.object({
  units: z.enum(['metric', 'us']).optional(),
  have: z.array(z.string().min(1).max(80)).max(30).optional(),
});
const nutritionSchema = z.object({
  day: z.number().int().min(1).max(14).optional(),
  recipe: z.string().max(200).optional(),
});
// The household's diet and allergies come from the ledger; the model names only the ingredient.
const substitutesSchema = z.object({ ingredient: z.string().min(1).max(80) });

export function createKitchenToolFactory({ catalog: kitchen }: KitchenToolsOptions): ChefToolFactory {
  return (ctx: ChefContext) => {
    // The request's catalog: the kitchen's recipes and the cook's own (cookbook.ts).
    const catalog = ctx.cookbook?.catalog ?? kitchen;
    // Searches and substitutes keep to the household's hard constraints as plans do.
    const filter = () => {
      const input = planInputFromLedger(ctx.ledger);
      return { diet: input.diet, allergens: input.allergens, dislikes: input.dislikes, exclude: input.exclude, patterns: input.patterns };
    };

    const searchRecipesTool = tool(
      async ({ query, ingredients, maxMissing, mealType, maxMinutes, limit }) => {
        const base = { ...filter(), mealType, maxMinutes: maxMinutes ?? planInputFromLedger(ctx.ledger).maxMinutesPerMeal };
        if (ingredients && ingredients.length > 0) {
          const found = whatCanIMake(catalog, ingredients, { ...base, ...(maxMissing !== undefined ? { maxMissing } : {}), limit: limit ?? 8 });
          return JSON.stringify({
            mode: 'what-can-i-make',
            ingredients,
            results: found.map((f) => ({
              recipeId: f.recipe.id,
              title: f.recipe.title,
              uses: f.uses,
              notUsed: f.unused,
              coverage: round1(f.coverage * 100),
              have: f.have.map((id) => catalog.ingredientById.get(id)!.name),
              missing: f.missing.map((id) => catalog.ingredientById.get(id)!.name),
              minutes: f.recipe.totalMinutes,
              diet: f.recipe.diet,
            })),
          });
        }
        const found = searchRecipes(catalog, query ?? '', base, limit ?? 8);
        return JSON.stringify({
          mode: 'search',
          query: query ?? '',
          results: found.map(({ recipe }) => ({
            recipeId: recipe.id,
            title: recipe.title,
            cuisine: recipe.cuisine,
            mealTypes: recipe.mealTypes,
            minutes: recipe.totalMinutes,
            diet: recipe.diet,
            allergens: recipe.allergens,
            perServing: { kcal: round1(recipe.nutritionPerServing.kcal), proteinG: round1(recipe.nutritionPerServing.proteinG) },
          })),
        });
      },
      {
        name: 'search_recipes',
        description: 'Recipes within the household\'s limits, by `query` or by `ingredients` on hand (most used first; `maxMissing`: most to buy).',
        schema: searchRecipesSchema,
      },
    );

    const planMealsTool = tool(
      async (request) => {
        ctx.addConstraints(constraintsNamed(request).filter((e) => e.field !== 'diet' || !ctx.ledger.entries.some((held) => held.field === 'diet')));
        const done = commit(catalog, ctx, { kind: 'create', request });
        if ('noMeals' in done) return JSON.stringify(done.noMeals);
        return JSON.stringify(planSummary(done.current.plan, ctx.ledger, done.current.version, done.current.label));
      },
      {
        name: 'plan_meals',
        description: 'Make and show a new plan from real recipes (up to 14 days, 20 servings); the household\'s constraints always apply. Changes: change_plan.',
        schema: planRequestShapeSchema,
      },
    );

    const changePlanTool = tool(
      async (args) => {
        const checked = planChangeSchema.safeParse(args.change);
        if (!checked.success) throw new Error(`change does not fit its kind: ${z.prettifyError(checked.error)}`);
        const change = checked.data;
        requirePlan(ctx);
        const done = commit(catalog, ctx, change);
        if ('noMeals' in done) return JSON.stringify(done.noMeals);
        const { result, current } = done;
        return JSON.stringify({ action: change, ...(result.swapped ? { swapped: result.swapped } : {}), ...planSummary(current.plan, ctx.ledger, current.version, current.label) });
      },
      {
        name: 'change_plan',
        description: 'Change the current plan and show it, keeping locked and swapped meals. Kinds and fields: swap (day, slot, wanted?), lock (day, slot, locked), servings, days, meals, replan, ledger (after new constraints), pantry (have). Days 1-14, 1 = Monday.',
        schema: changePlanSchema,
      },
    );

    const groceryListTool = tool(
      async ({ units, have }) => {
        let current = requirePlan(ctx);
        // What the cook says they have belongs to the plan (a pantry note), so it holds for every later version too.
        if (have && have.length > 0) {
          const done = commit(catalog, ctx, { kind: 'pantry', have });
          if ('current' in done) current = done.current;
        }
        const grocery = groceryFor(catalog, current.plan, current.state, ctx.ledger, { units });
        ctx.emit('grocery', { grocery });
        return JSON.stringify({
          planId: current.plan.id,
          units: grocery.units,
          itemCount: grocery.itemCount,
          sections: grocery.sections.map((s) => ({ section: s.section, items: s.items.map((i) => `${i.name}: ${i.display}`) })),
          fromPantry: grocery.fromPantry.map((p) => p.name),
          ...(grocery.unmatched ? { asWritten: grocery.unmatched.map((u) => u.text) } : {}),
          assumedPantry: current.state.pantry,
        });
      },
      {
        name: 'grocery_list',
        description: 'Show the current plan\'s shopping list by store section; `have`: what the cook already has.',
        schema: groceryListSchema,
      },
    );

    const nutritionTool = tool(
      async ({ day, recipe }) => {
        if (recipe) {
          const found = catalog.recipeById.get(recipe) ?? searchRecipes(catalog, recipe, {}, 1)[0]?.recipe;
          if (!found) throw new Error(`No recipe matches "${recipe}"`);
          return JSON.stringify({ recipeId: found.id, title: found.title, servings: found.servings, perServing: roundNutrition(found.nutritionPerServing), allergens: found.allergens, diet: found.diet });
        }
        const { plan } = requirePlan(ctx);
        const days = day === undefined ? plan.days : plan.days.filter((d) => d.day === day);
        if (days.length === 0) throw new Error(`The plan has no day ${day}`);
        const summary = planSummary(plan, ctx.ledger);
        return JSON.stringify({
          planId: plan.id,
          perPersonPerDay: days.map((d) => ({ label: d.label, ...d.nutrition })),
          // One serving of each meal, so a question about one meal ("calories in Wednesday's dinner") is answered.
          perMeal: days.flatMap((d) => d.meals.map((m) => ({ day: d.day, label: d.label, slot: m.slot, title: m.title, kcal: m.nutrition.kcal, proteinG: m.nutrition.proteinG, carbsG: m.nutrition.carbsG, fatG: m.nutrition.fatG, fibreG: m.nutrition.fibreG }))),
          averagePerPersonPerDay: summary.averagePerPersonPerDay,
          targets: summary.checks.filter((c) => c.kind === 'target'),
        });
      },
      {
        name: 'nutrition',
        description: 'USDA nutrition per person per day of the current plan (or one `day`), or per serving of a `recipe` (id or title).',
        schema: nutritionSchema,
      },
    );

    const substitutesTool = tool(
      async ({ ingredient }) => {
        const original = findIngredient(catalog, ingredient);
        if (!original) throw new Error(`Unknown ingredient "${ingredient}"`);
        const held = filter();
        const answer = substitutesFor(catalog, original.id, {
          diet: held.diet,
          allergens: held.allergens ?? [],
          dislikes: held.dislikes,
          exclude: held.exclude,
          patterns: held.patterns,
        })!;
        return JSON.stringify({
          ingredient: original.name,
          role: answer.roleLabel ?? null,
          substitutes: answer.substitutes.map((s) => ({ name: s.ingredient.name, reason: s.reason, source: s.source })),
        });
      },
      {
        name: 'substitutes',
        description: 'Substitutes for an ingredient within the household\'s limits.',
        schema: substitutesSchema,
      },
    );

    return [searchRecipesTool, planMealsTool, changePlanTool, groceryListTool, nutritionTool, substitutesTool, saveRecipeTool(ctx)];
  };
}
