import { ID_PREFIXES } from '../platforms/shapes';
import type { Platform } from './record';

/**
 * cyrb53: a fast 53-bit string hash (public domain, bryc). 53 bits keep collisions
 * negligible at millions of records while the id stays short enough to read out.
 */
export function cyrb53(str: string, seed = 0): number {
  let h1 = 0xdeadbeef ^ seed;
  let h2 = 0x41c6ce57 ^ seed;
  for (let i = 0; i < str.length; i++) {
    const ch = str.charCodeAt(i);
    h1 = Math.imul(h1 ^ ch, 2654435761);
    h2 = Math.imul(h2 ^ ch, 1597334677);
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  return 4294967296 * (2097151 & h2) + (h1 >>> 0);
}

/** Record ID for an operation key: `TAL-1X2Y3Z…` (the platform module's prefix). Same platform + key, same id. */
export function recordId(platform: Platform, key: string): string {
  return `${ID_PREFIXES[platform]}-${cyrb53(`${platform}\u0000${key}`).toString(36).toUpperCase().padStart(11, '0')}`;
}
