import { webDarkTheme, webLightTheme, type Theme } from '@fluentui/react-components';
import { createContext, useCallback, useContext, useEffect, useState } from 'react';

export type ThemeKind = 'light' | 'dark';
const KEY = 'sales-tools.console.theme';

function systemTheme(): ThemeKind {
  return typeof window !== 'undefined' && window.matchMedia?.('(prefers-color-scheme: dark)').matches
    ? 'dark'
    : 'light';
}

function storedTheme(): ThemeKind | null {
  try {
    const value = window.localStorage.getItem(KEY);
    return value === 'dark' || value === 'light' ? value : null;
  } catch {
    return null;
  }
}

/** The same Fluent themes as the task pane; follows the system until the person picks one. */
export function useThemeChoice(): { kind: ThemeKind; theme: Theme; toggle(): void } {
  const [kind, setKind] = useState<ThemeKind>(() => storedTheme() ?? systemTheme());
  useEffect(() => {
    if (storedTheme()) return undefined;
    const query = window.matchMedia?.('(prefers-color-scheme: dark)');
    const follow = () => setKind(query.matches ? 'dark' : 'light');
    query?.addEventListener?.('change', follow);
    return () => query?.removeEventListener?.('change', follow);
  }, []);
  useEffect(() => {
    document.documentElement.style.colorScheme = kind;
  }, [kind]);
  const toggle = useCallback(() => {
    setKind((current) => {
      const next = current === 'dark' ? 'light' : 'dark';
      try {
        window.localStorage.setItem(KEY, next);
      } catch {
        // private mode: the choice lasts this page
      }
      return next;
    });
  }, []);
  return { kind, theme: kind === 'dark' ? webDarkTheme : webLightTheme, toggle };
}

export const ThemeChoiceContext = createContext<{ kind: ThemeKind; toggle(): void }>({
  kind: 'light',
  toggle: () => undefined,
});

export const useThemeToggle = () => useContext(ThemeChoiceContext);
