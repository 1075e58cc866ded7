import { classifyHealthBody } from '../lib/health';
import { run } from '../health-check';
import { healthJson, startServer, type TestServer, testCtx } from './helpers';

let server: TestServer;
afterEach(async () => server?.close());

describe('health check', () => {
  test('when the endpoint fails twice and then passes, then it retries with backoff and exits 0', async () => {
    let calls = 0;
    server = await startServer((_req, res) => {
      calls += 1;
      if (calls < 3) healthJson(res, 503, { status: 'fail', checks: { 'model:configured': [{ status: 'fail' }] } });
      else healthJson(res, 200, { status: 'pass', checks: {} });
    });
    const ctx = testCtx();
    const code = await run(['--agent-url', server.url, '--attempts', '4', '--initial-delay-ms', '100', '--max-delay-ms', '1000'], ctx);
    expect(code).toBe(0);
    expect(server.requests.map((r) => r.url)).toEqual(['/health/ready', '/health/ready', '/health/ready']);
    expect(ctx.sleeps).toEqual([100, 200]);
    expect(ctx.output()).toContain('model:configured: fail');
    expect(ctx.output()).toMatch(/PASS .*\/health\/ready .*attempt 3/);
  });

  test('when the endpoint keeps failing, then it gives up after the attempts and exits 1', async () => {
    server = await startServer((_req, res) => healthJson(res, 503, { status: 'fail' }));
    const ctx = testCtx();
    expect(await run(['--app-url', server.url, '--attempts', '3', '--initial-delay-ms', '10'], ctx)).toBe(1);
    expect(server.requests).toHaveLength(3);
    expect(server.requests[0]?.url).toBe('/api/health/ready');
    expect(ctx.output()).toMatch(/FAIL .*HTTP 503/);
  });

  test('when the body says warn, then it passes with a warning', async () => {
    server = await startServer((_req, res) => healthJson(res, 200, { status: 'warn', checks: { 'model:fallback': { status: 'warn' } } }));
    const ctx = testCtx();
    expect(await run(['--url', `${server.url}/health/ready`, '--attempts', '1'], ctx)).toBe(0);
    expect(ctx.output()).toMatch(/WARN .*model:fallback: warn/);
  });

  test('when a 200 body says fail, then it is a failure', async () => {
    server = await startServer((_req, res) => healthJson(res, 200, { status: 'fail' }));
    expect(await run(['--url', `${server.url}/x`, '--attempts', '2', '--initial-delay-ms', '1'], testCtx())).toBe(1);
  });

  test('when the old release still answers, then it waits for the expected releaseId', async () => {
    let calls = 0;
    server = await startServer((_req, res) => {
      calls += 1;
      healthJson(res, 200, { status: 'pass', releaseId: calls < 3 ? 'old111' : 'new222', checks: {} });
    });
    const ctx = testCtx();
    expect(await run(['--agent-url', server.url, '--expect-release', 'new222', '--attempts', '5', '--initial-delay-ms', '1'], ctx)).toBe(0);
    expect(server.requests).toHaveLength(3);
    expect(ctx.output()).toContain('serving release old111, waiting for new222');
    expect(ctx.output()).toMatch(/PASS .*release new222/);
  });

  test('when the body has no releaseId, then --expect-release passes on the status alone', async () => {
    server = await startServer((_req, res) => healthJson(res, 200, { status: 'pass' }));
    const ctx = testCtx();
    expect(await run(['--agent-url', server.url, '--expect-release', 'abc', '--attempts', '1'], ctx)).toBe(0);
    expect(ctx.output()).toContain('no releaseId to compare');
  });

  test('when nothing listens, then the connection error is a failure', async () => {
    server = await startServer((_req, res) => healthJson(res, 200, {}));
    const url = server.url;
    await server.close();
    expect(await run(['--url', `${url}/health`, '--attempts', '1'], testCtx())).toBe(1);
  });

  test('when no endpoint is given, then it is a usage error', async () => {
    await expect(run([], testCtx())).rejects.toThrow(/--url/);
    await expect(run(['--url', 'ftp://x', '--attempts', '1'], testCtx())).rejects.toThrow(/http/);
  });

  test('classifies health+json statuses and their aliases', () => {
    expect(classifyHealthBody({ status: 'pass' })).toBe('pass');
    expect(classifyHealthBody({ status: 'ok' })).toBe('pass');
    expect(classifyHealthBody({ status: 'warn' })).toBe('warn');
    expect(classifyHealthBody({ status: 'down' })).toBe('fail');
    expect(classifyHealthBody({ nope: 1 })).toBeNull();
  });
});
