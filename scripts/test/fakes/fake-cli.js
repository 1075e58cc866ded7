// A recording stand-in for vercel, railway, gh, supabase and sentry-cli in tests (these cannot reach their
// services here). It appends {cli, argv, stdin, env} to $FAKE_CLI_RECORD as one JSON line, then answers with the
// first rule in $FAKE_CLI_RULES whose `cli` matches and whose `match` regex matches the joined argv
// (rules with `once: true` are used up). Without a matching rule it prints nothing and exits 0.
const fs = require('node:fs');

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
  if (process.env.FAKE_CLI_RECORD) {
    fs.appendFileSync(process.env.FAKE_CLI_RECORD, `${JSON.stringify({ cli, argv, stdin, env })}\n`);
  }
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
