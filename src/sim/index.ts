/**
 * The simulated world: pure TypeScript that runs in Node, browsers and
 * workers. No React, no MSW, no DOM; time is virtual, randomness injected.
 */
export * from './clock';
export * from './config';
export * from './errors';
export * from './random';
export * from './trace';
export * from './world';
export * from './browser/browser';
export * from './browser/cookie-jar';
export * from './browser/shop-page';
export * from './browser/site';
export * from './browser/wire';
export * from './deployment/deployment';
export * from './deployment/load-balancer';
export * from './deployment/node';
export * from './deployment/records';
export * from './shop/http';
export * from './shop/users';
export * from './shop/session-auth';
export * from './shop/jwt-auth';
export * from './tokens/hmac-secret';
export * from './tokens/key-set';
export * from './tokens/token-service';
export * from './vulnerable/switches';
export * from './attacker/mallory';
export * from './attacker/token-forgery';
export * from './tokens/decode';
export * from './restorable';
export * from './browser/cast';
