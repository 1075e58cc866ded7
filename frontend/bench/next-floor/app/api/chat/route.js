// A bare Next.js route handler relaying to the agent: what the required framework costs with none of the web app's work.
export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

export async function POST(request) {
  const { content } = await request.json();
  const agent = await fetch(`${process.env.AGENT_URL}/v1/chat`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${process.env.GATEWAY_TOKEN}` },
    body: JSON.stringify({ messages: [{ role: 'user', content }] }),
  });
  return new Response(agent.body, { headers: { 'content-type': 'text/event-stream', 'cache-control': 'no-store' } });
}
