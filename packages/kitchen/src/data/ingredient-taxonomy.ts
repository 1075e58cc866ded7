import type { Allergen, AnimalSource } from '../types';

/**
 * What the words cooks use need beyond allergens and diets: which animal each meat or seafood comes from, the EU/UK
 * allergens beyond the US 9, alcohol, lactose and FODMAPs. Kept apart from the ingredient rows (as the culinary roles
 * are) and merged into them in ingredients.ts; the data tests check it covers every ingredient it must.
 *
 * Conservative by rule, as the allergen labels are: an ingredient is listed when the common store-bought product
 * usually carries it (stock usually has celery; bottled lemon juice, dried apricots and wine carry sulphites; most
 * mayonnaise and curry powders have mustard), never left off because some brands do without.
 */

export const ANIMAL_SOURCES_BY_INGREDIENT_ID: Readonly<Record<string, readonly AnimalSource[]>> = {
  'pork-loin': ['pork'],
  'pork-shoulder': ['pork'],
  'ground-pork': ['pork'],
  bacon: ['pork'],
  ham: ['pork'],
  chorizo: ['pork'],
  'italian-sausage': ['pork'],
  'ground-beef': ['beef'],
  'beef-sirloin': ['beef'],
  'beef-chuck': ['beef'],
  'ground-lamb': ['lamb'],
  'lamb-leg': ['lamb'],
  'chicken-breast': ['poultry'],
  'chicken-thigh': ['poultry'],
  'ground-chicken': ['poultry'],
  'ground-turkey': ['poultry'],
  'chicken-broth': ['poultry'],
  salmon: ['fish'],
  cod: ['fish'],
  tilapia: ['fish'],
  'tuna-steak': ['fish'],
  trout: ['fish'],
  mackerel: ['fish'],
  'smoked-salmon': ['fish'],
  'canned-tuna': ['fish'],
  'canned-sardines': ['fish'],
  anchovies: ['fish'],
  'worcestershire-sauce': ['fish'],
  'fish-sauce': ['fish'],
  kimchi: ['fish', 'crustacean'],
  shrimp: ['crustacean'],
  crab: ['crustacean'],
  'red-curry-paste': ['crustacean'],
  mussels: ['mollusc'],
  scallops: ['mollusc'],
  squid: ['mollusc'],
  'oyster-sauce': ['mollusc'],
};

/** The EU/UK allergens the US 9 do not cover; merged into each ingredient's `allergens`. */
export const EU_ALLERGENS_BY_INGREDIENT_ID: Readonly<Record<string, readonly Allergen[]>> = {
  mussels: ['molluscs'],
  scallops: ['molluscs'],
  squid: ['molluscs'],
  'oyster-sauce': ['molluscs'],
  mustard: ['mustard'],
  'mustard-seeds': ['mustard'],
  'mustard-greens': ['mustard'],
  mayonnaise: ['mustard'],
  'curry-powder': ['mustard', 'celery'],
  celery: ['celery'],
  celeriac: ['celery'],
  'vegetable-broth': ['celery'],
  'chicken-broth': ['celery'],
  'white-wine': ['sulphites'],
  'red-wine': ['sulphites'],
  'red-wine-vinegar': ['sulphites'],
  'balsamic-vinegar': ['sulphites'],
  'apple-cider-vinegar': ['sulphites'],
  'white-vinegar': ['sulphites'],
  'dried-apricots': ['sulphites'],
  raisins: ['sulphites'],
  'dried-cranberries': ['sulphites'],
  'lemon-juice': ['sulphites'],
  'lime-juice': ['sulphites'],
  'dill-pickles': ['sulphites'],
  sauerkraut: ['sulphites'],
  'black-olives': ['sulphites'],
  'green-olives': ['sulphites'],
  capers: ['sulphites'],
  'tomato-paste': ['sulphites'],
  'red-curry-paste': ['sulphites'],
  kimchi: ['sulphites'],
};

/** Alcohol as a recipe uses it: wines (and the rice wines the white wine row stands for), and vanilla extract (35%+). */
export const ALCOHOL_INGREDIENT_IDS: readonly string[] = ['white-wine', 'red-wine', 'vanilla-extract'];

/**
 * Dairy with lactose in amounts that matter. Aged hard cheeses (parmesan, cheddar, gruyère) and ghee carry almost
 * none and are left off; the chef says so when it keeps them for a lactose-intolerant cook.
 */
export const LACTOSE_INGREDIENT_IDS: readonly string[] = [
  'milk', 'buttermilk', 'butter', 'unsalted-butter', 'heavy-cream', 'sour-cream', 'cream-cheese', 'yogurt', 'greek-yogurt',
  'greek-yogurt-whole', 'cottage-cheese', 'ricotta', 'mozzarella', 'feta', 'goat-cheese', 'pesto', 'dark-chocolate',
];

/** Lactose-free dairy kept for "lactose intolerant" (named so the chef can say what it kept). */
export const LOW_LACTOSE_DAIRY_IDS: readonly string[] = ['parmesan', 'cheddar', 'gruyere', 'ghee'];

/**
 * High-FODMAP at a usual serving, after Monash University's published lists: alliums (the onion family and garlic,
 * their powders), wheat and barley staples, most pulses, lactose dairy, and the fruits and vegetables high in fructose,
 * polyols or fructans. Portions matter for many foods and the planner cannot weigh them, so the chef says it only
 * leaves these out.
 */
export const HIGH_FODMAP_INGREDIENT_IDS: readonly string[] = [
  'onion', 'red-onion', 'shallot', 'garlic', 'scallion', 'leek', 'garlic-powder', 'onion-powder',
  'cauliflower', 'white-mushroom', 'cremini-mushroom', 'shiitake', 'portobello', 'asparagus', 'celery', 'snow-peas',
  'apple', 'pear', 'peach', 'mango', 'watermelon', 'blackberries', 'raisins', 'dates', 'dried-apricots', 'dried-cranberries',
  'honey', 'milk', 'buttermilk', 'yogurt', 'greek-yogurt', 'greek-yogurt-whole', 'cottage-cheese', 'ricotta', 'cream-cheese',
  'sour-cream', 'heavy-cream', 'soy-milk', 'tofu-silken',
  'pasta', 'whole-wheat-pasta', 'bread', 'whole-wheat-bread', 'pita', 'flour-tortilla', 'burger-bun', 'flour', 'whole-wheat-flour',
  'couscous', 'bulgur', 'farro', 'pearl-barley', 'wheat-noodles', 'egg-noodles', 'soba', 'breadcrumbs',
  'chickpeas', 'dried-chickpeas', 'black-beans', 'dried-black-beans', 'kidney-beans', 'white-beans', 'pinto-beans', 'butter-beans',
  'black-eyed-peas', 'lentils', 'red-lentils', 'split-peas', 'mung-beans', 'cashews', 'pistachios',
];

/**
 * Words whose family by name is not the family a cook means. `adds`: what the word also covers ("onion" → shallots and
 * scallions); `keeps`: what it does not ("olive" is never olive oil, "wine" never wine vinegar).
 */
export const FAMILY_OVERRIDES: Readonly<Record<string, { adds?: readonly string[]; keeps?: readonly string[] }>> = {
  onion: { adds: ['shallot', 'scallion', 'leek'] },
  garlic: { adds: ['garlic-powder'] },
  olive: { keeps: ['olive-oil'] },
  wine: { keeps: ['red-wine-vinegar', 'white-vinegar', 'balsamic-vinegar'] },
  tomato: { adds: ['canned-tomatoes', 'passata', 'tomato-paste', 'marinara', 'ketchup', 'salsa'] },
  chili: { adds: ['jalapeno', 'cayenne', 'chili-powder', 'sriracha', 'hot-sauce', 'gochujang', 'red-curry-paste', 'vegan-curry-paste'] },
  mushroom: { adds: ['shiitake', 'portobello'] },
  pepper: { keeps: ['black-pepper'] },
  coconut: { adds: ['coconut-flakes', 'coconut-milk', 'coconut-oil'] },
  cilantro: { adds: ['coriander-ground'] },
  coriander: { adds: ['cilantro'] },
};
