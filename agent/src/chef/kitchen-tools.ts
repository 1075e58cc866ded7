/**
 * The kitchen as LangChain tools. Every tool is stateless: a plan is named by its request (or the `planRef` a plan
 * tool returned) and recomputed deterministically. Plans and grocery lists reach the client as `plan` / `grocery` SSE
 * events only after `assertPlanSafe` has re-checked every meal against the cook's allergens, diet and dislikes; the
 * model gets compact JSON back.
 */
import { tool } from '@langchain/core/tools';
import { z } from 'zod';
import { findIngredient, findIngredientIds, roundNutrition, wantedIngredientIds, type Catalog } from '@chef-chopsky/kitchen/catalog';
import { groceryList, neededGramsByIngredient } from '@chef-chopsky/kitchen/grocery';
import type { MealPlan, PlanInput } from '@chef-chopsky/kitchen/plan-types';
import { swapMeal } from '@chef-chopsky/kitchen/planner';
import { appliedLine } from '@chef-chopsky/kitchen/ledger/format';
import { entry } from '@chef-chopsky/kitchen/ledger/merge';
import { planInputFromLedger } from '@chef-chopsky/kitchen/ledger/plan-input';
import type { ConstraintLedger, LedgerEntry } from '@chef-chopsky/kitchen/ledger/types';
import { assertPlanSafe, PlanSafetyError, type SafetyProfile } from '@chef-chopsky/kitchen/safety';
import { searchRecipes, whatCanIMake } from '@chef-chopsky/kitchen/search';
import { substitutesFor } from '@chef-chopsky/kitchen/substitutes';
import { MEAL_TYPES } from '@chef-chopsky/kitchen/types';
import { decodePlanRef, encodePlanRef, planForRequest, planRequestSchema, type PlanRequest, stricterDiet, swapSchema } from './kitchen-request';
import { saveRecipeTool } from './tools/save-recipe';
import type { ChefContext, ChefToolFactory } from './types';

export const KITCHEN_TOOL_NAMES = ['search_recipes', 'plan_meals', 'swap_meal', 'grocery_list', 'nutrition', 'substitutes', 'save_recipe'] as const;

const planHandle = {
  planRef: z.string().max(4000).optional().describe('The planRef a plan tool returned'),
  request: planRequestSchema.optional().describe('Or the plan request itself (with swaps so far)'),
};

function requestFrom(args: { planRef?: string | undefined; request?: PlanRequest | undefined }): PlanRequest {
  if (args.planRef) {
    const decoded = decodePlanRef(args.planRef);
    if (!decoded) throw new Error('planRef is not valid; call plan_meals again');
    return decoded;
  }
  if (args.request) return args.request;
  throw new Error('Give planRef (from plan_meals) or request');
}

const round1 = (n: number) => Math.round(n * 10) / 10;

/** What the model sees of a plan: enough to describe it, without ingredient lists or steps. */
export function planSummary(plan: MealPlan, request: PlanRequest, ledger?: ConstraintLedger) {
  const n = plan.days.length || 1;
  const avg = (k: 'kcal' | 'proteinG' | 'carbsG' | 'fatG' | 'fibreG' | 'sodiumMg') => round1(plan.days.reduce((s, d) => s + d.nutrition[k], 0) / n);
  return {
    planRef: encodePlanRef(request),
    planId: plan.id,
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
        minutes: m.prepMinutes + m.cookMinutes,
        ...(m.leftoverOf ? { leftoverOf: m.leftoverOf } : {}),
        ...(m.cookServings > m.servings ? { cookServings: m.cookServings } : {}),
        ...(m.wanted ? { wanted: m.wanted } : {}),
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
function constraintsNamed(request: Pick<PlanRequest, 'allergens' | 'diet' | 'dislikes' | 'exclude' | 'patterns'>): LedgerEntry[] {
  const source = { kind: 'model' as const };
  const out: LedgerEntry[] = [];
  for (const allergen of request.allergens ?? []) out.push(entry({ field: 'allergen', allergen, source }));
  if (request.diet && request.diet !== 'omnivore') out.push(entry({ field: 'diet', diet: request.diet, source }));
  for (const term of request.dislikes ?? []) out.push(entry({ field: 'dislike', term: term.toLowerCase(), source }));
  for (const term of request.exclude ?? []) out.push(entry({ field: 'exclude', term: term.toLowerCase(), source }));
  for (const pattern of request.patterns ?? []) out.push(entry({ field: 'pattern', pattern, source }));
  return out;
}

function checkedPlan(catalog: Catalog, request: PlanRequest, ctx: ChefContext): { plan: MealPlan; input: PlanInput } {
  ctx.addConstraints(constraintsNamed(request).filter((e) => e.field !== 'diet' || !ctx.ledger.entries.some((held) => held.field === 'diet')));
  const result = planForRequest(catalog, request, ctx.ledger);
  try {
    assertPlanSafe(catalog, result.plan, safetyOf(result.input));
    // The ledger itself, too: planInputFor only tightens it, and this keeps that promise checked where it matters.
    assertPlanSafe(catalog, result.plan, safetyOf(planInputFromLedger(ctx.ledger)));
  } catch (err) {
    if (err instanceof PlanSafetyError) throw new UnsafePlanError(err);
    throw err;
  }
  return result;
}

const mealCount = (plan: MealPlan) => plan.days.reduce((n, d) => n + d.meals.length, 0);

/** A plan with no meal at all is not shown as a plan: the model and the cook get what to relax instead. */
function noMeals(plan: MealPlan, ledger: ConstraintLedger) {
  return { noMeals: true, applied: appliedLine(ledger, plan.servings), unmet: plan.unmet };
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
const swapMealSchema = z.object({ ...planHandle, ...swapSchema.shape });
const groceryListSchema = z.object({
  ...planHandle,
  units: z.enum(['metric', 'us']).optional(),
  pantry: z
    .array(z.union([z.string().min(1).max(80), z.object({ name: z.string().min(1).max(80), quantity: z.number().positive().optional(), unit: z.enum(['g', 'kg', 'oz', 'lb', 'ml', 'l', 'tsp', 'tbsp', 'cup', 'piece']).optional() })]))
    .max(100)
    .optional(),
});
const nutritionSchema = z.object({ ...planHandle, recipe: z.string().max(200).optional() });
const substitutesSchema = z.object({
  ingredient: z.string().min(1).max(80),
  diet: planRequestSchema.shape.diet,
  allergens: planRequestSchema.shape.allergens,
});

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
          const found = whatCanIMake(catalog, ingredients, { ...base, maxMissing: maxMissing ?? 2, limit: limit ?? 8 });
          return JSON.stringify({
            mode: 'what-can-i-make',
            ingredients,
            results: found.map((f) => ({
              recipeId: f.recipe.id,
              title: f.recipe.title,
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
        description:
          'Find recipes that fit the cook\'s diet and allergies. Give `query` for free-text search, or `ingredients` (what the cook has) for "what can I make with ...", ranked by how many of the recipe\'s ingredients they have.',
        schema: searchRecipesSchema,
      },
    );

    const planMealsTool = tool(
      async (request) => {
        const { plan } = checkedPlan(catalog, request, ctx);
        if (mealCount(plan) === 0) return JSON.stringify(noMeals(plan, ctx.ledger));
        ctx.emit('plan', { plan });
        return JSON.stringify(planSummary(plan, request, ctx.ledger));
      },
      {
        name: 'plan_meals',
        description:
          'Plan meals for some days from real recipes; the cook\'s profile (household, diet, allergies, dislikes, pantry, time, targets) is applied automatically. Shows the plan to the cook. Returns a summary and a planRef: keep it, and to refer to this plan later put the line "[//]: # (chopsky-plan <planRef>)" at the end of your reply.',
        schema: planRequestSchema,
      },
    );

    const swapMealTool = tool(
      async ({ planRef, request, day, slot, wanted }) => {
        const base = requestFrom({ planRef, request });
        const before = checkedPlan(catalog, base, ctx);
        const old = before.plan.days.find((d) => d.day === day)?.meals.find((m) => m.slot === slot);
        if (!old) throw new Error(`The plan has no ${slot} on day ${day}`);
        const asked = wanted ?? [];
        const next: PlanRequest = { ...base, swaps: [...(base.swaps ?? []), { day, slot, ...(asked.length > 0 ? { wanted: asked } : {}) }] };
        const swapped = swapMeal(catalog, before.input, day, slot, before.plan, asked);
        const { plan } = checkedPlan(catalog, next, ctx);
        if (plan.id !== swapped.plan.id) throw new Error('swap did not replay deterministically');
        ctx.emit('plan', { plan });
        const now = plan.days.find((d) => d.day === day)!.meals.find((m) => m.slot === slot);
        const nowIds = new Set(now ? catalog.recipeById.get(now.recipeId)?.ingredientIds : []);
        const has = asked.filter((term) => wantedIngredientIds(catalog, term).some((id) => nowIds.has(id)));
        const missing = asked.filter((term) => !has.includes(term));
        const label = before.plan.days[day - 1]!.label;
        return JSON.stringify({ swapped: { day, slot, label, from: old.title, to: now?.title ?? null, ...(asked.length > 0 ? { has, missing } : {}) }, ...planSummary(plan, next, ctx.ledger) });
      },
      {
        name: 'swap_meal',
        description: 'Swap one meal of a plan for a different recipe, keeping every other meal; `wanted` asks the new meal to have one of those ingredients (reported back as `has` and `missing`). Shows the new plan. Day is 1-based (Monday is day 1).',
        schema: swapMealSchema,
      },
    );

    const groceryListTool = tool(
      async ({ planRef, request, units, pantry }) => {
        const req = requestFrom({ planRef, request });
        const { plan, input } = checkedPlan(catalog, req, ctx);
        // What the cook said they have (profile pantry, "I have kale…") is not bought again; a quantity, when given, is
        // subtracted instead. A word the cook said to use up in this chat that names an ingredient ("chicken", chicken
        // thigh) also covers the same kind the plan cooks (the breasts it counted as using it up). Profile pantry
        // staples and words that only name a family ("beans") stay as they are: "beans" is not the green beans.
        const cooked = neededGramsByIngredient(plan);
        const usedUp = (input.useUp ?? []).flatMap((term) => {
          if (findIngredientIds(catalog, term, 'exact').length === 0) return [term];
          const ids = wantedIngredientIds(catalog, term).filter((id) => cooked.has(id));
          return ids.length > 0 ? ids : [term];
        });
        const have = [...(pantry ?? []), ...usedUp];
        const ledgerUnits = ctx.ledger.entries.find((e) => e.field === 'units');
        const grocery = groceryList(catalog, plan, { units: units ?? (ledgerUnits?.field === 'units' ? ledgerUnits.units : undefined) ?? 'metric', pantry: have });
        ctx.emit('grocery', { grocery });
        return JSON.stringify({
          planId: plan.id,
          units: grocery.units,
          itemCount: grocery.itemCount,
          sections: grocery.sections.map((s) => ({ section: s.section, items: s.items.map((i) => `${i.name}: ${i.display}`) })),
          fromPantry: grocery.fromPantry.map((p) => p.name),
          ...(grocery.unmatched ? { asWritten: grocery.unmatched.map((u) => u.text) } : {}),
        });
      },
      {
        name: 'grocery_list',
        description: 'The shopping list for a plan: quantities merged across recipes and units, grouped by store section. `pantry` lists what the cook already has (names, or name + quantity + unit); the profile pantry and the plan\'s use-up items count as had. Shows the list to the cook.',
        schema: groceryListSchema,
      },
    );

    const nutritionTool = tool(
      async ({ planRef, request, recipe }) => {
        if (recipe) {
          const found = catalog.recipeById.get(recipe) ?? searchRecipes(catalog, recipe, {}, 1)[0]?.recipe;
          if (!found) throw new Error(`No recipe matches "${recipe}"`);
          return JSON.stringify({ recipeId: found.id, title: found.title, servings: found.servings, perServing: roundNutrition(found.nutritionPerServing), allergens: found.allergens, diet: found.diet });
        }
        const req = requestFrom({ planRef, request });
        const { plan } = checkedPlan(catalog, req, ctx);
        const summary = planSummary(plan, req, ctx.ledger);
        return JSON.stringify({
          planId: plan.id,
          perPersonPerDay: plan.days.map((d) => ({ label: d.label, ...d.nutrition })),
          averagePerPersonPerDay: summary.averagePerPersonPerDay,
          targets: summary.checks.filter((c) => c.kind === 'target'),
        });
      },
      {
        name: 'nutrition',
        description: 'Nutrition computed from USDA ingredient data: per person per day for a plan (planRef or request), or per serving for one recipe (id or title).',
        schema: nutritionSchema,
      },
    );

    const substitutesTool = tool(
      async ({ ingredient, diet, allergens }) => {
        const original = findIngredient(catalog, ingredient);
        if (!original) throw new Error(`Unknown ingredient "${ingredient}"`);
        const held = filter();
        const answer = substitutesFor(catalog, original.id, {
          diet: stricterDiet(diet, held.diet),
          allergens: [...new Set([...(held.allergens ?? []), ...(allergens ?? [])])],
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
        description: 'Safe substitutes for an ingredient, respecting the cook\'s allergies, diet and dislikes.',
        schema: substitutesSchema,
      },
    );

    return [searchRecipesTool, planMealsTool, swapMealTool, groceryListTool, nutritionTool, substitutesTool, saveRecipeTool(ctx)];
  };
}
