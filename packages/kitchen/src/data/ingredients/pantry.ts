import type { Ingredient } from '../../types';
import { ingredientsIn, n } from './define';

const nuts = ingredientsIn('Nuts, Seeds & Dried Fruit');
const condiment = ingredientsIn('Oils, Vinegars & Condiments');
const canned = ingredientsIn('Canned & Jarred');
const spice = ingredientsIn('Spices & Seasonings');
const world = ingredientsIn('International');
const frozen = ingredientsIn('Frozen');
const drink = ingredientsIn('Beverages');

/** Coconut carries no allergen (see dairy.ts); peanuts are a legume and only ever `peanuts`, never `tree_nuts`. */
export const NUTS_SEEDS_AND_DRIED_FRUIT: readonly Ingredient[] = [
  nuts('almonds', 'Almonds', 170567, n(579, 21.15, 49.93, 3.8, 21.55, 12.5, 4.35, 1), { aliases: ['almond', 'flaked almonds', 'sliced almonds', 'slivered almonds'], allergens: ['tree_nuts'], density: 0.6 }),
  nuts('walnuts', 'Walnuts', 170187, n(654, 15.23, 65.21, 6.13, 13.71, 6.7, 2.61, 2), { aliases: ['walnut', 'walnut halves'], allergens: ['tree_nuts'], density: 0.49 }),
  nuts('cashews', 'Cashews', 170162, n(553, 18.22, 43.85, 7.78, 30.19, 3.3, 5.91, 12), { aliases: ['cashew nuts', 'cashew'], allergens: ['tree_nuts'], density: 0.58 }),
  nuts('pecans', 'Pecans', 170182, n(691, 9.17, 71.97, 6.18, 13.86, 9.6, 3.97, 0), { aliases: ['pecan', 'pecan halves'], allergens: ['tree_nuts'], density: 0.46 }),
  nuts('pistachios', 'Pistachios', 170184, n(560, 20.16, 45.32, 5.91, 27.17, 10.6, 7.66, 1), { aliases: ['pistachio'], allergens: ['tree_nuts'], density: 0.52 }),
  nuts('hazelnuts', 'Hazelnuts', 170581, n(628, 14.95, 60.75, 4.46, 16.7, 9.7, 4.34, 0), { aliases: ['filberts', 'hazelnut'], allergens: ['tree_nuts'], density: 0.57 }),
  nuts('pine-nuts', 'Pine nuts', 170591, n(673, 13.69, 68.37, 4.9, 13.08, 3.7, 3.59, 2), { aliases: ['pignoli', 'pine kernels'], allergens: ['tree_nuts'], density: 0.57 }),
  nuts('peanuts', 'Peanuts', 172430, n(567, 25.8, 49.24, 6.28, 16.13, 8.5, 4.72, 18), { aliases: ['peanut', 'groundnuts', 'roasted peanuts'], allergens: ['peanuts'], density: 0.62 }),
  nuts('sunflower-seeds', 'Sunflower seeds', 170562, n(584, 20.78, 51.46, 4.46, 20, 8.6, 2.62, 9), { aliases: ['sunflower kernels'], density: 0.59 }),
  nuts('pumpkin-seeds', 'Pumpkin seeds', 170556, n(559, 30.23, 49.05, 8.66, 10.71, 6, 1.4, 7), { aliases: ['pepitas'], density: 0.55 }),
  nuts('flaxseed', 'Ground flaxseed', 169414, n(534, 18.29, 42.16, 3.66, 28.88, 27.3, 1.55, 30), { aliases: ['flax', 'linseed', 'flax meal', 'flaxseeds'], density: 0.47 }),
  nuts('chia-seeds', 'Chia seeds', 170554, n(486, 16.54, 30.74, 3.33, 42.12, 34.4, 0, 16), { aliases: ['chia'], density: 0.8 }),
  nuts('sesame-seeds', 'Sesame seeds', 170150, n(573, 17.73, 49.67, 6.96, 23.45, 11.8, 0.3, 11), { aliases: ['sesame', 'toasted sesame seeds', 'white sesame'], allergens: ['sesame'], density: 0.6 }),
  nuts('hemp-seeds', 'Hemp seeds', 170148, n(553, 31.56, 48.75, 4.6, 8.67, 4, 1.5, 5), { aliases: ['hemp hearts', 'hulled hemp seeds'], density: 0.67 }),
  nuts('coconut-flakes', 'Unsweetened coconut flakes', 170170, n(660, 6.88, 64.53, 57.22, 23.65, 16.3, 7.35, 37), { aliases: ['desiccated coconut', 'shredded coconut', 'coconut'], density: 0.34 }),
  nuts('raisins', 'Raisins', 168165, n(299, 3.07, 0.46, 0.06, 79.18, 3.7, 59.19, 11), { aliases: ['sultanas', 'golden raisins', 'currants'], density: 0.68 }),
  nuts('dates', 'Medjool dates', 168191, n(277, 1.81, 0.15, 0, 74.97, 6.7, 66.47, 1), { aliases: ['dates', 'medjool', 'pitted dates'], density: 0.62, piece: [24, 'date', 'whole'] }),
  nuts('dried-apricots', 'Dried apricots', 173941, n(241, 3.39, 0.51, 0.02, 62.64, 7.3, 53.44, 10), { aliases: ['apricots', 'dried apricot'], density: 0.55, piece: [4, 'apricot half', 'whole'] }),
  nuts('dried-cranberries', 'Dried cranberries', 171723, n(308, 0.07, 1.09, 0.08, 82.36, 5.7, 65, 3), { aliases: ['craisins', 'dried cherries'], density: 0.51 }),
];

export const OILS_VINEGARS_AND_CONDIMENTS: readonly Ingredient[] = [
  condiment('olive-oil', 'Olive oil', 171413, n(884, 0, 100, 13.81, 0, 0, 0, 2), { aliases: ['extra virgin olive oil', 'evoo', 'extra-virgin olive oil'], density: 0.91 }),
  condiment('vegetable-oil', 'Vegetable oil', 172336, n(884, 0, 100, 7.37, 0, 0, 0, 0), { aliases: ['canola oil', 'rapeseed oil', 'sunflower oil', 'neutral oil', 'cooking oil', 'avocado oil'], density: 0.92 }),
  condiment('sesame-oil', 'Toasted sesame oil', 171016, n(884, 0, 100, 14.2, 0, 0, 0, 0), { aliases: ['sesame oil'], allergens: ['sesame'], density: 0.92 }),
  condiment('coconut-oil', 'Coconut oil', 171412, n(892, 0, 99.06, 82.48, 0, 0, 0, 0), { aliases: ['virgin coconut oil'], density: 0.92 }),
  condiment('red-wine-vinegar', 'Red wine vinegar', 172240, n(19, 0.04, 0, 0, 0.27, 0, 0, 8), { aliases: ['white wine vinegar', 'sherry vinegar', 'wine vinegar'], density: 1.01 }),
  condiment('balsamic-vinegar', 'Balsamic vinegar', 172241, n(88, 0.49, 0, 0, 17.03, 0, 14.95, 23), { aliases: ['balsamic'], density: 1.06 }),
  condiment('apple-cider-vinegar', 'Apple cider vinegar', 173469, n(21, 0, 0, 0, 0.93, 0, 0.4, 5), { aliases: ['cider vinegar', 'acv'], density: 1.01 }),
  condiment('white-vinegar', 'White vinegar', 171017, n(18, 0, 0, 0, 0.04, 0, 0.04, 2), { aliases: ['distilled vinegar', 'rice vinegar', 'rice wine vinegar', 'vinegar'], density: 1.01 }),
  condiment('soy-sauce', 'Soy sauce', 174277, n(53, 8.14, 0.57, 0.07, 4.93, 0.8, 0.4, 5493), { aliases: ['shoyu', 'light soy sauce', 'dark soy sauce', 'soya sauce'], allergens: ['soy', 'wheat', 'gluten'], density: 1.14 }),
  // Tamari is brewed without wheat by the usual brands (San-J, Kikkoman gluten-free); a few add some, so read labels.
  condiment('tamari', 'Tamari', 174278, n(60, 10.51, 0.1, 0.01, 5.57, 0.8, 1.7, 5586), { aliases: ['gluten-free soy sauce', 'wheat-free soy sauce'], allergens: ['soy'], density: 1.14 }),
  // Worcestershire is made with anchovies; UK bottles use malt vinegar (barley), so it is conservatively labelled gluten.
  condiment('worcestershire-sauce', 'Worcestershire sauce', 171610, n(78, 0, 0, 0, 19.46, 0, 10.03, 980), { aliases: ['worcester sauce', 'worcestershire'], allergens: ['fish', 'gluten'], animal: ['fish'], density: 1.1 }),
  condiment('sriracha', 'Sriracha', 171186, n(93, 1.93, 0.93, 0.09, 19.16, 2.2, 15.09, 2124), { aliases: ['chili sauce', 'sriracha sauce', 'chilli sauce'], density: 1.1 }),
  condiment('hot-sauce', 'Hot sauce', 174527, n(11, 0.51, 0.37, 0.05, 1.75, 0.3, 1.26, 2643), { aliases: ['tabasco', 'pepper sauce', 'louisiana hot sauce'], density: 1.0 }),
  condiment('ketchup', 'Ketchup', 168556, n(101, 1.04, 0.1, 0.02, 27.4, 0.3, 21.27, 907), { aliases: ['catsup', 'tomato ketchup', 'tomato sauce'], density: 1.14 }),
  condiment('mayonnaise', 'Mayonnaise', 171009, n(680, 0.96, 74.85, 11.74, 0.57, 0, 0.57, 635), { aliases: ['mayo'], allergens: ['egg'], animal: ['egg'], density: 0.92 }),
  condiment('mustard', 'Mustard', 172234, n(60, 3.74, 3.34, 0.21, 5.83, 4, 0.92, 1104), { aliases: ['dijon mustard', 'dijon', 'wholegrain mustard', 'yellow mustard'], density: 1.05 }),
  condiment('pesto', 'Basil pesto', 171579, n(418, 5.05, 40.95, 6.55, 9.08, 2.1, 3.8, 1000), { aliases: ['pesto', 'pesto genovese'], allergens: ['milk', 'tree_nuts'], animal: ['dairy'], density: 1.0 }),
];

export const CANNED_AND_JARRED: readonly Ingredient[] = [
  canned('canned-tomatoes', 'Canned tomatoes', 170051, n(16, 0.79, 0.25, 0.04, 3.47, 1.9, 2.48, 115), { aliases: ['diced tomatoes', 'chopped tomatoes', 'crushed tomatoes', 'tinned tomatoes', 'whole peeled tomatoes', 'san marzano'], density: 1.02, piece: [400, 'can', 'halves'], soldAs: { name: 'can', pieces: 1 } }),
  canned('passata', 'Tomato passata', 170460, n(38, 1.65, 0.21, 0.03, 8.98, 1.9, 4.83, 28), { aliases: ['tomato puree', 'strained tomatoes', 'sieved tomatoes'], density: 1.04 }),
  canned('tomato-paste', 'Tomato paste', 170459, n(82, 4.32, 0.47, 0.1, 18.91, 4.1, 12.18, 59), { aliases: ['tomato concentrate', 'double concentrate'], density: 1.1 }),
  canned('marinara', 'Marinara sauce', 174908, n(51, 1.41, 1.48, 0.2, 8.06, 1.8, 5.4, 437), { aliases: ['pasta sauce', 'tomato pasta sauce', 'spaghetti sauce', 'pizza sauce'], density: 1.06 }),
  canned('pumpkin-puree', 'Pumpkin puree (canned)', 168450, n(34, 1.1, 0.28, 0.15, 8.09, 2.9, 3.3, 5), { aliases: ['canned pumpkin', 'pumpkin puree'], density: 1.03 }),
  canned('peanut-butter', 'Peanut butter', 174266, n(588, 25.09, 50.39, 10.29, 19.56, 6, 9.22, 459), { aliases: ['smooth peanut butter', 'crunchy peanut butter', 'natural peanut butter'], allergens: ['peanuts'], density: 1.08 }),
  canned('almond-butter', 'Almond butter', 168588, n(614, 20.96, 55.5, 4.15, 18.82, 10.3, 4.43, 7), { aliases: ['almond nut butter'], allergens: ['tree_nuts'], density: 1.08 }),
  canned('sunflower-butter', 'Sunflower seed butter', 170155, n(617, 17.28, 55.2, 4.76, 23.32, 5.7, 10.5, 3), { aliases: ['sunbutter', 'sunflower seed spread'], density: 1.08 }),
  canned('black-olives', 'Black olives', 169094, n(115, 0.84, 10.68, 1.41, 6.04, 1.6, 0, 735), { aliases: ['olives', 'kalamata olives', 'ripe olives'], density: 0.57 }),
  canned('green-olives', 'Green olives', 169096, n(145, 1.03, 15.32, 2.03, 3.84, 3.3, 0.54, 1556), { aliases: ['castelvetrano olives', 'manzanilla olives'], density: 0.57 }),
  canned('capers', 'Capers', 172238, n(23, 2.36, 0.86, 0.23, 4.89, 3.2, 0.41, 2348), { aliases: ['caper'], density: 0.6 }),
  canned('dill-pickles', 'Dill pickles', 168558, n(12, 0.48, 0.43, 0.09, 2.41, 1, 1.28, 808), { aliases: ['pickles', 'gherkins', 'cornichons', 'pickle'], density: 0.6, piece: [35, 'pickle', 'whole'] }),
  canned('sauerkraut', 'Sauerkraut', 169279, n(19, 0.91, 0.14, 0.03, 4.28, 2.9, 1.78, 661), { aliases: ['fermented cabbage'], density: 0.6 }),
  canned('salsa', 'Salsa', 174524, n(36, 1.5, 0.2, 0.03, 6.64, 1.8, 4.01, 711), { aliases: ['tomato salsa', 'salsa roja', 'pico de gallo', 'jarred salsa'], density: 1.05 }),
  canned('vegetable-broth', 'Vegetable broth', 171180, n(6, 0.2, 0.1, 0.03, 1, 0, 0.5, 300), { aliases: ['vegetable stock', 'veggie broth', 'stock'], density: 1.0 }),
  canned('chicken-broth', 'Chicken broth', 174536, n(6, 0.64, 0.21, 0.06, 0.44, 0, 0.2, 343), { aliases: ['chicken stock', 'bone broth'], animal: ['poultry'], density: 1.0 }),
];

/** Dried spices, weighed as spooned and levelled (so a teaspoon of ground cumin is about 2 g). */
export const SPICES: readonly Ingredient[] = [
  spice('salt', 'Salt', 173468, n(0, 0, 0, 0, 0, 0, 0, 38758), { aliases: ['table salt', 'sea salt', 'kosher salt', 'fine salt'], density: 1.2 }),
  spice('black-pepper', 'Black pepper', 170931, n(251, 10.39, 3.26, 1.39, 63.95, 25.3, 0.64, 20), { aliases: ['pepper', 'ground black pepper', 'cracked black pepper'], density: 0.46 }),
  spice('cumin', 'Ground cumin', 170923, n(375, 17.81, 22.27, 1.54, 44.24, 10.5, 2.25, 168), { aliases: ['cumin', 'cumin seeds', 'jeera'], density: 0.43 }),
  spice('coriander-ground', 'Ground coriander', 170922, n(298, 12.37, 17.77, 0.99, 54.99, 41.9, 0, 35), { aliases: ['coriander seed', 'coriander seeds', 'dhania'], density: 0.36 }),
  spice('turmeric', 'Ground turmeric', 172231, n(312, 9.68, 3.25, 1.84, 67.14, 22.7, 3.21, 27), { aliases: ['turmeric', 'haldi'], density: 0.6 }),
  spice('paprika', 'Paprika', 171329, n(282, 14.14, 12.89, 2.14, 53.99, 34.9, 10.34, 68), { aliases: ['smoked paprika', 'sweet paprika', 'pimenton', 'hot paprika'], density: 0.46 }),
  spice('chili-powder', 'Chili powder', 171319, n(282, 13.46, 14.28, 2.46, 49.7, 34.8, 7.19, 2867), { aliases: ['chilli powder', 'ancho chili powder', 'taco seasoning', 'kashmiri chili powder'], density: 0.54 }),
  spice('cayenne', 'Cayenne pepper', 170932, n(318, 12.01, 17.27, 3.26, 56.63, 27.2, 10.34, 30), { aliases: ['cayenne', 'red pepper flakes', 'chili flakes', 'crushed red pepper', 'chilli flakes', 'gochugaru', 'aleppo pepper'], density: 0.36 }),
  spice('cinnamon', 'Ground cinnamon', 171320, n(247, 3.99, 1.24, 0.35, 80.59, 53.1, 2.17, 10), { aliases: ['cinnamon', 'cinnamon stick'], density: 0.52 }),
  spice('ground-ginger', 'Ground ginger', 170926, n(335, 8.98, 4.24, 2.6, 71.62, 14.1, 3.39, 27), { aliases: ['ginger powder', 'dried ginger'], density: 0.36 }),
  spice('garlic-powder', 'Garlic powder', 171325, n(331, 16.55, 0.73, 0.25, 72.73, 9, 2.43, 60), { aliases: ['granulated garlic'], density: 0.62 }),
  spice('onion-powder', 'Onion powder', 171327, n(341, 10.41, 1.04, 0.22, 79.12, 15.2, 6.63, 73), { aliases: ['granulated onion'], density: 0.48 }),
  spice('oregano', 'Dried oregano', 171328, n(265, 9, 4.28, 1.55, 68.92, 42.5, 4.09, 25), { aliases: ['oregano', 'italian seasoning', 'mixed herbs', 'herbes de provence', 'dried basil', 'za\'atar'], density: 0.2 }),
  spice('dried-thyme', 'Dried thyme', 170938, n(276, 9.11, 7.43, 2.73, 63.94, 37, 1.71, 55), { aliases: ['dried rosemary', 'dried sage', 'sage'], density: 0.2 }),
  spice('bay-leaf', 'Bay leaves', 170917, n(313, 7.61, 8.36, 2.28, 74.97, 26.3, 0, 23), { aliases: ['bay leaf', 'laurel'], piece: [0.6, 'leaf', 'whole'] }),
  // FDC has no garam masala or berbere; curry powder is the closest blend of the same spices.
  spice('curry-powder', 'Curry powder', 170924, n(325, 14.29, 14.01, 2.24, 55.83, 53.2, 2.76, 52), { aliases: ['garam masala', 'madras curry powder', 'berbere', 'ras el hanout', 'chinese five spice', 'five spice'], density: 0.42 }),
  spice('nutmeg', 'Ground nutmeg', 171326, n(525, 5.84, 36.31, 25.94, 49.29, 20.8, 2.99, 16), { aliases: ['nutmeg', 'mace'], density: 0.47 }),
  spice('cardamom', 'Ground cardamom', 170919, n(311, 10.76, 6.7, 0.68, 68.47, 28, 0, 18), { aliases: ['cardamom pods', 'elaichi'], density: 0.43 }),
  spice('cloves', 'Ground cloves', 171321, n(274, 5.97, 13, 3.95, 65.53, 33.9, 2.38, 277), { aliases: ['clove', 'whole cloves', 'allspice', 'star anise'], density: 0.44 }),
  spice('fennel-seeds', 'Fennel seeds', 171323, n(345, 15.8, 14.87, 0.48, 52.29, 39.8, 0, 88), { aliases: ['fennel seed', 'anise seed', 'saunf'], density: 0.4 }),
  spice('mustard-seeds', 'Mustard seeds', 170929, n(508, 26.08, 36.24, 1.46, 28.09, 12.2, 6.79, 13), { aliases: ['black mustard seeds', 'yellow mustard seeds'], density: 0.7 }),
  // Deactivated yeast; FDC has it only as branded items, so this uses its baker's yeast entry, whose macros match.
  spice('nutritional-yeast', 'Nutritional yeast', 175043, n(325, 40.44, 7.61, 1, 41.22, 26.9, 0, 51), { aliases: ['nooch', 'savory yeast flakes', 'yeast flakes'], density: 0.25 }),
];

/**
 * Asian, Latin and African pantry staples. Conservative labels where the common commercial product contains the
 * allergen even if a home-made one need not: hoisin (soy, wheat, sesame), oyster sauce (wheat flour), gochujang
 * (wheat), kimchi (fish sauce and salted shrimp), Thai curry paste (shrimp paste). White (shiro) miso is rice-koji
 * miso and carries soy only.
 */
export const INTERNATIONAL: readonly Ingredient[] = [
  world('tahini', 'Tahini', 168604, n(595, 17, 53.76, 7.53, 21.19, 9.3, 0.49, 115), { aliases: ['tahina', 'sesame paste', 'sesame butter'], allergens: ['sesame'], density: 1.01 }),
  world('miso', 'White miso', 172442, n(198, 12.79, 6.01, 1.14, 25.37, 5.4, 6.2, 3728), { aliases: ['miso paste', 'shiro miso', 'yellow miso', 'red miso'], allergens: ['soy'], density: 1.16 }),
  world('fish-sauce', 'Fish sauce', 174531, n(35, 5.06, 0.01, 0, 3.64, 0, 3.64, 7851), { aliases: ['nam pla', 'nuoc mam'], allergens: ['fish'], animal: ['fish'], density: 1.2 }),
  world('oyster-sauce', 'Oyster sauce', 174529, n(51, 1.35, 0.25, 0.04, 10.92, 0.3, 0, 2733), { aliases: ['oyster flavored sauce'], allergens: ['wheat', 'gluten'], animal: ['mollusc'], density: 1.2 }),
  world('hoisin', 'Hoisin sauce', 172886, n(220, 3.31, 3.39, 0.57, 44.08, 2.8, 27.26, 1615), { aliases: ['hoisin sauce', 'plum sauce'], allergens: ['soy', 'wheat', 'gluten', 'sesame'], density: 1.14 }),
  // No generic FDC entry: label values of the common tubs; fdcId is FDC's generic chili sauce (sriracha).
  world('gochujang', 'Gochujang', 171186, n(230, 4.5, 1.5, 0.2, 50, 2.5, 27, 2300), { aliases: ['korean chili paste', 'red pepper paste'], allergens: ['soy', 'wheat', 'gluten'], density: 1.2 }),
  // No generic FDC entry: label values of the common jars (Mae Ploy style, with shrimp paste); fdcId as for gochujang.
  world('red-curry-paste', 'Thai red curry paste', 171186, n(130, 3.2, 4.5, 0.6, 19, 5, 7, 3300), { aliases: ['thai curry paste', 'red curry paste', 'green curry paste', 'yellow curry paste'], allergens: ['shellfish'], animal: ['shellfish'], density: 1.1 }),
  // The shrimp-free pastes (Thai Kitchen style); same basis as above.
  world('vegan-curry-paste', 'Vegan Thai curry paste', 171186, n(110, 2.5, 3, 0.4, 18, 4, 6, 2900), { aliases: ['vegetarian curry paste', 'shrimp-free curry paste'], density: 1.1 }),
  world('kimchi', 'Kimchi', 170392, n(15, 1.1, 0.5, 0.07, 2.4, 1.6, 1.06, 498), { aliases: ['napa kimchi', 'kimchee'], allergens: ['fish', 'shellfish'], animal: ['fish', 'shellfish'], density: 0.63 }),
  world('nori', 'Nori', 168458, n(35, 5.81, 0.28, 0.05, 5.11, 0.3, 0.49, 48), { aliases: ['seaweed', 'laver', 'sushi nori', 'seaweed sheets'], piece: [2.5, 'sheet', 'halves'] }),
];

export const FROZEN: readonly Ingredient[] = [
  frozen('peas', 'Frozen peas', 170016, n(77, 5.22, 0.4, 0.07, 13.62, 4.5, 5.2, 108), { aliases: ['green peas', 'garden peas', 'petit pois', 'peas'], density: 0.57 }),
  frozen('frozen-spinach', 'Frozen spinach', 169287, n(29, 3.63, 0.57, 0.08, 4.21, 2.9, 0.65, 74), { aliases: ['frozen chopped spinach'], density: 0.66 }),
  frozen('frozen-mixed-veg', 'Frozen mixed vegetables', 169429, n(72, 3.33, 0.52, 0.11, 13.47, 4, 3.12, 47), { aliases: ['mixed vegetables', 'stir-fry vegetables', 'frozen vegetables'], density: 0.57 }),
];

export const BEVERAGES: readonly Ingredient[] = [
  drink('water', 'Water', 174158, n(0, 0, 0, 0, 0, 0, 0, 2), { aliases: ['tap water', 'cold water', 'hot water', 'boiling water'], density: 1.0, fromTheTap: true }),
  drink('coffee', 'Brewed coffee', 171890, n(1, 0.12, 0.02, 0, 0, 0, 0, 2), { aliases: ['coffee', 'espresso', 'cold brew'], density: 1.0 }),
  drink('orange-juice', 'Orange juice', 169098, n(45, 0.7, 0.2, 0.02, 10.4, 0.2, 8.4, 1), { aliases: ['oj', 'fresh orange juice'], density: 1.04 }),
  drink('white-wine', 'Dry white wine', 174837, n(82, 0.07, 0, 0, 2.6, 0, 0.96, 5), { aliases: ['white wine', 'cooking wine', 'shaoxing wine', 'mirin', 'sake', 'dry vermouth'], density: 0.99 }),
  drink('red-wine', 'Dry red wine', 173190, n(85, 0.07, 0, 0, 2.61, 0, 0.62, 4), { aliases: ['red wine'], density: 0.99 }),
];
