// A recording stand-in for vercel, railway and gh in tests (these cannot reach their services here; supabase and
// sentry-cli install from npm and the tests run the real ones). It first checks argv against what the real CLI
// accepts (cli-specs.js): a subcommand or flag the real tool would reject fails with exit code 2 and a usage error,
// as the real one would, and is recorded with `rejected`. Otherwise it appends {cli, argv, stdin, env} to
// $FAKE_CLI_RECORD as one JSON line, then answers with the first rule in $FAKE_CLI_RULES whose `cli` matches and whose
// `match` regex matches the joined argv (rules with `once: true` are used up). Without a matching rule it prints
// nothing and exits 0.
const fs = require('node:fs');
const { validate } = require('./cli-specs.js');

async function forwardGhApi(args, stdin) {
  let method;
  let endpoint;
  let input;
  for (let i = 0; i < args.length; i += 1) {
    const a = args[i];
    if (a === '--method' || a === '-X') method = args[++i];
    else if (a.startsWith('--method=')) method = a.slice('--method='.length);
    else if (a === '--input') input = args[++i];
    else if (!a.startsWith('-')) endpoint = a;
  }
  const body = input === '-' ? stdin : undefined;
  const url = `${process.env.FAKE_GH_API_URL.replace(/\/+$/, '')}/${endpoint.replace(/^\//, '')}`;
  const response = await fetch(url, { method: method || (body ? 'POST' : 'GET'), headers: { 'content-type': 'application/json' }, body });
  const text = await response.text();
  process.stdout.write(text);
  if (!response.ok) {
    process.stderr.write(`gh: HTTP ${response.status}\n`);
    process.exitCode = 1;
  }
}

module.exports = function fakeCli(cli) {
  const argv = process.argv.slice(2);
  let stdin;
  try {
    stdin = fs.readFileSync(0, 'utf8');
  } catch {
    stdin = '';
  }
  const envKeys = (process.env.FAKE_CLI_ENV_KEYS || '').split(',').filter(Boolean);
  const env = Object.fromEntries(envKeys.filter((k) => process.env[k] !== undefined).map((k) => [k, process.env[k]]));
  const rejected = validate(cli, argv);
  if (process.env.FAKE_CLI_RECORD) {
    fs.appendFileSync(process.env.FAKE_CLI_RECORD, `${JSON.stringify({ cli, argv, stdin, env, ...(rejected ? { rejected } : {}) })}\n`);
  }
  if (rejected) {
    process.stderr.write(`Error: ${rejected}\n`);
    process.exitCode = 2;
    return;
  }
  // `gh api` against a stand-in GitHub (FAKE_GH_API_URL, a local server): the real gh sends the same request to
  // api.github.com. Method from --method/-X (GET, or POST when fields or --input are given), body from --input -.
  if (cli === 'gh' && argv[0] === 'api' && process.env.FAKE_GH_API_URL) return forwardGhApi(argv.slice(1), stdin);
  const rulesFile = process.env.FAKE_CLI_RULES;
  if (!rulesFile || !fs.existsSync(rulesFile)) return;
  const rules = JSON.parse(fs.readFileSync(rulesFile, 'utf8'));
  const usedFile = `${rulesFile}.used`;
  const used = fs.existsSync(usedFile) ? JSON.parse(fs.readFileSync(usedFile, 'utf8')) : [];
  const joined = argv.join(' ');
  const index = rules.findIndex((rule, i) => rule.cli === cli && !used.includes(i) && new RegExp(rule.match || '').test(joined));
  if (index === -1) return;
  const rule = rules[index];
  if (rule.once) fs.writeFileSync(usedFile, JSON.stringify([...used, index]));
  if (rule.stdout) process.stdout.write(rule.stdout);
  if (rule.stderr) process.stderr.write(rule.stderr);
  process.exitCode = rule.exitCode || 0;
};
