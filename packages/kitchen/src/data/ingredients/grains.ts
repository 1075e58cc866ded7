import type { Ingredient } from '../../types';
import { ingredientsIn, n } from './define';

const grains = ingredientsIn('Grains & Pasta');
const bakery = ingredientsIn('Bakery');
const baking = ingredientsIn('Baking');

/**
 * Grains and pasta are dry weights as bought, except cooked rice (for fried rice and leftovers).
 * Gluten: wheat (and spelt, farro, bulgur, couscous), barley and rye carry it. Regular oats also carry `gluten`
 * (conservative: in North America and Europe they are routinely cross-contacted with wheat and barley); only oats sold
 * as certified gluten-free are free of it, so they are a separate ingredient.
 */
export const GRAINS_AND_PASTA: readonly Ingredient[] = [
  grains('white-rice', 'White rice (dry)', 169756, n(365, 7.13, 0.66, 0.18, 79.95, 1.3, 0.12, 5), { aliases: ['rice', 'long-grain rice', 'basmati rice', 'jasmine rice', 'sushi rice', 'arborio rice', 'risotto rice', 'short-grain rice'], density: 0.78 }),
  grains('brown-rice', 'Brown rice (dry)', 169703, n(367, 7.54, 3.2, 0.64, 76.25, 3.6, 0.85, 7), { aliases: ['wholegrain rice', 'brown basmati'], density: 0.78 }),
  // Shopped as dry rice: boiling only adds water, so dry per cooked is the solids of FDC 169757 (68.44 g water per
  // 100 g) over those of 169756 (11.62 g): 31.56 / 88.38 = 0.357 g dry per g cooked, a 2.8× yield by weight. With the
  // densities here a cup of dry rice makes 3.3 cups cooked, in line with the 3 to 3¼ cups USDA Foods fact sheets give.
  grains('cooked-rice', 'Cooked white rice', 169757, n(130, 2.69, 0.28, 0.08, 28.17, 0.4, 0.05, 1), { aliases: ['leftover rice', 'steamed rice', 'day-old rice'], density: 0.66, shopAs: { ingredientId: 'white-rice', factor: 0.357 } }),
  grains('quinoa', 'Quinoa (dry)', 168874, n(368, 14.12, 6.07, 0.71, 64.16, 7, 0, 5), { aliases: ['white quinoa', 'red quinoa', 'tricolor quinoa'], density: 0.72 }),
  grains('rolled-oats', 'Rolled oats', 173904, n(379, 13.15, 6.52, 1.11, 67.7, 10.1, 0.99, 6), { aliases: ['oats', 'oatmeal', 'porridge oats', 'old-fashioned oats', 'quick oats'], allergens: ['gluten'], density: 0.34 }),
  grains('gluten-free-oats', 'Certified gluten-free rolled oats', 173904, n(379, 13.15, 6.52, 1.11, 67.7, 10.1, 0.99, 6), { aliases: ['gf oats', 'gluten free oats'], density: 0.34 }),
  grains('steel-cut-oats', 'Steel-cut oats', 173904, n(379, 13.15, 6.52, 1.11, 67.7, 10.1, 0.99, 6), { aliases: ['pinhead oats', 'irish oats'], allergens: ['gluten'], density: 0.68 }),
  grains('bulgur', 'Bulgur wheat', 170688, n(342, 12.29, 1.33, 0.23, 75.87, 12.5, 0.41, 17), { aliases: ['bulgar', 'burghul', 'cracked wheat'], allergens: ['wheat', 'gluten'], density: 0.59 }),
  grains('couscous', 'Couscous (dry)', 169699, n(376, 12.76, 0.64, 0.12, 77.43, 5, 0, 10), { aliases: ['pearl couscous', 'israeli couscous'], allergens: ['wheat', 'gluten'], density: 0.73 }),
  grains('farro', 'Farro (spelt)', 169745, n(338, 14.57, 2.43, 0.41, 70.19, 10.7, 6.82, 8), { aliases: ['spelt', 'emmer', 'wheat berries'], allergens: ['wheat', 'gluten'], density: 0.8 }),
  grains('pearl-barley', 'Pearl barley', 170284, n(352, 9.91, 1.16, 0.24, 77.72, 15.6, 0.8, 9), { aliases: ['barley', 'pearled barley'], allergens: ['gluten'], density: 0.85 }),
  grains('millet', 'Millet', 169702, n(378, 11.02, 4.22, 0.72, 72.85, 8.5, 0, 5), { aliases: ['hulled millet'], density: 0.85 }),
  grains('buckwheat', 'Buckwheat groats', 170685, n(346, 11.73, 2.71, 0.59, 74.95, 10.3, 0, 11), { aliases: ['kasha', 'buckwheat'], density: 0.7 }),
  grains('polenta', 'Polenta (cornmeal)', 169696, n(370, 7.11, 1.75, 0.22, 79.45, 3.9, 0.64, 3), { aliases: ['cornmeal', 'corn grits', 'grits', 'maize meal'], density: 0.67 }),
  grains('pasta', 'Dried pasta', 168927, n(371, 13.04, 1.51, 0.28, 74.67, 3.2, 2.67, 6), { aliases: ['spaghetti', 'penne', 'fusilli', 'macaroni', 'linguine', 'rigatoni', 'orzo', 'lasagna sheets', 'farfalle', 'pasta shells', 'tagliatelle'], allergens: ['wheat', 'gluten'], density: 0.42 }),
  grains('whole-wheat-pasta', 'Whole-wheat pasta', 169738, n(352, 14.63, 2.93, 0.5, 71.31, 9.2, 2.7, 6), { aliases: ['wholewheat spaghetti', 'wholemeal pasta'], allergens: ['wheat', 'gluten'], density: 0.42 }),
  // Made of rice flour; sold beside wheat pasta, but read labels for shared lines.
  grains('gluten-free-pasta', 'Gluten-free pasta (rice)', 169742, n(364, 5.95, 0.56, 0.15, 80.18, 1.6, 0.12, 182), { aliases: ['gf pasta', 'rice pasta', 'brown rice pasta'], density: 0.42 }),
  grains('egg-noodles', 'Egg noodles', 169731, n(384, 14.16, 4.44, 0.93, 71.27, 3.3, 1.92, 21), { aliases: ['lo mein noodles', 'chow mein noodles', 'egg pasta'], allergens: ['wheat', 'gluten', 'egg'], animal: ['egg'], density: 0.38 }),
  grains('rice-noodles', 'Rice noodles', 169742, n(364, 5.95, 0.56, 0.15, 80.18, 1.6, 0.12, 182), { aliases: ['rice vermicelli', 'pad thai noodles', 'rice sticks', 'pho noodles', 'flat rice noodles'], density: 0.38 }),
  // Most soba is wheat and buckwheat; 100% buckwheat soba is rare.
  grains('soba', 'Soba noodles', 168906, n(336, 14.38, 0.71, 0.14, 74.62, 0, 0, 792), { aliases: ['buckwheat noodles'], allergens: ['wheat', 'gluten'], density: 0.38 }),
  grains('wheat-noodles', 'Wheat noodles', 168908, n(356, 11.35, 0.81, 0.11, 74.1, 4.3, 0, 1840), { aliases: ['udon', 'somen', 'ramen noodles', 'chinese noodles', 'noodles'], allergens: ['wheat', 'gluten'], density: 0.38 }),
];

/** Bread and wraps; a slice or a piece is the unit a cook counts. */
export const BAKERY: readonly Ingredient[] = [
  bakery('bread', 'Sourdough bread', 172675, n(272, 10.75, 2.42, 0.52, 51.88, 2.2, 2.2, 602), { aliases: ['sourdough', 'white bread', 'french bread', 'baguette', 'ciabatta', 'crusty bread', 'country bread'], allergens: ['wheat', 'gluten'], piece: [50, 'slice', 'whole'] }),
  bakery('whole-wheat-bread', 'Whole-wheat bread', 172688, n(252, 12.45, 3.5, 0.72, 42.7, 6, 5.57, 455), { aliases: ['wholemeal bread', 'wholegrain bread', 'brown bread', 'sandwich bread', 'toast'], allergens: ['wheat', 'gluten'], piece: [32, 'slice', 'whole'] }),
  bakery('gluten-free-bread', 'Gluten-free bread', 174100, n(248, 4.3, 5.2, 0.8, 45.8, 4.3, 3.6, 550), { aliases: ['gf bread'], piece: [30, 'slice', 'whole'] }),
  bakery('pita', 'Pita bread', 174915, n(275, 9.1, 1.2, 0.17, 55.7, 2.2, 1.3, 536), { aliases: ['pitta', 'flatbread', 'naan', 'lavash'], allergens: ['wheat', 'gluten'], piece: [60, 'pita', 'whole'] }),
  bakery('flour-tortilla', 'Flour tortilla', 173242, n(306, 8.2, 8.05, 2, 49.6, 3.5, 2.3, 736), { aliases: ['wrap', 'tortilla wrap', 'burrito tortilla', 'wheat tortilla'], allergens: ['wheat', 'gluten'], piece: [45, 'tortilla', 'whole'] }),
  bakery('corn-tortilla', 'Corn tortilla', 175036, n(218, 5.7, 2.85, 0.39, 44.64, 6.3, 0.88, 45), { aliases: ['taco shells', 'soft corn tortilla', 'tostada'], piece: [26, 'tortilla', 'whole'] }),
  bakery('burger-bun', 'Burger bun', 172796, n(279, 9.5, 3.9, 0.9, 49.5, 1.9, 5.4, 479), { aliases: ['hamburger bun', 'bread roll', 'brioche bun', 'hot dog bun'], allergens: ['wheat', 'gluten'], piece: [44, 'bun', 'whole'] }),
  bakery('breadcrumbs', 'Breadcrumbs', 174928, n(395, 13.35, 5.3, 1.2, 71.98, 4.5, 6.2, 732), { aliases: ['panko', 'dried breadcrumbs', 'bread crumbs'], allergens: ['wheat', 'gluten'], density: 0.46 }),
];

export const BAKING: readonly Ingredient[] = [
  baking('flour', 'All-purpose flour', 169761, n(364, 10.33, 0.98, 0.16, 76.31, 2.7, 0.27, 2), { aliases: ['plain flour', 'white flour', 'bread flour', 'wheat flour', 'maida'], allergens: ['wheat', 'gluten'], density: 0.53 }),
  baking('whole-wheat-flour', 'Whole-wheat flour', 168944, n(340, 13.21, 2.5, 0.43, 71.97, 10.7, 0.41, 2), { aliases: ['wholemeal flour', 'atta', 'chapati flour'], allergens: ['wheat', 'gluten'], density: 0.51 }),
  baking('almond-flour', 'Almond flour', 170158, n(590, 21.4, 52.52, 3.97, 18.67, 9.9, 4.63, 19), { aliases: ['ground almonds', 'almond meal'], allergens: ['tree_nuts'], density: 0.4 }),
  baking('chickpea-flour', 'Chickpea flour', 174288, n(387, 22.39, 6.69, 0.69, 57.82, 10.8, 10.85, 64), { aliases: ['gram flour', 'besan', 'garbanzo flour'], density: 0.39 }),
  baking('cornstarch', 'Cornstarch', 169698, n(381, 0.26, 0.05, 0.01, 91.27, 0.9, 0, 9), { aliases: ['cornflour', 'corn starch', 'potato starch', 'arrowroot'], density: 0.51 }),
  baking('vital-wheat-gluten', 'Vital wheat gluten', 168145, n(370, 75.16, 1.85, 0.27, 13.79, 0.6, 0, 29), { aliases: ['gluten flour'], allergens: ['wheat', 'gluten'], density: 0.6 }),
  baking('baking-powder', 'Baking powder', 172805, n(53, 0, 0, 0, 27.7, 0.2, 0, 10600), { aliases: ['double-acting baking powder'], density: 0.9 }),
  baking('baking-soda', 'Baking soda', 175040, n(0, 0, 0, 0, 0, 0, 0, 27360), { aliases: ['bicarbonate of soda', 'bicarb', 'sodium bicarbonate'], density: 0.96 }),
  baking('yeast', 'Active dry yeast', 175043, n(325, 40.44, 7.61, 1, 41.22, 26.9, 0, 51), { aliases: ['dried yeast', 'instant yeast'], density: 0.8 }),
  baking('sugar', 'Granulated sugar', 169655, n(387, 0, 0, 0, 99.98, 0, 99.8, 1), { aliases: ['white sugar', 'caster sugar', 'sugar'], density: 0.85 }),
  baking('brown-sugar', 'Brown sugar', 168833, n(380, 0.12, 0, 0, 98.09, 0, 97.02, 28), { aliases: ['light brown sugar', 'dark brown sugar', 'coconut sugar', 'palm sugar', 'jaggery'], density: 0.93 }),
  baking('honey', 'Honey', 169640, n(304, 0.3, 0, 0, 82.4, 0.2, 82.12, 4), { aliases: ['runny honey', 'raw honey'], animal: ['honey'], density: 1.42 }),
  baking('maple-syrup', 'Maple syrup', 169661, n(260, 0.04, 0.06, 0.01, 67.04, 0, 60.46, 12), { aliases: ['pure maple syrup', 'agave', 'agave syrup', 'agave nectar'], density: 1.32 }),
  baking('cocoa-powder', 'Cocoa powder', 169593, n(228, 19.6, 13.7, 8.07, 57.9, 37, 1.75, 21), { aliases: ['unsweetened cocoa', 'cacao powder'], density: 0.36 }),
  // Plain dark chocolate has no milk, but it is nearly always made on lines shared with milk chocolate and uses soy
  // lecithin: labelled milk and soy (allergen), while its animal products stay none.
  baking('dark-chocolate', 'Dark chocolate (70-85%)', 170273, n(598, 7.79, 42.63, 24.49, 45.9, 10.9, 23.99, 20), { aliases: ['chocolate', 'chocolate chips', 'bittersweet chocolate', 'dark chocolate chips'], allergens: ['milk', 'soy'], density: 0.6 }),
  baking('vanilla-extract', 'Vanilla extract', 173471, n(288, 0.06, 0.06, 0.01, 12.65, 0, 12.65, 9), { aliases: ['vanilla', 'vanilla essence'], density: 0.88 }),
];
