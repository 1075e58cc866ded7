import type { Metadata } from 'next';
import Link from 'next/link';

export const metadata: Metadata = { title: 'The built-in planner' };

/** What the chef understands when it runs without a language model (docs/kitchen.md, "Built-in planner brain"). */
const UNDERSTOOD: { what: string; examples: string[] }[] = [
  { what: 'Plan requests', examples: ['Plan 5 dinners for 4', 'A week for a family of four', '3 vegetarian lunches'] },
  { what: 'Diets and allergies', examples: ['vegan', 'no nuts', 'nut-free', 'dairy free', 'gluten-free', 'peanut allergy'] },
  { what: 'Dislikes', examples: ['I don’t like mushrooms'] },
  { what: 'What you have on hand', examples: ['I have kale and tomatoes', 'from my CSA box: kale, beets'] },
  { what: 'Time', examples: ['under 30 minutes', '3 hours total', 'under two hours of prep'] },
  { what: 'Nutrition targets', examples: ['2000 kcal', '120 g protein'] },
  { what: 'Ingredients you want', examples: ['3 dinners with chicken', 'lunches using chickpeas'] },
  { what: 'Swaps', examples: ['swap Tuesday’s dinner', 'swap day 2 dinner', 'swap Tuesday’s dinner for something with salmon'] },
  { what: 'Grocery lists', examples: ['grocery list', 'grocery list in US units'] },
  { what: 'Questions about a plan and your kitchen', examples: ['what can I make with kale, chickpeas and tomatoes?', 'how much protein?', 'what can I use instead of butter?'] },
];

export default function BuiltInPlannerPage() {
  return (
    <main id="main" className="min-h-0 flex-1 overflow-y-auto">
      <div className="mx-auto max-w-2xl px-4 py-8 md:px-6">
        <h1 className="font-serif text-2xl font-semibold">The built-in planner</h1>
        <p className="mt-2 text-ink-700">
          This Chef Chopsky runs without a language model. Its replies come from a built-in planner that reads the kinds of
          requests below and answers from the same kitchen a model would use: real recipes, nutrition data, your
          household’s allergies and diet, and grocery lists that add up. What it cannot do is hold a free-form
          conversation: a request it does not recognise gets a reply listing what it can do.
        </p>
        <h2 className="mt-6 font-serif text-lg font-semibold">What it understands</h2>
        <dl className="mt-2 divide-y divide-cream-200 rounded-2xl border border-cream-300 bg-surface">
          {UNDERSTOOD.map(({ what, examples }) => (
            <div key={what} className="px-4 py-3">
              <dt className="text-sm font-semibold text-ink-900">{what}</dt>
              <dd className="mt-0.5 text-sm text-ink-700">{examples.map((example) => `“${example}”`).join(', ')}</dd>
            </div>
          ))}
        </dl>
        <p className="mt-4 text-sm text-ink-700">
          An ingredient you ask for that your diet, an allergy or a dislike rules out stays out of the plan, and the reply
          says why. Whoever runs this service can connect a language model by setting <code>OPENAI_API_KEY</code> (and
          <code> MODEL_ID</code>) for the agent.
        </p>
        <p className="mt-6">
          <Link href="/" className="btn-primary">
            Back to the chat
          </Link>
        </p>
      </div>
    </main>
  );
}
