// A bare Next.js route handler relaying to the agent: what the required framework costs with none of the web app's work.
export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

export async function POST(request) {
  const { content } = await request.json();
  const agent = await fetch(`${process.env.AGENT_URL}/v1/chat`, {
    method: 'POST',
    // Each send is another cook (the header the web app forwards): the agent limits per cook.
    headers: { 'content-type': 'application/json', authorization: `Bearer ${process.env.GATEWAY_TOKEN}`, 'x-chopsky-cook': crypto.randomUUID() },
    body: JSON.stringify({ messages: [{ role: 'user', content }] }),
  });
  return new Response(agent.body, { headers: { 'content-type': 'text/event-stream', 'cache-control': 'no-store' } });
}
