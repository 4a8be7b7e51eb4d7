'use client';

import { Theme } from '@carbon/react';
import { createContext, useCallback, useContext, useState } from 'react';
import { THEME_COOKIE, THEMES, type ThemeName } from '@/lib/ui/theme';

const ThemeContext = createContext<{ theme: ThemeName; toggle: () => void }>({
  theme: 'light',
  toggle: () => {},
});

export function useTheme() {
  return useContext(ThemeContext);
}

/** Carbon theme zone for the whole page; the choice persists in a cookie so the server renders it. */
export function ThemeRoot({ initial, children }: { initial: ThemeName; children: React.ReactNode }) {
  const [theme, setTheme] = useState<ThemeName>(initial);
  const toggle = useCallback(() => {
    setTheme((current) => {
      const next = current === 'dark' ? 'light' : 'dark';
      document.cookie = `${THEME_COOKIE}=${next}; path=/; max-age=31536000; samesite=lax`;
      return next;
    });
  }, []);
  return (
    <ThemeContext.Provider value={{ theme, toggle }}>
      <Theme theme={THEMES[theme]} style={{ minHeight: '100vh' }} data-theme-name={theme}>
        {children}
      </Theme>
    </ThemeContext.Provider>
  );
}
