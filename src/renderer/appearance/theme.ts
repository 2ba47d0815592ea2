import { useEffect, useSyncExternalStore } from 'react';
import type { Theme } from '../../shared/api/types';

/** PatternFly 6's dark theme: this class on <html> switches every token it defines. */
export const DARK_CLASS = 'pf-v6-theme-dark';
const DARK_QUERY = '(prefers-color-scheme: dark)';

export type ShownTheme = 'light' | 'dark';

export function resolveTheme(choice: Theme, systemDark: boolean): ShownTheme {
  if (choice === 'system') return systemDark ? 'dark' : 'light';
  return choice;
}

function systemQuery(): MediaQueryList | undefined {
  return typeof window.matchMedia === 'function' ? window.matchMedia(DARK_QUERY) : undefined;
}

/** Whether the system asks for dark, followed live (the user may switch while the app runs). */
function useSystemDark(): boolean {
  return useSyncExternalStore(
    (onChange) => {
      const query = systemQuery();
      query?.addEventListener('change', onChange);
      return () => query?.removeEventListener('change', onChange);
    },
    () => systemQuery()?.matches ?? false,
  );
}

/** Puts the chosen theme (or the system's, for 'system') on <html>. Called once, by App. */
export function useApplyTheme(choice: Theme): void {
  const shown = resolveTheme(choice, useSystemDark());
  useEffect(() => {
    const root = document.documentElement;
    root.classList.toggle(DARK_CLASS, shown === 'dark');
    // Native controls (scroll bars, date inputs) follow too.
    root.style.colorScheme = shown;
  }, [shown]);
}

function shownNow(): ShownTheme {
  return document.documentElement.classList.contains(DARK_CLASS) ? 'dark' : 'light';
}

/**
 * The theme on screen, read from <html>'s class rather than from the settings: what draws its own
 * colours (graphs, the terminal) reads PatternFly's variables, which change only once the class
 * is there, after App's effect (a child's effect runs before its parent's).
 */
export function useShownTheme(): ShownTheme {
  return useSyncExternalStore((onChange) => {
    const observer = new MutationObserver(onChange);
    observer.observe(document.documentElement, { attributes: true, attributeFilter: ['class'] });
    return () => observer.disconnect();
  }, shownNow);
}

/** A colour as the page resolves it now: `var(--token)` is read from the element's style. */
export function cssColor(el: Element, color: string): string {
  const token = /^var\((--[\w-]+)\)$/.exec(color)?.[1];
  if (!token) return color;
  return getComputedStyle(el).getPropertyValue(token).trim() || color;
}
