/** Installer-side script templates: `{{name}}` placeholders filled with a node's values. */

const PLACEHOLDER = /\{\{\s*([a-z_]+)\s*\}\}/g;

export class UnknownPlaceholderError extends Error {
  constructor(readonly names: string[]) {
    super(`Unknown template placeholders: ${names.join(', ')}`);
  }
}

/**
 * Values land inside single-quoted shell strings, so anything that could close the quote or
 * start an expansion is removed; real values (names, IPs, URLs, tokens) never contain it.
 */
export function shellSafe(value: string | number | null | undefined): string {
  return String(value ?? '').replace(/[^A-Za-z0-9._:/?=&%@,+~-]/g, '');
}

export function placeholdersOf(template: string): string[] {
  return [...new Set([...template.matchAll(PLACEHOLDER)].map((m) => m[1]))];
}

/** Fills every placeholder; a placeholder without a value is a template bug, reported as such. */
export function renderScriptTemplate(template: string, values: Record<string, string | number | null | undefined>): string {
  const unknown = placeholdersOf(template).filter((name) => !(name in values));
  if (unknown.length) throw new UnknownPlaceholderError(unknown);
  return template.replace(PLACEHOLDER, (_, name: string) => shellSafe(values[name]));
}
