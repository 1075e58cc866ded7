import { type RecordedRequest, startServer, type TestServer } from './helpers';

/**
 * A stand-in for the parts of GitHub's REST API the scripts use through `gh api` (the fake gh forwards to it when
 * FAKE_GH_API_URL is set): deployments and their statuses, with GitHub's ordering (newest first) and filters
 * (environment, task), and environments with their deployment branch policies. State lives in memory.
 */
export interface FakeDeployment {
  id: number;
  sha: string;
  ref: string;
  environment: string;
  task: string;
  payload: Record<string, unknown>;
  created_at: string;
  statuses: { state: string; description?: string; environment_url?: string }[];
}

export interface FakeEnvironment {
  name: string;
  wait_timer: number;
  prevent_self_review: boolean;
  reviewers: { type: string; id: number }[];
  deployment_branch_policy: { protected_branches: boolean; custom_branch_policies: boolean } | null;
  branchPolicies: { id: number; name: string; type: string }[];
}

export interface FakeGitHub extends TestServer {
  deployments: FakeDeployment[];
  environments: Map<string, FakeEnvironment>;
  /** Seeds a deployment with a status, `minutesAgo` before the fixed clock (the newest first when listed). */
  seed(d: { environment: string; task: string; sha: string; state: string; payload?: Record<string, unknown>; minutesAgo: number }): FakeDeployment;
  writes(): RecordedRequest[];
}

export async function startFakeGitHub(): Promise<FakeGitHub> {
  const deployments: FakeDeployment[] = [];
  const environments = new Map<string, FakeEnvironment>();
  const teamIds = new Map([['chef-chopsky-oncall', 4242]]);
  let nextId = 1000;
  let clock = Date.parse('2026-11-21T00:00:00Z');
  const stamp = () => new Date((clock += 60_000)).toISOString();

  const server = await startServer((req, res) => {
    const url = new URL(req.url, 'http://github.local');
    const send = (status: number, body: unknown) => {
      res.writeHead(status, { 'content-type': 'application/json' });
      res.end(JSON.stringify(body));
    };
    const parts = url.pathname.split('/').filter(Boolean);
    if (parts[0] === 'orgs' && parts[2] === 'teams' && parts[3]) return send(200, { id: teamIds.get(parts[3]) ?? 404, slug: parts[3] });
    // repos/<owner>/<repo>/...
    if (parts[0] !== 'repos' || parts.length < 4) return send(404, { message: 'Not Found' });
    const rest = parts.slice(3);
    const body = req.body ? (JSON.parse(req.body) as Record<string, unknown>) : {};
    if (rest[0] === 'deployments' && rest.length === 1) {
      if (req.method === 'POST') {
        const d: FakeDeployment = {
          id: nextId++,
          sha: String(body.ref),
          ref: String(body.ref),
          environment: String(body.environment ?? 'production'),
          task: String(body.task ?? 'deploy'),
          payload: (body.payload as Record<string, unknown>) ?? {},
          created_at: stamp(),
          statuses: [],
        };
        deployments.push(d);
        return send(201, { ...d, statuses: undefined });
      }
      const environment = url.searchParams.get('environment');
      const task = url.searchParams.get('task');
      const perPage = Number(url.searchParams.get('per_page') ?? 30);
      const list = deployments
        .filter((d) => (!environment || d.environment === environment) && (!task || d.task === task))
        .sort((a, b) => Date.parse(b.created_at) - Date.parse(a.created_at) || b.id - a.id)
        .slice(0, perPage)
        .map(({ statuses: _statuses, ...d }) => d);
      return send(200, list);
    }
    if (rest[0] === 'deployments' && rest[2] === 'statuses') {
      const d = deployments.find((x) => x.id === Number(rest[1]));
      if (!d) return send(404, { message: 'Not Found' });
      if (req.method === 'POST') {
        d.statuses.unshift({ state: String(body.state), description: body.description as string | undefined, environment_url: body.environment_url as string | undefined });
        return send(201, d.statuses[0]);
      }
      return send(200, d.statuses.slice(0, Number(url.searchParams.get('per_page') ?? 30)));
    }
    if (rest[0] === 'environments' && rest[1]) {
      const name = decodeURIComponent(rest[1]);
      const env = environments.get(name);
      if (rest.length === 2) {
        if (req.method === 'PUT') {
          const next: FakeEnvironment = {
            name,
            wait_timer: Number(body.wait_timer ?? 0),
            prevent_self_review: Boolean(body.prevent_self_review),
            reviewers: (body.reviewers as FakeEnvironment['reviewers']) ?? [],
            deployment_branch_policy: (body.deployment_branch_policy as FakeEnvironment['deployment_branch_policy']) ?? null,
            branchPolicies: env?.branchPolicies ?? [],
          };
          environments.set(name, next);
          return send(200, next);
        }
        if (!env) return send(404, { message: 'Not Found' });
        const rules = [
          ...(env.wait_timer ? [{ type: 'wait_timer', wait_timer: env.wait_timer }] : []),
          ...(env.reviewers.length ? [{ type: 'required_reviewers', prevent_self_review: env.prevent_self_review, reviewers: env.reviewers.map((r) => ({ type: r.type, reviewer: { id: r.id } })) }] : []),
          ...(env.deployment_branch_policy ? [{ type: 'branch_policy' }] : []),
        ];
        return send(200, { name, deployment_branch_policy: env.deployment_branch_policy, protection_rules: rules });
      }
      if (rest[2] === 'deployment-branch-policies') {
        if (!env) return send(404, { message: 'Not Found' });
        if (req.method === 'POST') {
          const policy = { id: nextId++, name: String(body.name), type: String(body.type ?? 'branch') };
          env.branchPolicies.push(policy);
          return send(200, policy);
        }
        if (req.method === 'DELETE' && rest[3]) {
          env.branchPolicies = env.branchPolicies.filter((p) => p.id !== Number(rest[3]));
          return send(204, {});
        }
        return send(200, { total_count: env.branchPolicies.length, branch_policies: env.branchPolicies });
      }
    }
    return send(404, { message: 'Not Found' });
  });

  return {
    ...server,
    deployments,
    environments,
    seed({ environment, task, sha, state, payload = {}, minutesAgo }) {
      const d: FakeDeployment = { id: nextId++, sha, ref: sha, environment, task, payload, created_at: new Date(Date.parse('2026-11-21T00:00:00Z') - minutesAgo * 60_000).toISOString(), statuses: [{ state }] };
      deployments.push(d);
      return d;
    },
    writes: () => server.requests.filter((r) => r.method !== 'GET'),
  };
}
