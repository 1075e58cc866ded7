import { dietAllows, dietOfAnimalProducts, findIngredient, type Catalog } from './catalog';
import { familyIds, resolveExclusions, type Pattern } from './exclusions';
import { ROLE_LABEL } from './data/ingredient-roles';
import type { Allergen, CulinaryRole, Diet, Ingredient } from './types';

export interface SubstituteProfile {
  diet?: Diet;
  allergens?: readonly Allergen[];
  dislikes?: readonly string[];
  exclude?: readonly string[];
  patterns?: readonly Pattern[];
}

export interface Substitute {
  ingredient: Ingredient;
  /** Why it works. */
  reason: string;
  /** "curated" swaps are what cooks use; "similar" ones play the same culinary role, closest in nutrition. */
  source: 'curated' | 'similar';
}

/** Cook-proven swaps by role, by ingredient name words; resolved against the catalog, so absent names are skipped. */
const CURATED: ReadonlyArray<{ when: string[]; use: string[]; reason: string }> = [
  { when: ['milk', 'whole milk', 'cow milk'], use: ['oat milk', 'soy milk', 'almond milk', 'rice milk', 'coconut milk'], reason: 'plant milk works 1:1 in cooking and baking' },
  { when: ['butter'], use: ['olive oil', 'vegan butter', 'coconut oil', 'vegetable oil', 'canola oil'], reason: 'a fat that browns and carries flavour; use ¾ the amount of oil' },
  { when: ['egg'], use: ['flaxseed', 'chia seed', 'silken tofu', 'aquafaba', 'applesauce'], reason: '1 tbsp ground flax or chia + 3 tbsp water binds like one egg' },
  { when: ['peanut butter'], use: ['sunflower seed butter', 'tahini', 'almond butter', 'pumpkin seed'], reason: 'a seed butter gives the same richness' },
  { when: ['peanut', 'almond', 'cashew', 'walnut', 'pecan', 'pine nut', 'hazelnut', 'pistachio'], use: ['sunflower seed', 'pumpkin seed', 'toasted oat', 'roasted chickpea', 'hemp seed'], reason: 'seeds bring the crunch and fat of nuts' },
  { when: ['soy sauce', 'tamari'], use: ['coconut aminos', 'tamari', 'soy sauce', 'fish sauce'], reason: 'salty umami seasoning' },
  { when: ['pasta', 'spaghetti', 'penne', 'noodle', 'egg noodle'], use: ['rice noodle', 'gluten free pasta', 'chickpea pasta', 'zucchini', 'spaghetti squash', 'rice'], reason: 'a wheat-free base for the sauce' },
  { when: ['flour', 'all purpose flour', 'wheat flour'], use: ['gluten free flour', 'rice flour', 'oat flour', 'almond flour', 'chickpea flour'], reason: 'a wheat-free flour; blends work best for baking' },
  { when: ['flour', 'all purpose flour', 'wheat flour'], use: ['cornstarch'], reason: 'to thicken a sauce or gravy: half as much, stirred into cold water first' },
  { when: ['bread', 'tortilla', 'flour tortilla', 'pita'], use: ['corn tortilla', 'gluten free bread', 'rice cake', 'lettuce'], reason: 'a wheat-free wrap or base' },
  { when: ['couscous', 'bulgur', 'barley', 'farro'], use: ['quinoa', 'rice', 'millet', 'buckwheat'], reason: 'a gluten-free grain that cooks the same way' },
  { when: ['cheese', 'parmesan', 'cheddar', 'feta', 'mozzarella'], use: ['nutritional yeast', 'vegan cheese', 'tofu', 'avocado'], reason: 'savoury, creamy or salty like cheese' },
  { when: ['yogurt', 'greek yogurt', 'sour cream'], use: ['coconut yogurt', 'soy yogurt', 'silken tofu', 'cashew cream'], reason: 'a tangy, creamy dairy-free swap' },
  { when: ['cream', 'heavy cream'], use: ['coconut milk', 'coconut cream', 'cashew cream', 'oat milk'], reason: 'rich and creamy without dairy' },
  { when: ['chicken', 'chicken breast', 'chicken thigh', 'turkey'], use: ['tofu', 'tempeh', 'chickpea', 'seitan', 'jackfruit'], reason: 'a plant protein that takes on the same seasoning' },
  { when: ['beef', 'ground beef', 'pork', 'lamb', 'sausage'], use: ['lentil', 'tempeh', 'mushroom', 'black bean', 'textured vegetable protein'], reason: 'a hearty, meaty texture' },
  { when: ['salmon', 'tuna', 'cod', 'shrimp', 'prawn', 'fish'], use: ['tofu', 'chickpea', 'white bean', 'hearts of palm', 'tempeh'], reason: 'a mild protein for fish dishes' },
  { when: ['fish sauce'], use: ['soy sauce', 'coconut aminos', 'miso'], reason: 'salty umami without fish' },
  { when: ['honey'], use: ['maple syrup', 'agave', 'brown sugar'], reason: 'a liquid sweetener; vegan' },
  { when: ['tahini', 'sesame oil', 'sesame seed'], use: ['sunflower seed butter', 'olive oil', 'pumpkin seed'], reason: 'sesame-free richness' },
  { when: ['tofu', 'tempeh', 'edamame', 'soy milk', 'miso'], use: ['chickpea', 'white bean', 'lentil', 'seitan', 'oat milk'], reason: 'a soy-free protein or base' },
  { when: ['mayonnaise'], use: ['vegan mayonnaise', 'greek yogurt', 'avocado', 'hummus'], reason: 'creamy binder' },
  { when: ['breadcrumb', 'panko'], use: ['rolled oat', 'crushed corn flake', 'almond flour', 'gluten free breadcrumb'], reason: 'a crunchy coating' },
];

/** Is this ingredient allowed by the profile's allergens, diet and dislikes? */
export function ingredientAllowed(catalog: Catalog, ingredient: Ingredient, profile: SubstituteProfile): boolean {
  if (ingredient.allergens.some((a) => profile.allergens?.includes(a))) return false;
  if (!dietAllows(profile.diet ?? 'omnivore', dietOfAnimalProducts(ingredient.animal))) return false;
  for (const d of profile.dislikes ?? []) if (familyIds(catalog, d).includes(ingredient.id)) return false;
  if ((profile.exclude?.length ?? 0) > 0 || (profile.patterns?.length ?? 0) > 0) {
    if (resolveExclusions(catalog, profile.exclude ?? [], profile.patterns ?? []).ids.has(ingredient.id)) return false;
  }
  return true;
}

function macroVector(i: Ingredient): number[] {
  const n = i.per100g;
  const total = n.proteinG + n.fatG + n.carbsG || 1;
  return [n.proteinG / total, n.fatG / total, n.carbsG / total];
}

function distance(a: number[], b: number[]): number {
  return Math.hypot(...a.map((x, i) => x - b[i]!));
}

export interface SubstituteAnswer {
  original: Ingredient;
  /** The original's culinary role, when the catalog knows it: every non-curated suggestion shares it. */
  role?: CulinaryRole;
  roleLabel?: string;
  substitutes: Substitute[];
}

/**
 * Substitutes for an ingredient that are safe for the profile: curated swaps first (by what the ingredient is), then
 * other ingredients of the same culinary role, closest in protein/fat/carb balance first. Nutrition only ranks within a
 * role: it never reaches into another one (granulated sugar has a flour-like balance, and is no flour). An empty list
 * means nothing in the catalog both plays the role and fits the profile. Never returns an ingredient carrying a
 * forbidden allergen, an animal product the diet excludes, or a dislike.
 */
export function substitutesFor(catalog: Catalog, ingredientIdOrName: string, profile: SubstituteProfile = {}, limit = 5): SubstituteAnswer | null {
  const original = catalog.ingredientById.get(ingredientIdOrName) ?? findIngredient(catalog, ingredientIdOrName);
  if (!original) return null;
  const out: Substitute[] = [];
  const seen = new Set<string>([original.id]);
  const names = catalog.namesByIngredientId.get(original.id) ?? [];
  // An exact name match ("peanut butter") beats a head-word match ("butter" in "peanut butter", "salmon" in "salmon fillet").
  const exactRules = CURATED.filter((rule) => rule.when.some((w) => names.includes(w)));
  const rules = exactRules.length > 0 ? exactRules : CURATED.filter((rule) => rule.when.some((w) => names.some((n) => n.startsWith(`${w} `) || n.endsWith(` ${w}`))));
  for (const rule of rules) {
    for (const term of rule.use) {
      const candidate = findIngredient(catalog, term);
      if (!candidate || seen.has(candidate.id)) continue;
      seen.add(candidate.id);
      if (!ingredientAllowed(catalog, candidate, profile)) continue;
      out.push({ ingredient: candidate, reason: rule.reason, source: 'curated' });
    }
  }
  const role = original.role;
  if (!role) return { original, substitutes: out.slice(0, limit) };
  const roleLabel = ROLE_LABEL[role];
  const target = macroVector(original);
  const similar = catalog.ingredients
    .filter((i) => !seen.has(i.id) && i.role === role && ingredientAllowed(catalog, i, profile))
    .map((i) => ({ i, d: distance(macroVector(i), target) + Math.abs(i.per100g.kcal - original.per100g.kcal) / 2000 }))
    .sort((a, b) => a.d - b.d || (a.i.id < b.i.id ? -1 : 1));
  for (const { i } of similar) {
    if (out.length >= limit) break;
    out.push({ ingredient: i, reason: `another ${roleLabel}, the closest in protein/fat/carb balance`, source: 'similar' });
  }
  return { original, role, roleLabel, substitutes: out.slice(0, limit) };
}

/** `substitutesFor`, as a list; empty when the ingredient is unknown. */
export function substitutes(catalog: Catalog, ingredientIdOrName: string, profile: SubstituteProfile = {}, limit = 5): Substitute[] {
  return substitutesFor(catalog, ingredientIdOrName, profile, limit)?.substitutes ?? [];
}
