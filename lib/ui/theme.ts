export const THEME_COOKIE = 'nvo-theme';
export const THEMES = { light: 'g10', dark: 'g100' } as const;
export type ThemeName = keyof typeof THEMES;

export function themeFromCookie(value: string | undefined): ThemeName {
  return value === 'dark' ? 'dark' : 'light';
}
