/**
 * The shop itself: a cart and user settings. In session style the cart lives
 * in the session row (a guest gets one before logging in); in token style it
 * lives in the database, so a "stateless" API still reads a store here.
 */
import { AuthLabError } from '../errors';
import { DEFAULT_SETTINGS } from '../deployment/database';
import type { RequestContext } from '../deployment/request-context';
import type { CartItem, Settings } from '../deployment/records';
import { assertSameOriginWrite } from './csrf';
import { bodyField, respond, stringField, type ShopRequest, type ShopResponse } from './http';
import { activeSession, authenticate } from './principal';
import { assertCsrfToken } from './csrf-token';
import { forgetDeadSession, sessionSetCookie, startGuestSession } from './session-auth';

function quantity(request: ShopRequest): number {
  const raw = bodyField(request, 'qty') ?? 1;
  // Form posts carry numbers as text.
  const qty = typeof raw === 'string' && /^\d+$/.test(raw) ? Number(raw) : raw;
  if (typeof qty !== 'number' || !Number.isInteger(qty) || qty < 1 || qty > 99) {
    throw new AuthLabError('bad_request', '"qty" must be a whole number from 1 to 99');
  }
  return qty;
}

function addItem(cart: CartItem[], sku: string, qty: number): CartItem[] {
  const existing = cart.find((i) => i.sku === sku);
  if (existing) existing.qty += qty;
  else cart.push({ sku, qty });
  return cart;
}

export async function getCart(ctx: RequestContext, request: ShopRequest): Promise<ShopResponse> {
  if (ctx.config.authStyle === 'session') {
    const { session, dead } = activeSession(ctx, request);
    const forgotten = dead && forgetDeadSession(ctx, dead);
    const setCookies = forgotten ? [forgotten] : [];
    return respond(200, { cart: session?.cart ?? [], guest: !session || session.userId === null }, { setCookies });
  }
  const principal = await authenticate(ctx, request);
  return respond(200, { cart: ctx.read('carts', ctx.world.db.carts, principal.userId) ?? [], guest: false });
}

export async function addToCart(ctx: RequestContext, request: ShopRequest): Promise<ShopResponse> {
  // Origin/Fetch Metadata and authentication come before the body is read, so
  // a forged cross-site form is refused as CSRF (403), not as a bad body (400).
  if (ctx.config.authStyle === 'session') {
    assertSameOriginWrite(ctx, request);
    const sku = stringField(request, 'sku');
    const qty = quantity(request);
    const { session: existing, dead } = activeSession(ctx, request);
    assertCsrfToken(ctx, request, existing, 'Adding to the cart');
    const session = existing ?? startGuestSession(ctx, dead);
    addItem(session.cart, sku, qty);
    ctx.writeSession(session);
    const setCookies = existing ? [] : [sessionSetCookie(ctx, session.id)];
    return respond(200, { cart: session.cart, guest: session.userId === null }, { setCookies });
  }
  const principal = await authenticate(ctx, request);
  const sku = stringField(request, 'sku');
  const qty = quantity(request);
  const cart = addItem(ctx.read('carts', ctx.world.db.carts, principal.userId) ?? [], sku, qty);
  ctx.write('carts', ctx.world.db.carts, principal.userId, cart);
  return respond(200, { cart, guest: false });
}

export async function getSettings(ctx: RequestContext, request: ShopRequest): Promise<ShopResponse> {
  const principal = await authenticate(ctx, request);
  return respond(200, { settings: ctx.read('settings', ctx.world.db.settings, principal.userId) ?? DEFAULT_SETTINGS });
}

export async function putSettings(ctx: RequestContext, request: ShopRequest): Promise<ShopResponse> {
  const principal = await authenticate(ctx, request);
  const current = ctx.read('settings', ctx.world.db.settings, principal.userId) ?? DEFAULT_SETTINGS;
  const theme = bodyField(request, 'theme') ?? current.theme;
  const newsletter = bodyField(request, 'newsletter') ?? current.newsletter;
  if (theme !== 'light' && theme !== 'dark') throw new AuthLabError('bad_request', '"theme" must be "light" or "dark"');
  if (typeof newsletter !== 'boolean') throw new AuthLabError('bad_request', '"newsletter" must be true or false');
  const settings: Settings = { theme, newsletter };
  ctx.write('settings', ctx.world.db.settings, principal.userId, settings);
  return respond(200, { settings });
}
