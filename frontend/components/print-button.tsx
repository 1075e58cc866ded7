'use client';

import { IconPrint } from './card-icons';

/** Prints the page (the printable week and grocery list). */
export function PrintButton() {
  return (
    <button type="button" className="btn-secondary print:hidden" onClick={() => window.print()}>
      <IconPrint className="h-4 w-4" /> Print
    </button>
  );
}
