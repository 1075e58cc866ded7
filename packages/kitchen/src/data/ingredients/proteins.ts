import type { Ingredient } from '../../types';
import { ingredientsIn, n, type IngredientExtras } from './define';

const meat = ingredientsIn('Meat & Seafood');
const eggs = ingredientsIn('Dairy & Eggs');
const chilled = ingredientsIn('Produce');
const frozen = ingredientsIn('Frozen');
const dry = ingredientsIn('Grains & Pasta');
const canned = ingredientsIn('Canned & Jarred');

/**
 * Meat, poultry and seafood are raw (FDC SR Legacy), so a recipe weighs them as bought. Molluscs (mussels, scallops,
 * squid) carry the `mollusc` animal product but no allergen: they are not among the US top 9, whose "shellfish" means
 * crustaceans only.
 */
export const MEAT_AND_SEAFOOD: readonly Ingredient[] = [
  meat('chicken-breast', 'Chicken breast', 171077, n(120, 22.5, 2.62, 0.56, 0, 0, 0, 45), { aliases: ['chicken breasts', 'boneless chicken breast', 'chicken fillet'], animal: ['poultry'], piece: [200, 'breast', 'halves'] }),
  meat('chicken-thigh', 'Chicken thigh', 173627, n(121, 19.66, 4.12, 1.04, 0, 0, 0, 95), { aliases: ['chicken thighs', 'boneless chicken thigh', 'chicken'], animal: ['poultry'], piece: [110, 'thigh', 'whole'] }),
  meat('ground-chicken', 'Ground chicken', 171116, n(143, 17.44, 8.1, 2.3, 0.04, 0, 0, 60), { aliases: ['chicken mince', 'minced chicken'], animal: ['poultry'] }),
  meat('ground-turkey', 'Ground turkey', 171505, n(148, 19.66, 7.66, 1.94, 0, 0, 0, 58), { aliases: ['turkey mince', 'minced turkey'], animal: ['poultry'] }),
  meat('ground-beef', 'Ground beef (85% lean)', 171796, n(215, 18.59, 15, 5.68, 0, 0, 0, 66), { aliases: ['beef mince', 'minced beef', 'hamburger meat', 'ground beef'], animal: ['meat'] }),
  meat('beef-sirloin', 'Beef sirloin steak', 168609, n(143, 22.1, 5.4, 2.1, 0, 0, 0, 54), { aliases: ['sirloin', 'steak', 'flank steak', 'beef strips', 'skirt steak'], animal: ['meat'], piece: [225, 'steak', 'halves'] }),
  meat('beef-chuck', 'Beef chuck', 174744, n(197, 19.4, 12.9, 5.1, 0, 0, 0, 64), { aliases: ['stewing beef', 'beef stew meat', 'braising steak', 'chuck roast'], animal: ['meat'] }),
  meat('pork-loin', 'Pork loin', 167820, n(143, 21.1, 5.66, 1.91, 0, 0, 0, 52), { aliases: ['pork tenderloin', 'pork chop', 'pork chops', 'pork fillet'], animal: ['meat'], piece: [170, 'chop', 'whole'] }),
  meat('pork-shoulder', 'Pork shoulder', 167843, n(236, 17.18, 18.01, 6.2, 0, 0, 0, 65), { aliases: ['pork butt', 'boston butt', 'pork collar'], animal: ['meat'] }),
  meat('ground-pork', 'Ground pork', 167902, n(263, 16.88, 21.19, 7.87, 0, 0, 0, 56), { aliases: ['pork mince', 'minced pork'], animal: ['meat'] }),
  meat('bacon', 'Bacon', 168277, n(417, 12.62, 39.69, 13.5, 1.28, 0, 0, 662), { aliases: ['streaky bacon', 'bacon rashers', 'pancetta'], animal: ['meat'], piece: [25, 'slice', 'whole'] }),
  meat('ham', 'Cooked ham', 173864, n(163, 16.6, 8.6, 2.9, 3.83, 1.3, 0, 1203), { aliases: ['ham', 'deli ham', 'sliced ham'], animal: ['meat'], piece: [28, 'slice', 'whole'] }),
  meat('chorizo', 'Chorizo', 174613, n(455, 24.1, 38.27, 14.38, 1.86, 0, 0, 1235), { aliases: ['spanish chorizo', 'cured chorizo'], animal: ['meat'] }),
  // FDC 171631 "Sausage, Italian, pork, mild, raw"; its sodium could not be confirmed, so this keeps the older SR value.
  meat('italian-sausage', 'Italian sausage', 171631, n(290, 13.9, 24.3, 8.62, 3, 0, 1.19, 731), { aliases: ['pork sausage', 'sausages', 'sausage meat'], animal: ['meat'], piece: [113, 'sausage', 'whole'] }),
  meat('ground-lamb', 'Ground lamb', 174370, n(282, 16.56, 23.41, 10.19, 0, 0, 0, 59), { aliases: ['lamb mince', 'minced lamb'], animal: ['meat'] }),
  meat('lamb-leg', 'Lamb leg', 174311, n(230, 17.91, 17.2, 7.27, 0, 0, 0, 59), { aliases: ['lamb', 'lamb shoulder', 'diced lamb'], animal: ['meat'] }),
  meat('salmon', 'Salmon fillet', 175167, n(208, 20.42, 13.42, 3.05, 0, 0, 0, 59), { aliases: ['salmon', 'atlantic salmon', 'salmon fillets'], allergens: ['fish'], animal: ['fish'], piece: [150, 'fillet', 'whole'] }),
  meat('cod', 'Cod fillet', 171955, n(82, 17.81, 0.67, 0.13, 0, 0, 0, 54), { aliases: ['cod', 'white fish', 'haddock', 'pollock', 'hake'], allergens: ['fish'], animal: ['fish'], piece: [150, 'fillet', 'whole'] }),
  meat('tilapia', 'Tilapia fillet', 175176, n(96, 20.08, 1.7, 0.59, 0, 0, 0, 52), { aliases: ['tilapia', 'basa', 'catfish'], allergens: ['fish'], animal: ['fish'], piece: [116, 'fillet', 'whole'] }),
  meat('tuna-steak', 'Tuna steak', 175159, n(109, 24.4, 0.49, 0.17, 0, 0, 0, 45), { aliases: ['ahi tuna', 'yellowfin tuna', 'sushi-grade tuna'], allergens: ['fish'], animal: ['fish'], piece: [150, 'steak', 'halves'] }),
  meat('trout', 'Rainbow trout', 173717, n(141, 20.77, 6.18, 1.8, 0, 0, 0, 51), { aliases: ['trout', 'arctic char'], allergens: ['fish'], animal: ['fish'], piece: [150, 'fillet', 'whole'] }),
  meat('mackerel', 'Mackerel', 175119, n(205, 18.6, 13.89, 3.26, 0, 0, 0, 90), { aliases: ['atlantic mackerel'], allergens: ['fish'], animal: ['fish'], piece: [110, 'fillet', 'whole'] }),
  meat('smoked-salmon', 'Smoked salmon', 173687, n(117, 18.28, 4.32, 0.93, 0, 0, 0, 672), { aliases: ['lox', 'gravlax'], allergens: ['fish'], animal: ['fish'] }),
  meat('shrimp', 'Shrimp', 175179, n(85, 20.1, 0.51, 0.1, 0, 0, 0, 119), { aliases: ['prawns', 'king prawns', 'tiger prawns'], allergens: ['shellfish'], animal: ['shellfish'] }),
  // Lump crab is sold pasteurised or canned: FDC 171966 "Crustaceans, crab, blue, canned" (174204 is raw crab).
  meat('crab', 'Crab meat', 171966, n(83, 17.88, 0.74, 0.15, 0, 0, 0, 395), { aliases: ['lump crab', 'crabmeat'], allergens: ['shellfish'], animal: ['shellfish'] }),
  meat('mussels', 'Mussels', 174216, n(86, 11.9, 2.24, 0.43, 3.69, 0, 0, 286), { aliases: ['blue mussels', 'clams'], animal: ['mollusc'] }),
  meat('scallops', 'Scallops', 174220, n(69, 12.06, 0.49, 0.13, 3.18, 0, 0, 392), { aliases: ['sea scallops', 'bay scallops'], animal: ['mollusc'] }),
  meat('squid', 'Squid', 174223, n(92, 15.58, 1.38, 0.36, 3.08, 0, 0, 44), { aliases: ['calamari'], animal: ['mollusc'] }),
  canned('canned-tuna', 'Canned tuna in water', 173709, n(86, 19.44, 0.96, 0.27, 0, 0, 0, 247), { aliases: ['tuna', 'tinned tuna', 'light tuna'], allergens: ['fish'], animal: ['fish'], piece: [120, 'can, drained', 'halves'], soldAs: { name: 'can', pieces: 1 } }),
  canned('canned-sardines', 'Sardines in oil', 175139, n(208, 24.62, 11.45, 1.53, 0, 0, 0, 307), { aliases: ['sardines', 'tinned sardines'], allergens: ['fish'], animal: ['fish'], piece: [92, 'can, drained', 'halves'], soldAs: { name: 'can', pieces: 1 } }),
  canned('anchovies', 'Anchovy fillets in oil', 174183, n(210, 28.89, 9.71, 2.2, 0, 0, 0, 3668), { aliases: ['anchovy', 'anchovies'], allergens: ['fish'], animal: ['fish'], piece: [4, 'fillet', 'whole'] }),
];

export const EGGS: readonly Ingredient[] = [
  eggs('egg', 'Egg', 171287, n(143, 12.56, 9.51, 3.13, 0.72, 0, 0.37, 142), { aliases: ['eggs', 'large egg', 'whole egg', 'hen egg'], allergens: ['egg'], animal: ['egg'], density: 1.03, piece: [50, 'egg', 'whole'] }),
  eggs('egg-white', 'Egg white', 172183, n(52, 10.9, 0.17, 0, 0.73, 0, 0.71, 166), { aliases: ['egg whites', 'liquid egg whites'], allergens: ['egg'], animal: ['egg'], density: 1.03, piece: [33, 'egg white', 'whole'] }),
  eggs('egg-yolk', 'Egg yolk', 172184, n(322, 15.86, 26.54, 9.55, 3.59, 0, 0.56, 48), { aliases: ['egg yolks'], allergens: ['egg'], animal: ['egg'], piece: [17, 'yolk', 'whole'] }),
];

/**
 * Soy foods and legumes. Canned beans use FDC's boiled-without-salt entries (drained canned beans have the same
 * macros; only their salt varies by brand), except chickpeas, which FDC has canned and drained.
 */
/**
 * A can of beans as a shopper buys it: a 400 g (EU/UK) or 15 oz (US) can drains to about 240 g, the drained weight
 * printed on 400 g cans of chickpeas, kidney, cannellini and black beans (Tesco's 400 g chickpeas: 240 g drained), and
 * about the 1 ½ cups US brands say a 15 oz can yields. Counted by the half-can, bought whole.
 */
const beanCan: Pick<IngredientExtras, 'piece' | 'soldAs'> = { piece: [240, 'can, drained', 'halves'], soldAs: { name: 'can', pieces: 1 } };

export const PLANT_PROTEINS: readonly Ingredient[] = [
  chilled('tofu-firm', 'Firm tofu', 172475, n(144, 17.27, 8.72, 1.26, 2.78, 2.3, 0.62, 14), { aliases: ['tofu', 'extra firm tofu', 'extra-firm tofu', 'bean curd'], allergens: ['soy'], density: 1.06, piece: [396, 'block', 'quarters'] }),
  // FDC's silken tofu is MORI-NU's (174292); its generic soft tofu (172449) is a nigari-set cotton tofu.
  chilled('tofu-silken', 'Silken tofu', 174292, n(55, 4.8, 2.7, 0.39, 2.9, 0.1, 1.3, 5), { aliases: ['soft tofu', 'silken'], allergens: ['soy'], density: 1.0, piece: [349, 'block', 'quarters'] }),
  chilled('tempeh', 'Tempeh', 174272, n(192, 20.29, 10.8, 2.22, 7.64, 0, 0, 9), { aliases: ['tempe'], allergens: ['soy'], piece: [227, 'package', 'halves'] }),
  // FDC has no seitan entry: this is its vital wheat gluten (fdcId 168145) hydrated to about 38% gluten and simmered in
  // salted broth with soy sauce, which is how most seitan is made and why soy is listed.
  chilled('seitan', 'Seitan', 168145, n(141, 28.6, 0.7, 0.1, 5.2, 0.2, 0, 320), { aliases: ['wheat meat', 'wheat gluten'], allergens: ['wheat', 'gluten', 'soy'], piece: [227, 'package', 'halves'] }),
  frozen('edamame', 'Shelled edamame', 168410, n(109, 11.22, 4.73, 0.54, 7.61, 4.8, 2.48, 6), { aliases: ['edamame beans', 'soybeans', 'green soybeans', 'frozen edamame'], allergens: ['soy'], density: 0.65 }),
  dry('lentils', 'Brown lentils (dry)', 172420, n(352, 24.63, 1.06, 0.15, 63.35, 10.7, 2.03, 6), { aliases: ['green lentils', 'brown lentils', 'puy lentils', 'french lentils', 'dried lentils'], density: 0.81 }),
  dry('red-lentils', 'Red lentils (dry)', 174284, n(358, 23.91, 2.17, 0.38, 63.1, 10.8, 1.47, 7), { aliases: ['split red lentils', 'masoor dal', 'pink lentils', 'yellow lentils'], density: 0.81 }),
  // Protein, saturated fat, fibre and sodium checked against FDC 172428; energy, fat, carbohydrate and sugar are unconfirmed.
  dry('split-peas', 'Split peas (dry)', 172428, n(341, 23.12, 1.16, 0.41, 60.37, 22.2, 8, 5), { aliases: ['yellow split peas', 'green split peas', 'chana dal', 'toor dal'], density: 0.83 }),
  dry('mung-beans', 'Mung beans (dry)', 174256, n(347, 23.86, 1.15, 0.35, 62.62, 16.3, 6.6, 15), { aliases: ['moong dal', 'green gram', 'mung dal'], density: 0.87 }),
  dry('dried-chickpeas', 'Chickpeas (dry)', 173756, n(378, 20.47, 6.04, 0.6, 62.95, 12.2, 10.7, 24), { aliases: ['dried chickpeas', 'dried garbanzo beans'], density: 0.83 }),
  dry('dried-black-beans', 'Black beans (dry)', 173734, n(341, 21.6, 1.42, 0.37, 62.36, 15.5, 2.12, 5), { aliases: ['dried black beans', 'black turtle beans'], density: 0.82 }),
  canned('chickpeas', 'Chickpeas (canned, drained)', 173800, n(139, 7.05, 2.77, 0.27, 22.53, 6.4, 1, 246), { aliases: ['garbanzo beans', 'garbanzos', 'canned chickpeas', 'chick peas'], density: 0.69, ...beanCan }),
  canned('black-beans', 'Black beans (canned, drained)', 173735, n(132, 8.86, 0.54, 0.14, 23.71, 8.7, 0.32, 1), { aliases: ['canned black beans', 'frijoles negros'], density: 0.73, ...beanCan }),
  canned('kidney-beans', 'Kidney beans (canned, drained)', 175194, n(127, 8.67, 0.5, 0.07, 22.8, 7.4, 0.32, 2), { aliases: ['red kidney beans', 'canned kidney beans'], density: 0.75, ...beanCan }),
  canned('white-beans', 'Cannellini beans (canned, drained)', 175203, n(139, 9.73, 0.35, 0.09, 25.09, 6.3, 0.34, 6), { aliases: ['cannellini', 'white beans', 'navy beans', 'great northern beans', 'haricot beans'], density: 0.76, ...beanCan }),
  canned('pinto-beans', 'Pinto beans (canned, drained)', 175200, n(143, 9.01, 0.65, 0.14, 26.22, 9, 0.34, 1), { aliases: ['pinto', 'borlotti beans', 'refried beans'], density: 0.72, ...beanCan }),
  canned('butter-beans', 'Butter beans (canned, drained)', 174253, n(115, 7.8, 0.38, 0.09, 20.88, 7, 2.9, 2), { aliases: ['lima beans', 'gigantes'], density: 0.72, ...beanCan }),
  canned('black-eyed-peas', 'Black-eyed peas (canned, drained)', 175187, n(116, 7.73, 0.53, 0.14, 20.76, 6.5, 3.3, 4), { aliases: ['black eyed beans', 'cowpeas'], density: 0.72, ...beanCan }),
  canned('cooked-lentils', 'Lentils (cooked or canned)', 172421, n(116, 9.02, 0.38, 0.05, 20.13, 7.9, 1.8, 2), { aliases: ['canned lentils', 'cooked lentils'], density: 0.83 }),
];
