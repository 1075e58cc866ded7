import Link from 'next/link';

export default function NotFound() {
  return (
    <main id="main" className="mx-auto flex min-h-dvh max-w-lg flex-col items-center justify-center gap-4 px-6 text-center">
      <img src="/icon.svg" alt="" width={56} height={56} />
      <h1 className="font-serif text-2xl font-semibold">We couldn’t find that page</h1>
      <p className="text-ink-700">It may have been deleted, or it belongs to someone else’s kitchen.</p>
      <Link href="/" className="btn-primary">
        Start a new chat
      </Link>
    </main>
  );
}
