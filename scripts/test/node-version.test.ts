/**
 * One Node release everywhere: .nvmrc names it; engines (read by Vercel from frontend/, by Railway's Railpack from
 * the root), the CI containers and .ci/use-node.sh follow it. use-node.sh runs here with a fake `node` and a fake
 * `npm` first on PATH (the npm registry is outside our control), the fake npm recording what it was asked.
 */
import { execFileSync } from 'node:child_process';
import { chmodSync, copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { load } from 'js-yaml';
import { REPO_ROOT } from '../lib/secrets-manifest';

const nvmrc = readFileSync(path.join(REPO_ROOT, '.nvmrc'), 'utf8').trim();
const major = nvmrc.split('.')[0]!;
const engines = (dir: string) => (JSON.parse(readFileSync(path.join(REPO_ROOT, dir, 'package.json'), 'utf8')) as { engines?: { node?: string } }).engines?.node;

describe('the Node release', () => {
  test('.nvmrc names one exact release of an LTS line', () => {
    expect(nvmrc).toMatch(/^\d+\.\d+\.\d+$/);
    expect(Number(major) % 2).toBe(0);
  });

  test('engines of the root, the agent and the web app name its major line, which Vercel and Railpack deploy', () => {
    expect({ root: engines('.'), agent: engines('agent'), frontend: engines('frontend') }).toEqual({
      root: `${major}.x`,
      agent: `${major}.x`,
      frontend: `${major}.x`,
    });
  });

  test('every workflow job that runs in a Node container runs in the .nvmrc release', () => {
    const dir = path.join(REPO_ROOT, '.github', 'workflows');
    const images = readdirSync(dir)
      .filter((file) => file.endsWith('.yml'))
      .flatMap((file) => Object.values((load(readFileSync(path.join(dir, file), 'utf8')) as { jobs: Record<string, { container?: string | { image: string } }> }).jobs))
      .map((job) => (typeof job.container === 'string' ? job.container : job.container?.image))
      .filter((image): image is string => Boolean(image?.startsWith('node:')));
    expect(images.length).toBeGreaterThan(0);
    for (const image of images) expect(image).toMatch(new RegExp(`^node:${nvmrc.replaceAll('.', '\\.')}-`));
  });
});

describe('.ci/use-node.sh', () => {
  const sandboxes: string[] = [];
  afterAll(() => sandboxes.forEach((dir) => rmSync(dir, { recursive: true, force: true })));

  /** A checkout with only .nvmrc and .ci/use-node.sh, and a bin/ of fakes: `node` of the given version, a recording `npm`. */
  function sandbox(machineNode: string) {
    const dir = mkdtempSync(path.join(tmpdir(), 'use-node-'));
    sandboxes.push(dir);
    mkdirSync(path.join(dir, '.ci'));
    copyFileSync(path.join(REPO_ROOT, '.ci', 'use-node.sh'), path.join(dir, '.ci', 'use-node.sh'));
    writeFileSync(path.join(dir, '.nvmrc'), `${nvmrc}\n`);
    const bin = path.join(dir, 'bin');
    mkdirSync(bin);
    const fakeNode = (version: string) =>
      `#!/bin/sh\ncase "$1" in\n  -v) echo v${version} ;;\n  -p) echo ${version.split('.')[0]} ;;\n  *) exit 9 ;;\nesac\n`;
    writeFileSync(path.join(bin, 'node'), fakeNode(machineNode));
    // The fake npm records its arguments; `install --global --prefix DIR node@V` leaves DIR/bin/node of version V.
    writeFileSync(
      path.join(bin, 'npm'),
      `#!/bin/sh
if [ "$1" = -v ]; then echo 11.0.0; exit 0; fi
echo "$@" >> "${dir}/npm-calls"
prefix=""; spec=""
while [ $# -gt 0 ]; do
  case "$1" in --prefix) prefix="$2"; shift ;; node@*) spec="\${1#node@}" ;; esac
  shift
done
[ -n "$prefix" ] && [ -n "$spec" ] || exit 3
mkdir -p "$prefix/bin"
printf '#!/bin/sh\\ncase "$1" in\\n  -v) echo v%s ;;\\n  -p) echo %s ;;\\n  *) exit 9 ;;\\nesac\\n' "$spec" "\${spec%%.*}" > "$prefix/bin/node"
chmod +x "$prefix/bin/node"
`,
    );
    chmodSync(path.join(bin, 'node'), 0o755);
    chmodSync(path.join(bin, 'npm'), 0o755);
    const run = () =>
      execFileSync('bash', ['-c', '. .ci/use-node.sh && echo "PATH_NODE=$(command -v node) $(node -v)"'], {
        cwd: dir,
        encoding: 'utf8',
        env: { PATH: `${bin}:/usr/bin:/bin`, HOME: dir },
      });
    const calls = () => (existsSync(path.join(dir, 'npm-calls')) ? readFileSync(path.join(dir, 'npm-calls'), 'utf8').trim().split('\n') : []);
    return { dir, run, calls };
  }

  test('when the machine has an older Node, it installs the .nvmrc release from npm into .tools/ and puts it first on PATH', () => {
    const { dir, run, calls } = sandbox('20.20.2');
    const out = run();
    const installed = path.join(dir, '.tools', `node-${nvmrc}`);
    expect(calls()).toEqual([`install --global --prefix ${installed} --no-audit --no-fund node@${nvmrc}`]);
    expect(out).toContain(`PATH_NODE=${installed}/bin/node v${nvmrc}`);
    expect(out).toContain('older than');
  });

  test('a second run reuses the release in .tools/ without asking npm again', () => {
    const { dir, run, calls } = sandbox('20.20.2');
    run();
    const out = run();
    expect(calls()).toHaveLength(1);
    expect(out).toContain(`PATH_NODE=${path.join(dir, '.tools', `node-${nvmrc}`)}/bin/node v${nvmrc}`);
  });

  test('when the machine already has that major, it keeps the machine\'s Node and never calls npm install', () => {
    const machine = `${major}.0.1`;
    const { dir, run, calls } = sandbox(machine);
    const out = run();
    expect(calls()).toEqual([]);
    expect(out).toContain(`PATH_NODE=${path.join(dir, 'bin', 'node')} v${machine}`);
    expect(existsSync(path.join(dir, '.tools'))).toBe(false);
  });
});
