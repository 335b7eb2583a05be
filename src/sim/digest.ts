/** SHA-256 of a text, base64url: session handles, token fingerprints. Web Crypto, so it runs in Node and the browser. */
import { toBase64Url } from './random';

export async function sha256Base64Url(text: string): Promise<string> {
  return toBase64Url(new Uint8Array(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(text))));
}
