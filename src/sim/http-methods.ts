/**
 * Methods that must not change state (RFC 9110 §9.2.1). The shop keeps to
 * that, so CSRF defences skip them and SameSite=Lax lets top-level ones
 * through; one list, so the browser, the page and the server agree.
 */
export const SAFE_METHODS: ReadonlySet<string> = new Set(['GET', 'HEAD', 'OPTIONS']);

export const isSafeMethod = (method: string): boolean => SAFE_METHODS.has(method.toUpperCase());
