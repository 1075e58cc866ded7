// The floor's own configuration: nothing of the web app's (frontend/next.config.ts with Sentry, frontend/instrumentation.ts)
// may reach this build, or it measures more than the framework.
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..', '..');

export default { turbopack: { root } };
