import type { LinkShape, PlatformIdentity } from '../types';

/** The Record ID prefix of Takealot records (`TAL-…`): shipped ids carry it, so it never changes. */
export const takealotIdPrefix = 'TAL';

/** The links Takealot records may hold and the extension may open (lib/records/links.ts; the content script's check too). */
export const takealotLinks: readonly LinkShape[] = [
  { kind: 'listing', host: /^www\.takealot\.com$/, path: /^\/[a-z0-9-]{1,200}\/PLID\d{1,12}$/ },
  { kind: 'portal', host: /^sellers\.takealot\.com$/, path: /^\/single-product\/\d{1,20}$/ },
];

/**
 * Takealot's name, Record ID prefix, link shapes and guidance (docs/PORTALS.md "Takealot").
 * Listing: `https://www.takealot.com/{slug}/PLID{n}` (the offer's `offer_url`; `x` resolves as the
 * slug, H). Portal: the single-product draft form `sellers.takealot.com/single-product/{id}` (M).
 */
export const takealotIdentity: PlatformIdentity = {
  platform: 'takealot',
  label: 'Takealot',
  idPrefix: takealotIdPrefix,
  links: takealotLinks,
  guidance: {
    extra: [
      {
        // Loadsheet submissions (PORTALS.md, L): the portal keeps each row's errors in its report.
        test: /LOADSHEET/,
        advice:
          'Takealot did not import every row of the loadsheet. Open Loadsheets in the seller portal, download the submission’s error report, correct those rows and upload the sheet again.',
      },
    ],
  },
};
