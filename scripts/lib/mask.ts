/**
 * Secret masking: every value registered here is replaced by *** in anything a script prints, and in Actions the
 * runner is told to mask it too (`::add-mask::`), so a value never reaches a log even through a CLI's own output.
 */
const secrets = new Set<string>();

export function registerSecret(value: string | undefined, inActions = Boolean(process.env.GITHUB_ACTIONS)): void {
  if (!value || value.length < 4) return;
  if (!secrets.has(value) && inActions) process.stdout.write(`::add-mask::${value}\n`);
  secrets.add(value);
}

export function mask(text: string): string {
  let result = text;
  for (const value of secrets) result = result.split(value).join('***');
  return result.replace(/(\/\/[^:/@\s]+:)[^@\s]+@/g, '$1***@');
}

/** Shows where a URL points without its path or query, which for webhooks is the secret part. */
export function redactUrl(url: string): string {
  try {
    const parsed = new URL(url);
    return `${parsed.protocol}//${parsed.host}/…`;
  } catch {
    return '<invalid url>';
  }
}
