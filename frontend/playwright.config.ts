import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { defineConfig, devices } from '@playwright/test';
import { MARKERS, PORTS } from './tests/e2e/markers';

/**
 * End-to-end against the real thing: the built agent in planner mode, a second agent in front of a slow local
 * OpenAI-compatible upstream (to stop a reply mid-stream), and three `next start` servers of the one production build
 * (`npm run e2e:run` builds first): the main one, one talking to the slow agent, one whose agent is down.
 * Each web server has its own temporary embedded database.
 */
const root = path.resolve(__dirname, '..');
const tmp = mkdtempSync(path.join(os.tmpdir(), 'chopsky-e2e-'));
const node = process.execPath;
const agentServer = path.join(root, 'agent', 'dist', 'server.js');
const tsx = path.join(root, 'node_modules', '.bin', 'tsx');

const agentEnv = { GATEWAY_TOKEN: MARKERS.GATEWAY_TOKEN, LOG_LEVEL: 'warn', RATE_LIMIT_REQUESTS: '10000' };
const webEnv = (name: string, agentPort: number) => ({
  AGENT_URL: `http://127.0.0.1:${agentPort}`,
  GATEWAY_TOKEN: MARKERS.GATEWAY_TOKEN,
  SESSION_SECRET: MARKERS.SESSION_SECRET,
  DATA_DIR: path.join(tmp, name),
  AGENT_TIMEOUT_MS: '60000',
  NEXT_TELEMETRY_DISABLED: '1',
});

export const chromiumLaunch = {
  executablePath: '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
};

export default defineConfig({
  testDir: './tests/e2e',
  fullyParallel: false,
  workers: 2,
  retries: 0,
  timeout: 45_000,
  expect: { timeout: 10_000 },
  reporter: [['list']],
  outputDir: path.join(tmp, 'test-results'),
  use: {
    baseURL: `http://127.0.0.1:${PORTS.web}`,
    ...devices['Desktop Chrome'],
    viewport: { width: 1280, height: 860 },
    launchOptions: chromiumLaunch,
    permissions: ['clipboard-read', 'clipboard-write'],
    trace: 'off',
    screenshot: 'only-on-failure',
  },
  projects: [{ name: 'chromium' }],
  webServer: [
    {
      command: `${JSON.stringify(node)} ${JSON.stringify(agentServer)}`,
      url: `http://127.0.0.1:${PORTS.agent}/health`,
      env: { ...agentEnv, PORT: String(PORTS.agent) },
      reuseExistingServer: false,
      timeout: 30_000,
    },
    {
      command: `${JSON.stringify(tsx)} ${JSON.stringify(path.join(__dirname, 'tests', 'support', 'openai-upstream.ts'))}`,
      url: `http://127.0.0.1:${PORTS.upstream}/v1/models`,
      env: { PORT: String(PORTS.upstream), FIRST_TOKEN_DELAY_MS: '100', TOKEN_INTERVAL_MS: '120', TOKENS: '400' },
      reuseExistingServer: false,
      timeout: 30_000,
    },
    {
      command: `${JSON.stringify(node)} ${JSON.stringify(agentServer)}`,
      url: `http://127.0.0.1:${PORTS.slowAgent}/health`,
      env: {
        ...agentEnv,
        PORT: String(PORTS.slowAgent),
        OPENAI_API_KEY: 'sk-e2e-dummy',
        OPENAI_BASE_URL: `http://127.0.0.1:${PORTS.upstream}/v1`,
        MODEL_ID: 'slow-model',
        MODEL_TOTAL_TIMEOUT_MS: '120000',
      },
      reuseExistingServer: false,
      timeout: 30_000,
    },
    ...(
      [
        ['web', PORTS.web, PORTS.agent],
        ['web-slow', PORTS.webSlow, PORTS.slowAgent],
        ['web-down', PORTS.webDown, PORTS.closed],
      ] as const
    ).map(([name, port, agentPort]) => ({
      command: `${JSON.stringify(tsx)} ${JSON.stringify(path.join(__dirname, 'tests', 'e2e', 'serve-web.ts'))} ${port}`,
      wait: { stdout: /chopsky-web-ready/ },
      env: webEnv(name, agentPort),
      reuseExistingServer: false,
      timeout: 90_000,
    })),
  ],
});
