/** Only same-site paths are allowed as post-sign-in targets (no open redirect). */
export function safeCallbackPath(path: string | null | undefined): string {
  if (!path || !path.startsWith('/') || path.startsWith('//') || path.startsWith('/\\')) return '/';
  return path;
}
