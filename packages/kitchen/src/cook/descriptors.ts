/**
 * Words that only describe a food in an ingredient line's name: size, colour, cut, state, preparation, grade, packing,
 * and the small words between them ("2 large ripe tomatoes, finely chopped"). A word of a line's name that is neither
 * one of these nor a food the kitchen knows keeps the line unmatched (line-match.ts): it may be a food the kitchen has
 * no data for ("prosciutto"). So no food belongs here, and none that changes what a food is made of ("vegan" butter
 * is still read as butter, which is safe; "gluten-free" pasta as pasta).
 */
const DESCRIPTORS = `
a an the of and or plus with without for to into in on at from as such like about approximately approx each per more
less extra few some any other your our my favourite favorite preferred choice optional taste needed desired serving
serve servings garnish topping tops drizzling drizzle dusting sprinkling greasing frying deep shallow brushing
large small medium big little jumbo extra-large mini baby young thick thin long short whole half halves quarter
quartered wedge wedges piece pieces chunk chunks cube cubes cubed strip strips ring rings round rounds stick sticks
sprig sprigs leaf leave bunch bunches head heads clove stalk stalks rib ribs ear ears handful handfuls pinch dash
slice slices sliced fillet fillets floret florets segment segments spear spears bulb bulbs knob thumb inch cm
red green yellow white black brown orange purple golden dark light pink gold
fresh freshly frozen thawed dried dry canned tinned jarred bottled packed loosely firmly lightly heaping heaped level
chopped finely roughly coarsely minced diced sliced thinly thickly grated shredded crushed ground cracked torn julienned
peeled unpeeled seeded deseeded pitted cored halved trimmed rinsed drained undrained washed scrubbed patted
toasted roasted smoked cooked uncooked raw boiled steamed blanched grilled fried baked poached mashed pureed
melted softened cold chilled warm hot lukewarm room temperature boiling iced
ripe unripe firm soft tender crisp crispy crunchy juicy sweet unsweetened sweetened salted unsalted lightly
plain pure natural organic regular standard good quality best premium homemade store-bought storebought bought
skinless boneless bone-in skin-on skin lean fatty trimmed
low reduced high full fat free sodium less-sodium no-salt-added added sugar-free
fine coarse flaky granulated superfine powdered caster icing confectioners confectioner
virgin extra-virgin cold-pressed refined unrefined
all purpose all-purpose self-raising self rising
flat-leaf flat leaf curly italian
divided separated beaten lightly whisked room-temperature temp temperature
can cans tin tins jar jars package packages pkg bag bags box boxes carton cartons container containers block blocks
ounce ounces oz gram grams g kg lb lbs pound pounds ml milliliter milliliters liter liters cup cups tablespoon
tablespoons tbsp teaspoon teaspoons tsp
zest rind sharp mild aged pickled granule granules cut whipped very semisweet bittersweet seasoned unseasoned pearl
pearled semi pasture raised free-range range crumbled creamy chunky smooth flake flakes distilled squeezed sifted shelled
shaved split solid remaining previously roast toasting cooking vegan dairy-free
`;

const SET: ReadonlySet<string> = new Set(DESCRIPTORS.split(/\s+/).filter(Boolean));

/** Is this (singular, lower-case) word one that only describes a food? Numbers count as descriptions too. */
export function isDescriptor(word: string): boolean {
  return SET.has(word) || /^\d+([./]\d+)?$/.test(word);
}
