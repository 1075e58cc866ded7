import type { Ingredient } from '../../types';
import { ingredientsIn, n } from './define';

const dairy = ingredientsIn('Dairy & Eggs');
const canned = ingredientsIn('Canned & Jarred');

/**
 * Dairy and the plant milks a cook swaps for it. Labelling choices, conservative where a cook could be hurt:
 * - Oat milk carries `gluten`: most oat milks are not certified gluten-free and oats are commonly cross-contacted with
 *   wheat and barley. It does not carry `wheat`.
 * - Coconut is not a tree nut here: the FDA removed it from the tree-nut list in its 2025 food allergen guidance, and
 *   most tree-nut-allergic people tolerate it. Coconut products therefore carry no allergen.
 * FDC lists milk sugars a little above carbohydrate-by-difference for milk and cream; sugar is capped at carbohydrate
 * here so that sugar never exceeds carbs.
 */
export const DAIRY: readonly Ingredient[] = [
  dairy('milk', 'Whole milk', 171265, n(61, 3.15, 3.25, 1.87, 4.8, 0, 4.8, 43), { aliases: ['milk', 'cow milk', 'full-fat milk', "cow's milk", '2% milk', 'semi-skimmed milk'], allergens: ['milk'], animal: ['dairy'], density: 1.03 }),
  dairy('buttermilk', 'Buttermilk', 170876, n(40, 3.31, 0.88, 0.55, 4.79, 0, 4.79, 190), { aliases: ['cultured buttermilk'], allergens: ['milk'], animal: ['dairy'], density: 1.03 }),
  dairy('butter', 'Butter (salted)', 173410, n(717, 0.85, 81.11, 51.37, 0.06, 0, 0.06, 643), { aliases: ['salted butter'], allergens: ['milk'], animal: ['dairy'], density: 0.96 }),
  dairy('unsalted-butter', 'Unsalted butter', 173430, n(717, 0.85, 81.11, 51.37, 0.06, 0, 0.06, 11), { aliases: ['sweet butter'], allergens: ['milk'], animal: ['dairy'], density: 0.96 }),
  dairy('ghee', 'Ghee', 173412, n(876, 0.28, 99.48, 61.92, 0, 0, 0, 2), { aliases: ['clarified butter', 'butter oil'], allergens: ['milk'], animal: ['dairy'], density: 0.91 }),
  dairy('heavy-cream', 'Heavy cream', 170859, n(340, 2.84, 36.08, 23.03, 2.74, 0, 2.74, 27), { aliases: ['double cream', 'whipping cream', 'heavy whipping cream', 'cream'], allergens: ['milk'], animal: ['dairy'], density: 1.0 }),
  dairy('sour-cream', 'Sour cream', 171257, n(198, 2.44, 19.35, 10.14, 4.63, 0, 3.41, 31), { aliases: ['soured cream', 'creme fraiche', 'crème fraîche'], allergens: ['milk'], animal: ['dairy'], density: 0.97 }),
  dairy('cream-cheese', 'Cream cheese', 173418, n(342, 5.93, 34.24, 19.29, 4.07, 0, 3.21, 321), { aliases: ['soft cheese', 'philadelphia'], allergens: ['milk'], animal: ['dairy'], density: 0.97 }),
  dairy('yogurt', 'Plain yogurt', 171284, n(61, 3.47, 3.25, 2.1, 4.66, 0, 4.66, 46), { aliases: ['natural yogurt', 'yoghurt', 'plain yoghurt', 'curd', 'dahi'], allergens: ['milk'], animal: ['dairy'], density: 1.04 }),
  dairy('greek-yogurt', 'Greek yogurt (nonfat)', 170894, n(59, 10.19, 0.39, 0.12, 3.6, 0, 3.24, 36), { aliases: ['greek yoghurt', 'strained yogurt', 'skyr', 'nonfat greek yogurt', '0% greek yogurt'], allergens: ['milk'], animal: ['dairy'], density: 1.04 }),
  dairy('greek-yogurt-whole', 'Greek yogurt (whole milk)', 171304, n(97, 9, 5, 2.4, 3.98, 0, 3.98, 35), { aliases: ['full-fat greek yogurt', 'labneh'], allergens: ['milk'], animal: ['dairy'], density: 1.04 }),
  dairy('cottage-cheese', 'Cottage cheese', 172179, n(98, 11.12, 4.3, 1.72, 3.38, 0, 2.67, 364), { aliases: ['curd cheese'], allergens: ['milk'], animal: ['dairy'], density: 0.95 }),
  dairy('ricotta', 'Ricotta', 170851, n(174, 11.26, 12.98, 8.3, 3.04, 0, 0.27, 84), { aliases: ['ricotta cheese'], allergens: ['milk'], animal: ['dairy'], density: 1.05 }),
  dairy('cheddar', 'Cheddar', 173414, n(403, 24.9, 33.14, 21.09, 1.28, 0, 0.52, 621), { aliases: ['cheddar cheese', 'shredded cheese', 'grated cheese', 'monterey jack', 'colby'], allergens: ['milk'], animal: ['dairy'], density: 0.48, piece: [28, 'slice', 'whole'] }),
  dairy('mozzarella', 'Mozzarella', 170845, n(300, 22.17, 22.35, 13.15, 2.19, 0, 1.03, 627), { aliases: ['mozzarella cheese', 'fresh mozzarella', 'buffalo mozzarella', 'bocconcini'], allergens: ['milk'], animal: ['dairy'], density: 0.47, piece: [125, 'ball', 'halves'] }),
  dairy('parmesan', 'Parmesan', 170848, n(392, 35.75, 25.83, 16.41, 3.22, 0, 0.8, 1602), { aliases: ['parmigiano reggiano', 'parmigiano', 'grana padano', 'pecorino', 'pecorino romano'], allergens: ['milk'], animal: ['dairy'], density: 0.42 }),
  dairy('feta', 'Feta', 173420, n(264, 14.21, 21.28, 14.95, 4.09, 0, 4.09, 1116), { aliases: ['feta cheese', 'cotija', 'queso fresco'], allergens: ['milk'], animal: ['dairy'], density: 0.63 }),
  dairy('goat-cheese', 'Goat cheese', 173435, n(264, 18.52, 21.08, 14.58, 0.89, 0, 0.89, 368), { aliases: ['chevre', 'chèvre', 'soft goat cheese'], allergens: ['milk'], animal: ['dairy'], density: 0.6 }),
  dairy('gruyere', 'Gruyère', 171249, n(413, 29.81, 32.34, 18.91, 0.36, 0, 0.36, 336), { aliases: ['gruyere', 'comte', 'emmental', 'swiss cheese'], allergens: ['milk'], animal: ['dairy'], density: 0.45 }),
  dairy('soy-milk', 'Soy milk (unsweetened)', 175215, n(33, 2.86, 1.61, 0.21, 1.74, 0.4, 1, 37), { aliases: ['soya milk', 'soymilk', 'soy drink'], allergens: ['soy'], density: 1.03 }),
  dairy('almond-milk', 'Almond milk (unsweetened)', 174832, n(15, 0.59, 1.1, 0.09, 0.58, 0.2, 0, 72), { aliases: ['almond drink', 'almondmilk'], allergens: ['tree_nuts'], density: 1.03 }),
  // FDC SR Legacy has no generic oat milk: the figures are typical of unsweetened brands' labels and the fdcId is that
  // of the rolled oats it is made from. Gluten: see the note above.
  dairy('oat-milk', 'Oat milk (unsweetened)', 173904, n(48, 0.8, 2.75, 0.25, 5.1, 0.8, 2.3, 42), { aliases: ['oat drink', 'oatmilk'], allergens: ['gluten'], density: 1.03 }),
  canned('coconut-milk', 'Coconut milk (canned)', 170173, n(197, 2.02, 21.33, 18.92, 2.81, 0, 2, 13), { aliases: ['tinned coconut milk', 'coconut cream', 'full-fat coconut milk'], density: 0.97, piece: [400, 'can', 'halves'], soldAs: { name: 'can', pieces: 1 } }),
];
