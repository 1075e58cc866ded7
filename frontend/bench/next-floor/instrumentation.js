// The floor's own (empty) instrumentation hook, so the build does not take the web app's (frontend/instrumentation.ts).
export function register() {}
