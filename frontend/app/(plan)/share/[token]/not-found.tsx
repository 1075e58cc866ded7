export default function NoLongerShared() {
  return (
    <main id="main" className="mx-auto flex min-h-dvh max-w-lg flex-col items-center justify-center gap-4 px-6 text-center" data-testid="no-longer-shared">
      <img src="/icon.svg" alt="" width={56} height={56} />
      <h1 className="font-serif text-2xl font-semibold">This plan is no longer shared</h1>
      <p className="text-ink-700">Whoever shared it has stopped sharing it, or the plan was deleted.</p>
      <a href="/" className="btn-primary">
        Plan your own meals
      </a>
    </main>
  );
}
