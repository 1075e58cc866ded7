import { createCatalog, type Catalog } from './catalog';
import { INGREDIENTS } from './data/ingredients';
import { RECIPES } from './data/recipes';

/**
 * The kitchen over the full corpus, indexed once at module load. A data problem (unknown ingredient, a quantity that
 * cannot be converted to grams) throws here, at start-up, rather than in the middle of a plan.
 */
export const KITCHEN: Catalog = createCatalog(INGREDIENTS, RECIPES);
