/**
 * A migrated embedded database to copy for each e2e web server: opening a fresh PGlite directory (initdb plus every
 * migration) takes far longer than reopening a copy of one that is already set up.
 */
import { createHash } from 'node:crypto';
import os from 'node:os';
import path from 'node:path';

// One per checkout: two worktrees on one machine run different migrations, and a template made by one and copied by
// the other's servers gives them the wrong schema (or none, while it is being rebuilt).
const checkout = createHash('sha256').update(path.resolve(__dirname)).digest('hex').slice(0, 12);
export const DB_TEMPLATE_DIR = path.join(os.tmpdir(), `chopsky-e2e-db-template-${checkout}`);

if (require.main === module) {
  void (async () => {
    const { rmSync } = await import('node:fs');
    const { createStore } = await import('../../lib/db');
    rmSync(DB_TEMPLATE_DIR, { recursive: true, force: true });
    const store = createStore({ kind: 'embedded', dataDir: DB_TEMPLATE_DIR });
    await store.ping();
    await store.close();
    console.log(`e2e build: migrated database template in ${DB_TEMPLATE_DIR}`);
  })();
}
