'use client';

import { useState } from 'react';
import { THEME_CHOICES, THEME_COOKIE, THEME_COOKIE_MAX_AGE_S, type ThemeChoice } from '@/lib/theme';

const LABEL: Record<ThemeChoice, string> = { system: 'System', light: 'Light', dark: 'Dark' };

/**
 * System, light or dark, as native radio buttons (arrow keys move between them). The choice applies at once and is
 * remembered in a cookie the server renders into the next page, so it never flashes the other theme.
 */
export function ThemeToggle({ initial }: { initial: ThemeChoice }) {
  const [choice, setChoice] = useState(initial);
  const choose = (next: ThemeChoice) => {
    setChoice(next);
    const root = document.documentElement;
    if (next === 'system') {
      delete root.dataset.theme;
      document.cookie = `${THEME_COOKIE}=; path=/; max-age=0; samesite=lax`;
    } else {
      root.dataset.theme = next;
      document.cookie = `${THEME_COOKIE}=${next}; path=/; max-age=${THEME_COOKIE_MAX_AGE_S}; samesite=lax`;
    }
  };
  return (
    <fieldset className="flex items-center gap-2 text-sm" data-testid="theme-toggle">
      <legend className="float-left mr-auto font-medium text-ink-700">Theme</legend>
      <div className="flex gap-1 rounded-full bg-cream-200 p-1">
        {THEME_CHOICES.map((option) => (
          <label
            key={option}
            className="cursor-pointer rounded-full px-2.5 py-0.5 text-ink-700 hover:text-ink-900 has-[:checked]:bg-surface has-[:checked]:text-ink-900 has-[:checked]:shadow-sm has-[:focus-visible]:focus-ring"
          >
            <input type="radio" name="theme" value={option} checked={choice === option} onChange={() => choose(option)} className="sr-only" />
            {LABEL[option]}
          </label>
        ))}
      </div>
    </fieldset>
  );
}
