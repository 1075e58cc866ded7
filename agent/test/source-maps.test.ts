import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { COPY } from '../src/errors';
import { postChat, readEvents, TOKEN, userSays } from './support/agent';
import { startFakeOpenAI } from './support/fake-openai';
import { startSentryApi } from './support/sentry-api';
import { startSentrySink } from './support/sentry-sink';
import { spawnAgent } from './support/spawn-agent';

// Each case runs the real build (esbuild and Sentry's plugin, a second or two) and the first also the built server.
jest.setTimeout(90_000);

const AGENT = path.resolve(__dirname, '..');
const SENTRY_TOKEN = 'sntrys_agent_build_token_marker';

/** `node agent/build.mjs --outdir DIR`, as Railway's build command runs it, with only the variables given. */
async function buildAgent(outdir: string, env: Record<string, string>) {
  const home = mkdtempSync(path.join(tmpdir(), 'agent-build-home-'));
  try {
    return await promisify(execFile)(process.execPath, [path.join(AGENT, 'build.mjs'), '--outdir', outdir], {
      env: { PATH: process.env.PATH ?? '', HOME: home, ...env },
    });
  } finally {
    rmSync(home, { recursive: true, force: true });
  }
}

const debugIdOf = (bundle: string) => /sentry-dbid-([0-9a-f-]{36})/.exec(bundle)?.[1];

describe("the agent's build and its source maps", () => {
  // Under agent/dist so the bundle finds node_modules as dist/server.js does; never dist/ itself, which `npm start` runs.
  const outdir = path.join(AGENT, 'dist', `test-source-maps-${process.pid}`);
  afterEach(() => rmSync(outdir, { recursive: true, force: true }));

  test('with a Sentry token, the bundle and its map reach Sentry under the debug ID that the built agent reports with an error', async () => {
    const api = await startSentryApi({ org: 'chef', token: SENTRY_TOKEN });
    const sink = await startSentrySink('public');
    const fake = await startFakeOpenAI(() => ({ status: 500 }));
    try {
      const build = await buildAgent(outdir, {
        SENTRY_URL: api.url, SENTRY_AUTH_TOKEN: SENTRY_TOKEN, SENTRY_ORG: 'chef', SENTRY_PROJECT: 'chef-chopsky-agent', RELEASE: 'abc1234',
      });
      expect(`${build.stdout}${build.stderr}`).not.toContain(SENTRY_TOKEN);
      expect(api.authorizations.every((header) => header === `Bearer ${SENTRY_TOKEN}`)).toBe(true);
      const debugId = debugIdOf(readFileSync(path.join(outdir, 'server.js'), 'utf8'));
      expect(debugId).toBeDefined();

      expect(api.bundles).toHaveLength(1);
      const [bundle] = api.bundles;
      expect(bundle?.projects).toEqual(['chef-chopsky-agent']);
      expect(bundle?.version).toBe('agent@abc1234');
      const files = [...(bundle?.files ?? new Map<string, Buffer>())];
      const code = files.find(([name]) => name.endsWith('.js'))?.[1].toString('utf8') ?? '';
      const map = JSON.parse(files.find(([name]) => name.endsWith('.js.map'))?.[1].toString('utf8') ?? '{}') as {
        debug_id?: string; sources?: string[]; sourcesContent?: string[];
      };
      expect(debugIdOf(code)).toBe(debugId);
      expect(map.debug_id).toBe(debugId);
      expect(map.sources).toEqual(expect.arrayContaining([expect.stringMatching(/src\/server\.ts$/), expect.stringMatching(/packages\/kitchen\/src\//)]));
      expect(map.sourcesContent).toHaveLength(map.sources?.length ?? -1);

      // The built server, as Railway starts it: its error event names the same debug ID, so Sentry finds the map.
      const agent = await spawnAgent(
        { GATEWAY_TOKEN: TOKEN, OPENAI_API_KEY: 'sk-x', OPENAI_BASE_URL: fake.url, MODEL_ID: 'm', SENTRY_DSN: sink.dsn, APP_ENV: 'staging', RELEASE: 'abc1234' },
        { script: path.join(outdir, 'server.js') },
      );
      try {
        const failed = await postChat(agent.url, userSays('plan dinners'));
        expect((await readEvents(failed)).at(-1)).toEqual({ event: 'error', data: { code: 'upstream:model', message: COPY.generic } });
        const event = await sink.waitForEvent(() => true, 15_000);
        expect(event.release).toBe('agent@abc1234');
        expect(event.debug_meta?.images).toEqual(expect.arrayContaining([expect.objectContaining({ type: 'sourcemap', debug_id: debugId })]));
      } finally {
        agent.child.kill('SIGKILL');
      }
    } finally {
      await Promise.all([api.close(), sink.close(), fake.close()]);
    }
  });

  test('without a Sentry token (a laptop, CI), the build asks Sentry nothing and still stamps the debug ID', async () => {
    const api = await startSentryApi({ org: 'chef', token: SENTRY_TOKEN });
    try {
      await buildAgent(outdir, { SENTRY_URL: api.url, SENTRY_ORG: 'chef', SENTRY_PROJECT: 'chef-chopsky-agent' });
      expect(api.requests).toEqual([]);
      expect(debugIdOf(readFileSync(path.join(outdir, 'server.js'), 'utf8'))).toBeDefined();
    } finally {
      await api.close();
    }
  });

  test('when Sentry refuses the upload, the build still succeeds, warns that the maps were not uploaded, and never prints the token', async () => {
    const api = await startSentryApi({ org: 'chef', token: 'sntrys_the_token_sentry_expects' });
    try {
      const build = await buildAgent(outdir, { SENTRY_URL: api.url, SENTRY_AUTH_TOKEN: SENTRY_TOKEN, SENTRY_ORG: 'chef', SENTRY_PROJECT: 'chef-chopsky-agent', RELEASE: 'abc1234' });
      expect(api.requests.length).toBeGreaterThan(0);
      expect(api.bundles).toEqual([]);
      expect(build.stderr).toMatch(/sentry: the agent's source maps were not uploaded/);
      expect(`${build.stdout}${build.stderr}`).not.toContain(SENTRY_TOKEN);
      expect(readFileSync(path.join(outdir, 'server.js'), 'utf8')).toContain('startServer');
    } finally {
      await api.close();
    }
  });
});
