import type { PlatformPages } from '../types';
import { draftIdOf } from './shared';

/** Takealot's pages as the views use them (no parsers: lib/platforms/pages.ts). */
export const takealotPages: PlatformPages = {
  platform: 'takealot',
  pageListing: (page) => {
    const draftId = draftIdOf(page);
    return draftId ? { term: draftId, label: `Takealot draft ${draftId}` } : undefined;
  },
  // The single-product form is where a draft's errors are fixed (PORTALS.md, M).
  fixUrl: (r) => (r.draftId && /^\d+$/.test(r.draftId) ? `https://sellers.takealot.com/single-product/${r.draftId}` : undefined),
};
