/**
 * Makes a value safe to place in an iPXE script line: iPXE expands `${...}`, splits on `||`/`&&`,
 * treats `#` as a comment and a newline as the end of the command, so none of those may come
 * from data. Letters, digits and plain punctuation pass.
 */
export function ipxeText(value: string | number | null | undefined, fallback = '-'): string {
  const text = String(value ?? '').replace(/[^A-Za-z0-9 .,:;()/=+_@%?-]/g, '').trim();
  return text || fallback;
}

/** A URL placed in a script: query values are percent-encoded, so only `&` needs keeping. */
export function ipxeUrl(url: string): string {
  return url.replace(/[^A-Za-z0-9.,:;/=+_%?&~-]/g, '');
}
