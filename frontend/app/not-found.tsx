export default function NotFound() {
  return (
    <main id="main" className="mx-auto flex min-h-dvh max-w-lg flex-col items-center justify-center gap-4 px-6 text-center">
      <img src="/icon.svg" alt="" width={56} height={56} />
      <h1 className="font-serif text-2xl font-semibold">We couldn’t find that page</h1>
      <p className="text-ink-700">It may have been deleted, or it belongs to someone else’s kitchen.</p>
      {/* A plain link, not next/link: this boundary is part of every page, and next/link as its only client component
          would be a chunk of its own on every first load, a second copy of the one in the chat shell's chunk. */}
      <a href="/" className="btn-primary">
        Start a new chat
      </a>
    </main>
  );
}
