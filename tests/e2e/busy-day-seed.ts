import { startOfDay } from 'date-fns';
import { recordId } from '../../lib/records/id';
import type { Change, ExportedRecord, Platform, RecordError, Status } from '../../lib/records/record';
import { jsonClose, jsonOpen, jsonRecord } from '../../lib/transfer/exportFile';

/**
 * A seller's busy day, as issue #11 found it: 34 Takealot records (a 25-item batch with 7
 * failures, 2 items still pending), 13 Makro and 12 Shopify, failures later fixed by a
 * save, spread over today with older days below. Written as an export file, so the e2e
 * loads it through the panel's Import (which re-checks every record, like a capture).
 * Times are relative to `now` and always fall on the day they are meant for.
 */
export interface BusyDay {
  records: ExportedRecord[];
  file: string;
  /** The batch's job id. */
  batchJob: string;
}

const PRICE_RRP: RecordError = {
  message: 'Selling price cannot be greater than RRP',
  code: 'selling_price_gt_rrp',
  field: 'selling_price',
};
const IMAGE: RecordError = { message: 'Invalid image: the link is not accessible', code: 'invalid_image', field: 'images' };
const BARCODE: RecordError = { message: 'Barcode already exists on another offer', code: 'duplicate_barcode', field: 'barcode' };
const MK_PRICE: RecordError = {
  message: 'Selling price should be less than or equal to MRP',
  code: 'INVALID_ATTRIBUTE',
  field: 'flipkart_selling_price',
};
const MK_SLA: RecordError = {
  message: 'Procurement SLA must be between 1 and 15 days',
  code: 'INVALID_ATTRIBUTE',
  field: 'procurement_sla',
};
const SH_TITLE: RecordError = { message: "Title can't be blank", field: 'title' };
const SH_THROTTLE: RecordError = { message: 'Throttled', code: 'THROTTLED' };

const TITLES = [
  'Kitchen scale, digital, 5 kg',
  'LED desk lamp, warm white',
  'Cotton bath towel, grey',
  'Stainless steel water bottle 750 ml',
  'Yoga mat, 6 mm, teal',
  'Bluetooth speaker, waterproof',
  'Ceramic mug set of 4',
  'Garden hose 20 m',
  'Kids backpack, dinosaur print',
  'Electric kettle 1.7 L',
  'Phone charger, USB-C 25 W',
  'Non-stick frying pan 28 cm',
  'Braai tongs, stainless',
  'Wall clock, oak',
  'Bamboo cutting board',
  'Reading glasses +2.0',
  'Silicone baking mat',
  'Bicycle bell, chrome',
  'Travel adaptor, universal',
  'Dog leash, reflective',
  'Scented candle, vanilla',
  'Rain jacket, navy, M',
  'Laundry basket, foldable',
  'Coffee grinder, manual',
  'Insulated lunch box',
];

export function busyDay(now: number): BusyDay {
  const today = startOfDay(now).getTime();
  // Today's records lie between 8 hours ago (or midnight, if sooner) and a minute ago.
  const span = Math.max(60_000, now - Math.max(today, now - 8 * 3600_000) - 60_000);
  const t = (f: number) => Math.round(now - 60_000 - span * (1 - f)); // f: 0 oldest … 1 newest of today
  const records: ExportedRecord[] = [];
  let n = 0;
  const add = (
    platform: Platform,
    at: number,
    status: Status,
    o: {
      sku?: string | undefined;
      title?: string | undefined;
      productId?: string | undefined;
      storeId?: string | undefined;
      jobId?: string | undefined;
      kind?: 'publish' | 'import';
      errors?: RecordError[];
      changes?: Change[];
      listingUrl?: string | undefined;
    } = {},
  ) => {
    const r: ExportedRecord = {
      id: recordId(platform, `busy-day-${n++}`),
      platform,
      kind: o.kind ?? 'publish',
      status,
      syncedAt: at,
      createdAt: at - (status === 'pending' ? 0 : 2000),
      errors: o.errors ?? [],
      changes: o.changes ?? [],
      history: status === 'pending' ? [{ status, at }] : [{ status, at }],
    };
    for (const k of ['sku', 'title', 'productId', 'storeId', 'jobId', 'listingUrl'] as const) if (o[k]) r[k] = o[k];
    records.push(r);
    return r;
  };

  // --- Takealot: 9 single offer saves today, the batch of 25, and older days.
  const tk = { storeId: '29384756' };
  add('takealot', t(0.02), 'failed', {
    ...tk,
    sku: 'KK-RUN-43-WHT',
    title: 'Trail running shoe, white, size 9',
    productId: '204518393',
    errors: [PRICE_RRP, IMAGE],
    changes: [
      { field: 'selling_price', value: 1299 },
      { field: 'rrp', value: 999 },
    ],
    listingUrl: 'https://www.takealot.com/x/PLID91827365',
  });
  add('takealot', t(0.05), 'failed', {
    ...tk,
    sku: 'SOLAR-LAMP-12',
    title: 'Solar garden lamp, pack of 12',
    productId: '204518777',
    errors: [PRICE_RRP],
    changes: [
      { field: 'selling_price', value: 549 },
      { field: 'rrp', value: 499 },
    ],
  });
  for (let i = 0; i < 5; i++)
    add('takealot', t(0.08 + i * 0.04), 'success', {
      ...tk,
      sku: `KK-RUN-${50 + i}-BLK`,
      title: `Road running shoe, black, size ${6 + i}`,
      productId: `2045184${10 + i}`,
      changes: [
        { field: 'selling_price', value: 899 + i * 10 },
        { field: 'leadtime_stock', value: 12 + i },
      ],
    });
  add('takealot', t(0.3), 'success', {
    ...tk,
    sku: 'SOLAR-LAMP-12',
    title: 'Solar garden lamp, pack of 12',
    productId: '204518777',
    changes: [
      { field: 'selling_price', value: 449 },
      { field: 'rrp', value: 499 },
    ],
  });
  const batchJob = 'UXB-7F3A9C21';
  const batchAt = t(0.4);
  for (let i = 0; i < 25; i++) {
    const fail = [1, 4, 7, 11, 15, 18, 22].indexOf(i);
    const pending = i === 23 || i === 24;
    const sku = i === 0 ? 'KK-RUN-43-WHT' : `UXB-ITEM-${String(i).padStart(2, '0')}`;
    add('takealot', batchAt + i * 900, fail >= 0 ? 'failed' : pending ? 'pending' : 'success', {
      ...tk,
      kind: 'import',
      jobId: batchJob,
      sku,
      title: i === 0 ? 'Trail running shoe, white, size 9' : TITLES[i % TITLES.length]!,
      errors: fail >= 0 ? [[PRICE_RRP, IMAGE, BARCODE][fail % 3]!] : [],
      changes: [{ field: 'selling_price', value: 199 + i * 20 }],
    });
  }
  add('takealot', t(0.95), 'failed', { ...tk, sku: 'KK-RUN-60-RED', title: 'Road running shoe, red, size 10', errors: [PRICE_RRP] });

  // --- Makro: 13 listing updates (no titles in the portal's response: the SKU names them).
  const mk = { storeId: 'a3f91c0d7b2e4856' };
  for (let i = 0; i < 13; i++) {
    const base = 'KTLH7ZQ4MNB2WXAY';
    const fsn = base.slice(i) + base.slice(0, i); // FSNs differ all along, as real ones do
    const failed = i % 4 === 1;
    add('makro', t(0.5 + i * 0.035), failed ? 'failed' : 'success', {
      ...mk,
      sku: `MK-KETTLE-${String(i + 1).padStart(2, '0')}-2L-BLK`,
      productId: `LST${fsn}PEERDB22`,
      errors: failed ? [i % 8 === 1 ? MK_PRICE : MK_SLA] : [],
      changes: [
        { field: 'flipkart_selling_price', value: 499 + i * 5 },
        { field: 'mrp', value: 599 },
        { field: 'procurement_sla', value: failed && i % 8 !== 1 ? 21 : 3 },
      ],
      listingUrl: `https://www.makro.co.za/-/p/${fsn}?pid=${fsn}`,
    });
  }

  // --- Shopify: 12 product saves.
  for (let i = 0; i < 12; i++) {
    const failed = i === 3 || i === 8;
    add('shopify', t(0.52 + i * 0.04), failed ? 'failed' : 'success', {
      storeId: 'ubuntu-threads',
      title: failed && i === 3 ? undefined : `Ubuntu tee, ${['black', 'white', 'ochre', 'olive'][i % 4]}, ${['S', 'M', 'L'][i % 3]}`,
      sku: `UT-TEE-${i + 1}`,
      productId: `81234567890${String(i).padStart(2, '0')}`,
      errors: failed ? [i === 3 ? SH_TITLE : SH_THROTTLE] : [],
      changes: [
        { field: 'title', value: failed && i === 3 ? '' : 'Ubuntu tee' },
        { field: 'vendor', value: 'Ubuntu Threads' },
      ],
    });
  }

  // --- Yesterday and the day before: older records under their own day headers.
  for (let i = 0; i < 6; i++)
    add('takealot', today - (2 + i * 3) * 3600_000, i === 2 ? 'failed' : 'success', {
      ...tk,
      sku: `OLD-YDAY-${i}`,
      title: TITLES[(i + 5) % TITLES.length]!,
      errors: i === 2 ? [IMAGE] : [],
    });
  for (let i = 0; i < 4; i++)
    add('makro', today - 86_400_000 - (3 + i * 4) * 3600_000, 'success', {
      ...mk,
      sku: `MK-OLD-${i}`,
      productId: `LSTOLDH7ZQ4MNB2W${i}XYPEERDB22`,
    });

  records.sort((a, b) => b.syncedAt - a.syncedAt);
  return { records, file: jsonOpen(now) + records.map(jsonRecord).join('') + jsonClose(), batchJob };
}
