// What the real CLIs accept, so a recording fake rejects a typo the way the real tool would. Taken from each tool's
// documented usage (the command definitions in their sources): the Vercel CLI's packages/cli/src/commands/*/command.ts
// and util/arg-common.ts, the Railway CLI's src/commands/*.rs (clap), and `gh help` for api, secret and variable.
// Only the commands our scripts use (and their close relatives) are described; anything else is "unknown command".
//
// A flag is `string` (takes a value: `--flag value` or `--flag=value`), `bool`, or `multi` (a repeatable string).
// `args` is [min, max] positional arguments after the command words.

/** @typedef {{ flags?: Record<string, 'string'|'bool'|'multi'>, short?: Record<string, string>, args?: [number, number] }} CommandSpec */

const vercelGlobal = {
  flags: {
    help: 'bool', version: 'bool', cwd: 'string', 'local-config': 'string', 'global-config': 'string', debug: 'bool',
    'no-color': 'bool', 'non-interactive': 'bool', scope: 'string', token: 'string', team: 'string', api: 'string',
  },
  short: { h: 'help', v: 'version', A: 'local-config', Q: 'global-config', d: 'debug', S: 'scope', t: 'token', T: 'team' },
};

/** @type {Record<string, CommandSpec>} */
const vercelDeploy = {
  flags: {
    force: 'bool', 'with-cache': 'bool', env: 'multi', 'build-env': 'multi', meta: 'multi', regions: 'string', prebuilt: 'bool',
    prod: 'bool', archive: 'string', 'no-wait': 'bool', dry: 'bool', 'skip-domain': 'bool', yes: 'bool', logs: 'bool',
    guidance: 'bool', target: 'string', format: 'string', json: 'bool', project: 'string',
  },
  short: { f: 'force', e: 'env', b: 'build-env', m: 'meta', y: 'yes', l: 'logs', F: 'format' },
  args: [0, 1],
};

const vercel = {
  global: vercelGlobal,
  defaultCommand: 'deploy',
  commands: {
    deploy: vercelDeploy,
    build: { flags: { prod: 'bool', target: 'string', output: 'string', yes: 'bool' }, short: { y: 'yes' }, args: [0, 0] },
    pull: { flags: { environment: 'string', 'git-branch': 'string', prod: 'bool', yes: 'bool' }, short: { y: 'yes' }, args: [0, 1] },
    promote: { flags: { timeout: 'string', yes: 'bool' }, short: { y: 'yes' }, args: [1, 1] },
    'promote status': { flags: { timeout: 'string' }, args: [0, 1] },
    rollback: { flags: { timeout: 'string', yes: 'bool' }, short: { y: 'yes' }, args: [0, 1] },
    'rollback status': { flags: { timeout: 'string' }, args: [0, 1] },
    redeploy: { flags: { 'no-wait': 'bool', target: 'string' }, args: [0, 1] },
    'alias set': { flags: { yes: 'bool', json: 'bool' }, short: { y: 'yes' }, args: [2, 2] },
    'alias ls': { flags: { next: 'string', limit: 'string', json: 'bool' }, short: { N: 'next' }, args: [0, 0] },
    'alias rm': { flags: { yes: 'bool', json: 'bool' }, short: { y: 'yes' }, args: [1, 1] },
    'env add': { flags: { sensitive: 'bool', force: 'bool' }, args: [1, 3] },
    'env rm': { flags: { yes: 'bool' }, short: { y: 'yes' }, args: [1, 3] },
    'env remove': { flags: { yes: 'bool' }, short: { y: 'yes' }, args: [1, 3] },
    'env ls': { args: [0, 2] },
    'env list': { args: [0, 2] },
    'env pull': { flags: { environment: 'string', 'git-branch': 'string', yes: 'bool' }, short: { y: 'yes' }, args: [0, 1] },
  },
};

const railwayService = { service: 'string', environment: 'string' };
const railway = {
  global: { flags: { help: 'bool', version: 'bool' }, short: { h: 'help', V: 'version' } },
  commands: {
    up: {
      flags: {
        detach: 'bool', 'no-wait': 'bool', yes: 'bool', ci: 'bool', ...railwayService, project: 'string', workspace: 'string',
        'no-gitignore': 'bool', 'path-as-root': 'bool', verbose: 'bool', json: 'bool', message: 'string',
      },
      short: { d: 'detach', y: 'yes', c: 'ci', s: 'service', e: 'environment', p: 'project', w: 'workspace', m: 'message' },
      args: [0, 1],
    },
    redeploy: { flags: { service: 'string', yes: 'bool' }, short: { s: 'service', y: 'yes' }, args: [0, 0] },
    'variable list': { flags: { ...railwayService, kv: 'bool', json: 'bool' }, short: { s: 'service', e: 'environment', k: 'kv' }, args: [0, 0] },
    'variable ls': { flags: { ...railwayService, kv: 'bool', json: 'bool' }, short: { s: 'service', e: 'environment', k: 'kv' }, args: [0, 0] },
    'variable set': { flags: { ...railwayService, stdin: 'bool', 'skip-deploys': 'bool', json: 'bool' }, short: { s: 'service', e: 'environment' }, args: [1, 100] },
    'variable delete': { flags: { ...railwayService, json: 'bool' }, short: { s: 'service', e: 'environment' }, args: [1, 1] },
    'variable rm': { flags: { ...railwayService, json: 'bool' }, short: { s: 'service', e: 'environment' }, args: [1, 1] },
  },
};

const ghRepo = { repo: 'string' };
const gh = {
  global: { flags: { help: 'bool' }, short: {} },
  commands: {
    api: {
      flags: {
        method: 'string', header: 'multi', 'raw-field': 'multi', field: 'multi', input: 'string', jq: 'string', paginate: 'bool',
        slurp: 'bool', include: 'bool', hostname: 'string', cache: 'string', silent: 'bool', template: 'string', preview: 'multi', verbose: 'bool',
      },
      short: { X: 'method', H: 'header', f: 'raw-field', F: 'field', q: 'jq', i: 'include', t: 'template', p: 'preview' },
      args: [1, 1],
    },
    'auth login': { flags: { hostname: 'string', web: 'bool', 'with-token': 'bool', 'git-protocol': 'string', scopes: 'multi', 'insecure-storage': 'bool', 'skip-ssh-key': 'bool', clipboard: 'bool' }, short: { h: 'hostname', w: 'web', p: 'git-protocol', s: 'scopes', c: 'clipboard' }, args: [0, 0] },
    'secret list': { flags: { ...ghRepo, env: 'string', org: 'string', user: 'bool', app: 'string', json: 'string', jq: 'string', template: 'string' }, short: { R: 'repo', e: 'env', o: 'org', u: 'user', a: 'app', q: 'jq', t: 'template' }, args: [0, 0] },
    'secret set': { flags: { ...ghRepo, body: 'string', env: 'string', org: 'string', user: 'bool', app: 'string', visibility: 'string', repos: 'string', 'env-file': 'string', 'no-store': 'bool' }, short: { R: 'repo', b: 'body', e: 'env', o: 'org', u: 'user', a: 'app', v: 'visibility', r: 'repos', f: 'env-file' }, args: [0, 1] },
    'secret delete': { flags: { ...ghRepo, env: 'string', org: 'string', user: 'bool', app: 'string' }, short: { R: 'repo', e: 'env', o: 'org', u: 'user', a: 'app' }, args: [1, 1] },
    'variable list': { flags: { ...ghRepo, env: 'string', org: 'string', json: 'string', jq: 'string', template: 'string' }, short: { R: 'repo', e: 'env', o: 'org', q: 'jq', t: 'template' }, args: [0, 0] },
    'variable get': { flags: { ...ghRepo, env: 'string', org: 'string', json: 'string', jq: 'string', template: 'string' }, short: { R: 'repo', e: 'env', o: 'org', q: 'jq', t: 'template' }, args: [1, 1] },
    'variable set': { flags: { ...ghRepo, body: 'string', env: 'string', org: 'string', visibility: 'string', repos: 'string', 'env-file': 'string' }, short: { R: 'repo', b: 'body', e: 'env', o: 'org', v: 'visibility', r: 'repos', f: 'env-file' }, args: [0, 1] },
    'variable delete': { flags: { ...ghRepo, env: 'string', org: 'string' }, short: { R: 'repo', e: 'env', o: 'org' }, args: [1, 1] },
  },
};

const specs = { vercel, railway, gh };

/**
 * Checks argv against a CLI's spec. Returns null when the real tool would accept it, else the error it would print.
 * Command words are matched longest first ("alias set" before "alias"); a CLI with a default command (vercel's
 * deploy) uses it when the first word is not a command.
 */
function validate(cli, argv) {
  const spec = specs[cli];
  if (!spec) return null;
  const names = Object.keys(spec.commands).sort((a, b) => b.split(' ').length - a.split(' ').length);
  const words = [];
  for (const token of argv) {
    if (token.startsWith('-')) break;
    words.push(token);
  }
  let command = names.find((name) => name.split(' ').every((word, i) => words[i] === word));
  if (!command && spec.defaultCommand && !(words[0] && names.some((n) => n.split(' ')[0] === words[0]))) command = spec.defaultCommand;
  if (!command) return `unknown command "${words.join(' ')}"`;
  const consumed = command === spec.defaultCommand && words[0] !== spec.defaultCommand ? 0 : command.split(' ').length;
  const cmd = spec.commands[command];
  const flags = { ...spec.global.flags, ...(cmd.flags || {}) };
  const short = { ...spec.global.short, ...(cmd.short || {}) };
  const positionals = [];
  const rest = argv.slice(consumed);
  for (let i = 0; i < rest.length; i += 1) {
    const token = rest[i];
    if (token === '--') {
      positionals.push(...rest.slice(i + 1));
      break;
    }
    if (!token.startsWith('-') || token === '-') {
      positionals.push(token);
      continue;
    }
    const long = token.startsWith('--');
    const [rawName, inline] = long ? [token.slice(2).split('=')[0], token.includes('=') ? token.slice(token.indexOf('=') + 1) : undefined] : [token.slice(1, 2), token.length > 2 ? token.slice(2) : undefined];
    const name = long ? rawName : short[rawName];
    const kind = name && flags[name];
    if (!kind) return `unknown or unexpected option: ${long ? `--${rawName}` : `-${rawName}`} (${cli} ${command})`;
    if (kind === 'bool') {
      if (inline !== undefined && long) return `option --${name} takes no value (${cli} ${command})`;
      continue;
    }
    if (inline === undefined) {
      const next = rest[i + 1];
      if (next === undefined) return `option --${name} requires a value (${cli} ${command})`;
      i += 1;
    }
  }
  const [min, max] = cmd.args || [0, 0];
  if (positionals.length < min) return `missing argument: ${cli} ${command} needs ${min}, got ${positionals.length}`;
  if (positionals.length > max) return `unexpected argument "${positionals[max]}" (${cli} ${command} takes at most ${max})`;
  return null;
}

module.exports = { specs, validate };
