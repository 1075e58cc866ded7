/**
 * The cook's theme: the system's preference unless they chose light or dark. The choice is a cookie the server renders
 * into <html data-theme> (app/layout.tsx), so the first paint is already right, with no script before it; CSS
 * (globals.css) follows the system's preference when there is none. Browser-safe constants.
 */
export const THEME_COOKIE = 'theme';
export const THEME_CHOICES = ['system', 'light', 'dark'] as const;
export type ThemeChoice = (typeof THEME_CHOICES)[number];

export function themeChoiceOf(value: string | null | undefined): ThemeChoice {
  return value === 'light' || value === 'dark' ? value : 'system';
}

/** The page background of each theme, for the browser's own bars (`theme-color`). */
export const THEME_COLOR = { light: '#fbf6ee', dark: '#1a1512' } as const;

/** Remembered for a year; not HttpOnly (the page sets it), and nothing secret. */
export const THEME_COOKIE_MAX_AGE_S = 365 * 24 * 60 * 60;
