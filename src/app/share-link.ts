/**
 * A learner's scenario as a link: the text, deflate-raw compressed
 * (CompressionStream) and base64url encoded, goes into the address hash as
 * `#/scenarios?s=…`. Nothing leaves the page: the link carries the whole
 * scenario. Decoding never throws: a damaged or oversized link becomes a
 * sentence the page shows.
 */

/** The hash parameter that carries a shared scenario. */
export const SHARE_PARAM = 's';

/**
 * The longest encoded scenario a link may carry, in characters. Browsers
 * accept far longer addresses, but mail and chat apps cut long links; a
 * lesson-sized scenario (~8 KB of text) fits well under this.
 */
export const MAX_SHARE_CHARS = 8000;

/** The longest text a link may expand to: a tiny damaged or hostile link must not expand to megabytes. */
export const MAX_SHARED_TEXT_CHARS = 200_000;

export type ShareResult = { ok: true; value: string } | { ok: false; message: string };

const BASE64URL = /^[A-Za-z0-9_-]*$/;

function toBase64Url(bytes: Uint8Array): string {
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary).replaceAll('+', '-').replaceAll('/', '_').replace(/=+$/, '');
}

function fromBase64Url(text: string): Uint8Array {
  const base64 = text.replaceAll('-', '+').replaceAll('_', '/');
  const binary = atob(base64 + '='.repeat((4 - (base64.length % 4)) % 4));
  return Uint8Array.from(binary, (c) => c.charCodeAt(0));
}

/** Reads a stream to its end, giving up (and cancelling it) past `limit` bytes. */
async function readAll(stream: ReadableStream<Uint8Array>, limit: number): Promise<Uint8Array | null> {
  const reader = stream.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > limit) {
      await reader.cancel().catch(() => undefined);
      return null;
    }
    chunks.push(value);
  }
  const out = new Uint8Array(size);
  let at = 0;
  for (const chunk of chunks) {
    out.set(chunk, at);
    at += chunk.byteLength;
  }
  return out;
}

function through(bytes: Uint8Array, transform: CompressionStream | DecompressionStream): ReadableStream<Uint8Array> {
  return new Blob([bytes as Uint8Array<ArrayBuffer>]).stream().pipeThrough(transform);
}

const plural = (n: number) => n.toLocaleString('en');

/** The link parameter for `text`, or why it cannot be shared as a link. */
export async function encodeShare(text: string): Promise<ShareResult> {
  if (text.trim() === '') return { ok: false, message: 'There is nothing to share: the editor is empty.' };
  const bytes = new TextEncoder().encode(text);
  const compressed = await readAll(through(bytes, new CompressionStream('deflate-raw')), Number.POSITIVE_INFINITY);
  const value = toBase64Url(compressed ?? new Uint8Array());
  if (value.length > MAX_SHARE_CHARS) {
    return {
      ok: false,
      message: `This scenario is too long to share as a link: it needs ${plural(value.length)} characters and links are kept under ${plural(MAX_SHARE_CHARS)}, because mail and chat apps cut longer ones. Shorten it, or share the text itself.`,
    };
  }
  return { ok: true, value };
}

const DAMAGED = 'The shared scenario in this link could not be read: the link is damaged or cut short. Ask for the link again, or paste the scenario text instead.';

/** The scenario text a link parameter carries, or why it cannot be read. */
export async function decodeShare(param: string): Promise<ShareResult> {
  if (param === '') return { ok: false, message: 'The link carries an empty scenario.' };
  if (param.length > MAX_SHARE_CHARS) {
    return { ok: false, message: `The shared scenario in this link is too long (${plural(param.length)} characters; at most ${plural(MAX_SHARE_CHARS)} are read), so it was not opened.` };
  }
  if (!BASE64URL.test(param) || param.length % 4 === 1) return { ok: false, message: DAMAGED };
  try {
    // Every character takes at least one UTF-8 byte, so limiting bytes limits characters too.
    const bytes = await readAll(through(fromBase64Url(param), new DecompressionStream('deflate-raw')), MAX_SHARED_TEXT_CHARS);
    if (!bytes) {
      return { ok: false, message: `The shared scenario in this link expands to more than ${plural(MAX_SHARED_TEXT_CHARS)} characters, so it was not opened.` };
    }
    const text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    if (text.trim() === '') return { ok: false, message: 'The link carries an empty scenario.' };
    return { ok: true, value: text };
  } catch {
    return { ok: false, message: DAMAGED };
  }
}
