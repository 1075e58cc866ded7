import type { Metadata, Viewport } from 'next';
import { cookies } from 'next/headers';
import { THEME_COLOR, THEME_COOKIE, themeChoiceOf } from '@/lib/theme';
import './globals.css';

export const metadata: Metadata = {
  title: { default: 'Chef Chopsky', template: '%s · Chef Chopsky' },
  description: 'Meal plans and grocery lists computed from real recipe and nutrition data.',
  icons: { icon: '/icon.svg' },
};

async function themeChoice() {
  return themeChoiceOf((await cookies()).get(THEME_COOKIE)?.value);
}

export async function generateViewport(): Promise<Viewport> {
  const theme = await themeChoice();
  return {
    width: 'device-width',
    initialScale: 1,
    themeColor:
      theme === 'system'
        ? [
            { media: '(prefers-color-scheme: light)', color: THEME_COLOR.light },
            { media: '(prefers-color-scheme: dark)', color: THEME_COLOR.dark },
          ]
        : THEME_COLOR[theme],
  };
}

export default async function RootLayout({ children }: { children: React.ReactNode }) {
  // A chosen theme is in the HTML itself; without one, CSS follows the system (globals.css). No script, so no flash.
  const theme = await themeChoice();
  return (
    <html lang="en" data-theme={theme === 'system' ? undefined : theme}>
      <body>
        <a
          href="#main"
          className="sr-only focus:not-sr-only focus:fixed focus:top-2 focus:left-2 focus:z-50 focus:rounded-full focus:bg-surface focus:px-4 focus:py-2 focus:shadow"
        >
          Skip to main content
        </a>
        {children}
      </body>
    </html>
  );
}
