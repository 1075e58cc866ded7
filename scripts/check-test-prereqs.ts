/**
 * First step of `npm test`: makes sure the machine has what the suite drives for real — Debian's Chromium for the
 * browser tests, the PostgreSQL 15 server binaries for the database tests and redis-server for the shared state of
 * many instances (limits, runs). As root it installs what is missing
 * (apt-get); otherwise it names the command to run and fails.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';

const needs: { pkg: string; present: () => boolean }[] = [
  { pkg: 'chromium', present: () => existsSync('/usr/bin/chromium') },
  { pkg: 'postgresql-15', present: () => existsSync('/usr/lib/postgresql/15/bin/postgres') },
  { pkg: 'redis-server', present: () => existsSync('/usr/bin/redis-server') },
];

const missing = needs.filter((need) => !need.present()).map((need) => need.pkg);
if (missing.length === 0) {
  console.log(`prereqs: ${needs.map((need) => need.pkg).join(', ')} are installed`);
  process.exit(0);
}

const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
const command = `apt-get update && apt-get install -y --no-install-recommends ${missing.join(' ')}`;
if (!isRoot) {
  console.error(`prereqs: missing ${missing.join(', ')}. Install them with:\n  sudo ${command}`);
  process.exit(1);
}

console.log(`prereqs: installing ${missing.join(', ')}`);
execFileSync('apt-get', ['update', '-qq'], { stdio: 'inherit' });
const install = spawnSync('apt-get', ['install', '-y', '-qq', '--no-install-recommends', ...missing], {
  stdio: 'inherit',
  env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
});
process.exit(install.status ?? 1);
