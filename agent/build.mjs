// The agent's production build (Railway runs it; `npm start` too): one bundle, dist/server.js. The workspace packages
// (@chef-chopsky/contract, @chef-chopsky/kitchen, @chef-chopsky/shared-state) are TypeScript source, so they are bundled in; every other package
// stays an import from node_modules. esbuild applies aliases before deciding what is external, which is what bundles
// the workspace packages while `packages: 'external'` keeps the rest out.
import { build } from 'esbuild';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const packages = path.join(here, '..', 'packages');
// The Node release every environment runs (.nvmrc): esbuild leaves as written what that Node supports.
const node = readFileSync(path.join(here, '..', '.nvmrc'), 'utf8').trim();

await build({
  entryPoints: [path.join(here, 'src', 'server.ts')],
  outfile: path.join(here, 'dist', 'server.js'),
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: `node${node}`,
  sourcemap: true,
  packages: 'external',
  alias: {
    '@chef-chopsky/contract': path.join(packages, 'contract', 'src'),
    '@chef-chopsky/kitchen': path.join(packages, 'kitchen', 'src'),
    '@chef-chopsky/shared-state': path.join(packages, 'shared-state', 'src'),
  },
  logLevel: 'warning',
});
