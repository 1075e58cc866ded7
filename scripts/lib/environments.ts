/**
 * The branch → environment table (RUNBOOK.md "Environments"). One place, used by the deploy workflow through
 * resolve-environment.ts and by every script that needs to know which platform environment a name means.
 */
export type EnvironmentName = 'production' | 'staging' | 'preview';
export const ENVIRONMENTS: readonly EnvironmentName[] = ['production', 'staging', 'preview'];
/** Environments with their own long-lived agent and database (previews share staging's). */
export const LONG_LIVED: readonly EnvironmentName[] = ['production', 'staging'];

export interface Deployment {
  environment: EnvironmentName | 'none';
  /** Vercel target: `vercel deploy --prod` for production; staging and previews are preview deployments. */
  vercelTarget: 'production' | 'preview' | '';
  deployAgent: boolean;
  /** Railway environment of the agent this frontend talks to. */
  railwayEnvironment: 'production' | 'staging' | '';
  migrations: 'push' | 'none';
  supabaseProject: 'production' | 'staging' | '';
}

const none: Deployment = { environment: 'none', vercelTarget: '', deployAgent: false, railwayEnvironment: '', migrations: 'none', supabaseProject: '' };

export function resolveDeployment(branch: string): Deployment {
  const name = branch.replace(/^refs\/heads\//, '');
  if (name === 'main') {
    return { environment: 'production', vercelTarget: 'production', deployAgent: true, railwayEnvironment: 'production', migrations: 'push', supabaseProject: 'production' };
  }
  if (name === 'staging') {
    return { environment: 'staging', vercelTarget: 'preview', deployAgent: true, railwayEnvironment: 'staging', migrations: 'push', supabaseProject: 'staging' };
  }
  if (/^(feat|feature)\/[A-Za-z0-9._/-]+$/.test(name) && !name.includes('..') && !name.endsWith('/')) {
    // Previews hold no database credential (docs/environments.md): migrations run only from staging and main.
    return { environment: 'preview', vercelTarget: 'preview', deployAgent: false, railwayEnvironment: 'staging', migrations: 'none', supabaseProject: 'staging' };
  }
  return none;
}

/** Railway token for an environment: staging's project token is stored under its own name. */
export function railwayTokenFor(env: NodeJS.ProcessEnv, environment: 'production' | 'staging'): string | undefined {
  return environment === 'production' ? env.RAILWAY_TOKEN : (env.RAILWAY_STAGING_TOKEN ?? env.RAILWAY_TOKEN);
}

export const AGENT_SERVICE = 'agent';
