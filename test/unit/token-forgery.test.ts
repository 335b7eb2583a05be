/**
 * What lesson 4 says of Mallory's edit ("keeps Alice's signature"): the
 * edited token has the old header and signature, byte for byte, and only
 * the payload changes.
 */
import { SignJWT, decodeJwt } from 'jose';
import { describe, expect, it } from 'vitest';
import { tamperPayload } from '../../src/sim/attacker/token-forgery';

describe('tamperPayload', () => {
  it('changes the payload and keeps the header and the signature exactly as they were', async () => {
    const token = await new SignJWT({ sub: 'u-1001', role: 'customer' }).setProtectedHeader({ alg: 'HS256', typ: 'at+jwt' }).sign(new Uint8Array(32).fill(7));
    const edited = tamperPayload(token, { role: 'admin', sub: 'u-9001' });
    const [h, p, s] = token.split('.');
    const [eh, ep, es] = edited.split('.');
    expect({ header: eh, signature: es }).toEqual({ header: h, signature: s });
    expect(ep).not.toBe(p);
    expect(decodeJwt(edited)).toMatchObject({ sub: 'u-9001', role: 'admin' });
  });
});
