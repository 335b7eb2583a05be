/**
 * Reads a compact JWS without verifying it, as anyone holding the token can:
 * base64url is an encoding, not encryption (JWT-11, misconception 1). Never
 * throws; says precisely what is wrong instead. No jose import, so the page
 * can show tokens before the crypto code has loaded.
 */

/** base64url → bytes, tolerant of missing padding; throws on other characters. */
export function decodeSegment(segment: string): Uint8Array {
  if (!/^[A-Za-z0-9_-]*$/.test(segment)) throw new Error('contains characters outside base64url');
  const b64 = segment.replace(/-/g, '+').replace(/_/g, '/');
  const bin = atob(b64 + '='.repeat((4 - (b64.length % 4)) % 4));
  return Uint8Array.from(bin, (c) => c.charCodeAt(0));
}

export type DecodedToken =
  | { ok: true; header: Record<string, unknown>; payload: Record<string, unknown>; signature: string }
  | { ok: false; problem: string };

function jsonObject(segment: string, part: string): Record<string, unknown> {
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(decodeSegment(segment));
  } catch (error) {
    throw new Error(`The ${part} is not valid base64url UTF-8 (${error instanceof Error ? error.message : String(error)})`, { cause: error });
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw new Error(`The ${part} decodes to text that is not JSON`);
  }
  if (!value || typeof value !== 'object' || Array.isArray(value)) throw new Error(`The ${part} is JSON but not an object`);
  return value as Record<string, unknown>;
}

/**
 * The header's `alg` (and `kid`) for the trace only, never to choose how to
 * verify (the server's allowlist decides, misconception 8): `?` when the
 * header cannot be read.
 */
export function peekHeader(token: string): { alg: string; kid?: string } {
  try {
    const { alg, kid } = jsonObject(token.trim().split('.')[0] ?? '', 'header');
    return { alg: String(alg ?? '?'), ...(typeof kid === 'string' ? { kid } : {}) };
  } catch {
    return { alg: '?' };
  }
}

export function decodeToken(token: string): DecodedToken {
  const parts = token.trim().split('.');
  if (parts.length !== 3) {
    return { ok: false, problem: `A signed JWT has 3 dot-separated parts (header.payload.signature); this has ${parts.length}` };
  }
  try {
    return { ok: true, header: jsonObject(parts[0]!, 'header'), payload: jsonObject(parts[1]!, 'payload'), signature: parts[2]! };
  } catch (error) {
    return { ok: false, problem: error instanceof Error ? error.message : String(error) };
  }
}
