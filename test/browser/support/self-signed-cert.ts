/**
 * A throwaway self-signed TLS certificate, made at test time with nothing
 * but node:crypto (no openssl binary, no dependency): an ECDSA P-256 key and
 * a minimal X.509 v3 certificate, DER-encoded by hand, for a loopback HTTPS
 * server that Chromium reaches with `--ignore-certificate-errors`.
 */
import { X509Certificate, generateKeyPairSync, sign } from 'node:crypto';

// ---- just enough DER (X.690) for one certificate
function length(n: number): Buffer {
  if (n < 0x80) return Buffer.from([n]);
  const bytes: number[] = [];
  for (let rest = n; rest > 0; rest >>= 8) bytes.unshift(rest & 0xff);
  return Buffer.from([0x80 | bytes.length, ...bytes]);
}
const tlv = (tag: number, ...content: Buffer[]): Buffer => {
  const body = Buffer.concat(content);
  return Buffer.concat([Buffer.from([tag]), length(body.length), body]);
};
const sequence = (...items: Buffer[]) => tlv(0x30, ...items);
const set = (...items: Buffer[]) => tlv(0x31, ...items);
const integer = (bytes: Buffer) => tlv(0x02, bytes[0]! & 0x80 ? Buffer.concat([Buffer.from([0]), bytes]) : bytes);
const utf8 = (text: string) => tlv(0x0c, Buffer.from(text, 'utf8'));
const octets = (bytes: Buffer) => tlv(0x04, bytes);
const bits = (bytes: Buffer) => tlv(0x03, Buffer.from([0]), bytes);
const explicit = (n: number, inner: Buffer) => tlv(0xa0 + n, inner);
function oid(dotted: string): Buffer {
  const [a, b, ...rest] = dotted.split('.').map(Number);
  const out = [a! * 40 + b!];
  for (const arc of rest) {
    const chunk = [arc & 0x7f];
    for (let v = arc >> 7; v > 0; v >>= 7) chunk.unshift(0x80 | (v & 0x7f));
    out.push(...chunk);
  }
  return tlv(0x06, Buffer.from(out));
}
function utcTime(date: Date): Buffer {
  const text = date.toISOString().replace(/[-:T]/g, '').slice(2, 14) + 'Z'; // YYMMDDHHMMSSZ
  return tlv(0x17, Buffer.from(text, 'ascii'));
}

const ECDSA_WITH_SHA256 = sequence(oid('1.2.840.10045.4.3.2'));

/** PEM key and certificate for `hosts` (listed as subjectAltName DNS names), valid for a day. */
export function selfSignedCertificate(hosts: readonly string[]): { key: string; cert: string } {
  const { privateKey, publicKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
  const name = sequence(set(sequence(oid('2.5.4.3'), utf8('AuthLab throwaway test certificate'))));
  const now = Date.now();
  const subjectAltName = sequence(oid('2.5.29.17'), octets(sequence(...hosts.map((h) => tlv(0x82, Buffer.from(h, 'ascii'))))));
  const tbs = sequence(
    explicit(0, integer(Buffer.from([2]))), // v3
    integer(Buffer.from(generateSerial())),
    ECDSA_WITH_SHA256,
    name,
    sequence(utcTime(new Date(now - 60_000)), utcTime(new Date(now + 86_400_000))),
    name,
    publicKey.export({ type: 'spki', format: 'der' }),
    explicit(3, sequence(subjectAltName)),
  );
  const signature = sign('sha256', tbs, privateKey); // DER-encoded ECDSA signature
  const der = sequence(tbs, ECDSA_WITH_SHA256, bits(signature));
  const cert = `-----BEGIN CERTIFICATE-----\n${der.toString('base64').replace(/.{1,64}/g, '$&\n')}-----END CERTIFICATE-----\n`;
  // Parse it back so a mistake in the encoding fails here, not as a TLS error in Chromium.
  if (!new X509Certificate(cert).verify(publicKey)) throw new Error('the throwaway certificate does not verify with its own key');
  return { key: privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(), cert };
}

function generateSerial(): Uint8Array {
  const serial = crypto.getRandomValues(new Uint8Array(12));
  serial[0] = serial[0]! & 0x7f || 1; // positive, no leading zero byte
  return serial;
}
