'use client';

import { lazy } from 'react';
import type { ErrorScreenProps } from '@/components/error-screen';
import './globals.css';

// Every page's first load carries this boundary; the screen itself is fetched only when there is an error to show.
const ErrorScreen = lazy(() => import('@/components/error-screen'));

/** The root layout itself failed: this replaces it, so it brings its own document and styles. */
export default function GlobalError(props: ErrorScreenProps) {
  return (
    <html lang="en">
      <body>
        <title>Something went wrong · Chef Chopsky</title>
        <ErrorScreen {...props} />
      </body>
    </html>
  );
}
