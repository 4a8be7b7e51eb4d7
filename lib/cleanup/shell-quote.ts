/** Quotes one word for POSIX shells: everything inside single quotes is literal, `'` becomes `'\''`. */
export function shellQuote(value: string): string {
  return `'${value.replace(/'/g, `'\\''`)}'`;
}

/** Text safe to put after `#` on one line: no newlines or control characters can end the comment. */
export function shellComment(value: string): string {
  return value.replace(/[^\x20-\x7e]/g, '?');
}
