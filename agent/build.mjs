// The agent's production build (Railway runs it; `npm start` too): one bundle, dist/server.js. The workspace packages
// (@chef-chopsky/contract, @chef-chopsky/kitchen, @chef-chopsky/shared-state) are TypeScript source, so they are bundled in; every other package
// stays an import from node_modules. esbuild applies aliases before deciding what is external, which is what bundles
// the workspace packages while `packages: 'external'` keeps the rest out.
//
// Source maps reach Sentry through Sentry's own esbuild plugin: it stamps a debug ID into the bundle and its map (the
// SDK reports it with every error, which is how Sentry finds the map) and, when SENTRY_AUTH_TOKEN, SENTRY_ORG and
// SENTRY_PROJECT are set for the build (Railway's service variables are), uploads both under the release
// `agent@<RELEASE or Railway's commit SHA>`, the name agent/src/observability/sentry.ts reports. Without a token it
// only stamps the ID, so a laptop build is the same bundle and talks to nobody. A failed upload is a warning, not a
// failed build: a fix must still be able to ship while Sentry is down.
import { build } from 'esbuild';
import { sentryEsbuildPlugin } from '@sentry/bundler-plugins/esbuild';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

const here = path.dirname(fileURLToPath(import.meta.url));
const packages = path.join(here, '..', 'packages');
// The Node release every environment runs (.nvmrc): esbuild leaves as written what that Node supports.
const node = readFileSync(path.join(here, '..', '.nvmrc'), 'utf8').trim();

/** Options for Sentry's plugin from the build's environment. */
function sentryPluginOptions(env, outdir) {
  const upload = Boolean(env.SENTRY_AUTH_TOKEN && env.SENTRY_ORG && env.SENTRY_PROJECT);
  const sha = env.RELEASE || env.RAILWAY_GIT_COMMIT_SHA;
  return {
    org: env.SENTRY_ORG,
    project: env.SENTRY_PROJECT,
    authToken: env.SENTRY_AUTH_TOKEN,
    url: env.SENTRY_URL,
    telemetry: false,
    silent: !upload,
    // The release itself, its deploy and its commits are recorded by scripts/sentry-release.ts in the deploy workflow.
    release: { name: sha ? `agent@${sha}` : undefined, inject: false, create: false, finalize: false, setCommits: false, deploy: false },
    sourcemaps: { disable: upload ? false : 'disable-upload', assets: [path.join(outdir, '*.js'), path.join(outdir, '*.js.map')] },
    errorHandler: (error) => console.warn(`sentry: the agent's source maps were not uploaded: ${error.message}`),
  };
}

async function buildAgent(outdir) {
  await build({
    entryPoints: [path.join(here, 'src', 'server.ts')],
    outfile: path.join(outdir, 'server.js'),
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
    plugins: [sentryEsbuildPlugin(sentryPluginOptions(process.env, outdir))],
    // Sentry's plugin wraps the entry in a proxy that re-exports `default`, which server.ts does not have: esbuild warns
    // that the import is undefined on every build. tsc (npm run typecheck) is what checks our own imports.
    logOverride: { 'import-is-undefined': 'silent' },
    logLevel: 'warning',
  });
}

// `node build.mjs [--outdir DIR]`: DIR for a test's build, so it never overwrites the dist/ a running `npm start` uses.
const { values } = parseArgs({ options: { outdir: { type: 'string' } } });
await buildAgent(values.outdir ? path.resolve(values.outdir) : path.join(here, 'dist'));
