import { LINK_SHAPES } from '../platforms/shapes';
import type { LinkShape } from '../platforms/types';
import type { Platform } from './record';

const MAX_LINK = 2048;

/** The URL rebuilt from the parts the shape owns: host, path, its query parameters, its fragment. */
function linkIn(shape: LinkShape, u: URL): string | undefined {
  if (!shape.host.test(u.hostname) || !shape.path.test(u.pathname)) return undefined;
  const kept = new URLSearchParams();
  for (const [name, value] of Object.entries(shape.query ?? {})) {
    const all = u.searchParams.getAll(name);
    if (all.length > 1) return undefined; // `?pid=A&pid=B`: which one the portal reads is anyone's guess
    const v = all[0];
    if (v === undefined) continue;
    if (!value.test(v)) return undefined;
    kept.set(name, v);
  }
  let hash = '';
  if (shape.hash && u.hash) {
    if (!shape.hash.test(u.hash)) return undefined;
    hash = u.hash;
  }
  const q = kept.toString();
  return `https://${u.hostname}${u.pathname}${q ? `?${q}` : ''}${hash}`;
}

/**
 * A link of the platform's own, or undefined. It must be https on one of the platform's hosts
 * with one of its known path shapes (lib/platforms/<name>/identity.ts): anything else
 * (`javascript:`, `data:`, plain http, userinfo, a port, a look-alike host such as
 * `takealot.com.evil.example`, another platform's host, another page on the right host) is
 * shown as text, never as a link. Query parameters and fragments the shape does not own are
 * stripped; one that is part of the shape but malformed refuses the link.
 */
export function safeLink(platform: Platform, url: unknown): string | undefined {
  return linkOf(LINK_SHAPES[platform], url);
}

/**
 * `safeLink` over the shapes given (one platform's `links`): what a portal's content script
 * checks with, which holds its own platform's shapes and not every platform's identity.
 */
export function linkOf(shapes: readonly LinkShape[], url: unknown): string | undefined {
  if (typeof url !== 'string' || url.length > MAX_LINK) return undefined;
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    return undefined;
  }
  if (u.protocol !== 'https:' || u.username || u.password || u.port) return undefined;
  for (const shape of shapes) {
    const link = linkIn(shape, u);
    if (link) return link;
  }
  return undefined;
}
