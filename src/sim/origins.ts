/** The origins of the simulated internet. */
export const SHOP_ORIGIN = 'https://shop.example.com';
/** A sibling subdomain: same site as the shop, different origin. */
export const SIBLING_ORIGIN = 'https://blog.example.com';
export const EVIL_ORIGIN = 'https://evil.example';
/** Another site the shop chooses to let read its API with credentials (CSRF-09). */
export const PARTNER_ORIGIN = 'https://partner.example';
