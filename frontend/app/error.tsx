'use client';

import { lazy } from 'react';
import type { ErrorScreenProps } from '@/components/error-screen';

// Every page's first load carries this boundary; the screen itself is fetched only when there is an error to show.
const ErrorScreen = lazy(() => import('@/components/error-screen'));

/** A page or nested layout failed: the root layout (skip link, styles) stays, the failed segment shows this. */
export default function PageError(props: ErrorScreenProps) {
  return <ErrorScreen {...props} />;
}
