import type { Change, Platform, RecordDraft, RecordError, Status } from '@/lib/records/record';

/**
 * Realistic synthetic history for the benchmark (`npm run bench`), deterministic for a seed.
 * Shapes follow the fixtures in tests/fixtures/: Takealot seller and offer ids are numbers
 * (seller-identity.json, offer-update-success.json), Makro sellers are 16 hex digits with
 * FSN / LST listing ids (listings-update-mixed.json), Shopify stores are handles with numeric
 * product ids and BulkOperation gids (bulk-operation-run-pending.json).
 *
 * Pure: no DOM, no Dexie. The bench page feeds the drafts to writeCapture in chunks, so the
 * stored rows (ids, facets, stats) are exactly what the background would have written.
 */

export interface GeneratorOptions {
  /** Records to produce (one record per operation; a job item may carry two drafts). */
  count: number;
  seed: number;
  /** Epoch ms of the newest record. */
  now: number;
  /** How far back the history goes. */
  spanDays?: number;
}

/** Ids the bench searches for, chosen while generating (so they exist and are busy). */
export interface Samples {
  /** The busiest store. */
  storeId: string;
  /** The SKU with the most records. */
  sku: string;
  /** The start of that SKU that many SKUs share (brand-type), lower-cased as typed. */
  skuPrefix: string;
  /** A record id from the middle of the history. */
  recordId: string;
}

const DAY = 86_400_000;

/** mulberry32: small, fast, good enough for test data (public domain, Tommy Ettinger). */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

type Rand = () => number;
const pick = <T>(r: Rand, xs: readonly T[]): T => xs[Math.floor(r() * xs.length)]!;
const int = (r: Rand, lo: number, hi: number): number => lo + Math.floor(r() * (hi - lo + 1));
const digits = (r: Rand, n: number): string => Array.from({ length: n }, (_, i) => String(i === 0 ? int(r, 1, 9) : int(r, 0, 9))).join('');
const ALNUM = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789';
const alnum = (r: Rand, n: number): string => Array.from({ length: n }, () => pick(r, [...ALNUM])).join('');
const hex = (r: Rand, n: number): string => Array.from({ length: n }, () => int(r, 0, 15).toString(16)).join('');
const uuid = (r: Rand): string => `${hex(r, 8)}-${hex(r, 4)}-4${hex(r, 3)}-${pick(r, ['8', '9', 'a', 'b'])}${hex(r, 3)}-${hex(r, 12)}`;

/** Cumulative weights 1/(k+1)^s per (n, s), so a draw is one binary search. */
const CDFS = new Map<string, Float64Array>();

/** Index in [0, n) drawn with weight 1/(k+1)^s: a few stores and products take most of the traffic. */
function zipf(r: Rand, n: number, s: number): number {
  const id = `${n}|${s}`;
  let cdf = CDFS.get(id);
  if (!cdf) {
    cdf = new Float64Array(n);
    let acc = 0;
    for (let k = 0; k < n; k++) cdf[k] = acc += 1 / (k + 1) ** s;
    CDFS.set(id, cdf);
  }
  const x = r() * cdf[n - 1]!;
  let lo = 0;
  let hi = n - 1;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (cdf[mid]! < x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

const BRANDS = [
  ['KK', 'Kasi Kicks'],
  ['DEFY', 'Defy'],
  ['SNAPPY', 'Snappy Chef'],
  ['RH', 'Russell Hobbs'],
  ['MTH', 'Mzansi Threads'],
  ['ROOI', 'Rooibos & Co'],
  ['UBT', 'Ubuntu Threads'],
  ['HISENSE', 'Hisense'],
  ['KWV', 'KWV'],
  ['VOLT', 'Voltmate'],
  ['BOKKIE', 'Bokkie Baby'],
  ['SAFARI', 'Safari Outdoor'],
] as const;
const TYPES = [
  ['RUN', 'running shoe'],
  ['KT', 'kettle'],
  ['AF', 'air fryer'],
  ['IRON', 'steam iron'],
  ['TEE', 'cotton T-shirt'],
  ['BB', 'body butter'],
  ['TV', 'smart TV'],
  ['PB', 'power bank'],
  ['MAT', 'yoga mat'],
  ['BOT', 'water bottle'],
  ['HD', 'hair dryer'],
  ['TENT', 'dome tent'],
] as const;
const COLOURS = ['BLK', 'WHT', 'RED', 'BLU', 'GRN', 'GRY', 'PNK', 'SLV'] as const;
const COLOUR_NAME: Record<(typeof COLOURS)[number], string> = {
  BLK: 'Black',
  WHT: 'White',
  RED: 'Red',
  BLU: 'Blue',
  GRN: 'Green',
  GRY: 'Grey',
  PNK: 'Pink',
  SLV: 'Silver',
};
const SHOP_HANDLES = [
  'ubuntu-threads',
  'kasi-kicks',
  'mzansi-pantry',
  'karoo-candles',
  'jozi-gadgets',
  'cape-coffee-co',
  'durban-spice-house',
  'lekker-living',
  'bokkie-baby',
  'fynbos-botanicals',
  'soweto-sneakers',
  'highveld-hardware',
] as const;

/** Failure reasons as the portals word them (see the *-errors / *-mixed fixtures). */
const ERRORS: Record<Platform, RecordError[]> = {
  takealot: [
    { message: 'Selling price cannot be greater than RRP', code: 'PRICE_GT_RRP', field: 'selling_price' },
    { message: 'Offer with identifier ID999999999 not found', code: 'NOT_FOUND' },
    { message: 'Barcode 6009880123464 is already linked to another offer', code: 'DUPLICATE_BARCODE', field: 'barcode' },
    { message: 'Leadtime days must be between 2 and 15', code: 'INVALID_LEADTIME', field: 'leadtime_days' },
    { message: 'HTTP 429 Too Many Requests', code: 'HTTP_429' },
    { message: 'HTTP 500 Internal Server Error', code: 'HTTP_500' },
  ],
  makro: [
    { message: 'Selling price cannot be greater than MRP', code: 'INVALID_PRICE', field: 'flipkart_selling_price' },
    { message: 'You are not approved to sell the brand Philips in Hair Dryers. Apply for brand approval first.', code: 'BRAND_APPROVAL' },
    { message: 'Invalid image: the link is not accessible', code: 'INVALID_IMAGE', field: 'image_url' },
    { message: 'Listing service is temporarily unavailable. Please retry after some time.', code: 'SERVICE_UNAVAILABLE' },
    { message: 'Procurement SLA must be 1 to 10 days', code: 'INVALID_SLA', field: 'procurement_sla' },
  ],
  shopify: [
    { message: "Handle 'rooibos-body-butter' already in use. Please provide a new handle.", code: 'TAKEN', field: 'handle' },
    { message: 'Barcode 6009880123464 is already used by another variant.', code: 'TAKEN', field: 'barcode' },
    { message: "Title can't be blank", code: 'BLANK', field: 'title' },
    { message: 'Throttled', code: 'THROTTLED' },
    { message: 'Price must be greater than or equal to 0', code: 'GREATER_THAN_OR_EQUAL_TO', field: 'price' },
  ],
};

interface Product {
  sku: string;
  productId: string;
  title: string;
  listingUrl?: string;
  categoryId?: string;
  price: number;
}

interface Store {
  platform: Platform;
  storeId: string;
  products: Product[];
}

function makeProduct(r: Rand, platform: Platform, storeId: string, n: number): Product {
  const [bc, bn] = pick(r, BRANDS);
  const [tc, tn] = pick(r, TYPES);
  const colour = pick(r, COLOURS);
  const size = `${int(r, 1, 60)}${pick(r, ['', 'L', 'CM', 'W'])}`;
  // The catalogue position keeps SKUs unique within a store.
  const sku = `${bc}-${tc}-${size}-${colour}${n > 0 ? `-${n.toString(36).toUpperCase()}` : ''}`;
  const title = `${bn} ${tn} ${size} ${COLOUR_NAME[colour]}`;
  const price = int(r, 49, 8999);
  if (platform === 'takealot') {
    const productId = `2045${digits(r, 5)}`;
    return { sku, productId, title, price, listingUrl: `https://www.takealot.com/x/PLID${digits(r, 8)}` };
  }
  if (platform === 'makro') {
    const fsn = alnum(r, 16);
    return {
      sku,
      productId: r() < 0.6 ? `LST${fsn}${alnum(r, 6)}` : fsn,
      title,
      price,
      categoryId: pick(r, ['kettle', 'air_fryer', 'iron', 'tshirt', 'television', 'power_bank']),
    };
  }
  const productId = `81234${digits(r, 8)}`;
  return {
    sku,
    productId,
    title,
    price,
    listingUrl: `https://admin.shopify.com/store/${storeId}/products/${productId}`,
    categoryId: pick(r, ['aa-8-8', 'hg-11-2', 'el-4-1', 'hb-1-3', 'sg-4-17']),
  };
}

function makeStores(r: Rand): Store[] {
  const stores: Store[] = [];
  const add = (platform: Platform, storeId: string, i: number) => {
    // Bigger catalogues for the first (busiest) stores of each platform.
    const size = Math.round(150 + 3000 / (i + 1));
    const products = Array.from({ length: size }, (_, n) => makeProduct(r, platform, storeId, n));
    stores.push({ platform, storeId, products });
  };
  for (let i = 0; i < 16; i++) add('takealot', `2${digits(r, 7)}`, i);
  for (let i = 0; i < 12; i++) add('makro', hex(r, 16), i);
  for (let i = 0; i < 12; i++) add('shopify', SHOP_HANDLES[i]!, i);
  return stores;
}

const PLATFORM_SHARE: [Platform, number][] = [
  ['takealot', 0.45],
  ['makro', 0.25],
  ['shopify', 0.3],
];

function statusOf(r: Rand): Status {
  const x = r();
  return x < 0.7 ? 'success' : x < 0.9 ? 'failed' : 'pending';
}

function changesOf(r: Rand, platform: Platform, p: Product): Change[] {
  const price = Math.max(1, Math.round(p.price * (0.85 + r() * 0.3)));
  const fields: Change[] =
    platform === 'takealot'
      ? [
          { field: 'selling_price', value: price },
          { field: 'rrp', value: Math.round(price * 1.2) },
          { field: 'leadtime_days', value: int(r, 2, 10) },
          { field: 'leadtime_stock', value: [{ merchant_warehouse_id: 1, quantity: int(r, 0, 400) }] },
        ]
      : platform === 'makro'
        ? [
            { field: 'flipkart_selling_price', value: String(price) },
            { field: 'mrp', value: String(Math.round(price * 1.25)) },
            { field: 'procurement_sla', value: String(int(r, 1, 7)) },
            { field: 'listing_status', value: pick(r, ['ACTIVE', 'INACTIVE']) },
          ]
        : [
            { field: 'variants[0].price', value: (price + 0.99).toFixed(2) },
            { field: 'title', value: p.title },
            { field: 'status', value: pick(r, ['ACTIVE', 'DRAFT']) },
            { field: 'variants[0].inventoryQuantity', value: int(r, 0, 250) },
          ];
  return fields.slice(0, int(r, 1, fields.length));
}

/**
 * A stream of capture writes, oldest first. Times follow a growing business: the density
 * of records rises fourfold from the oldest day to today.
 */
export class HistoryGenerator {
  readonly opts: Required<GeneratorOptions>;
  private readonly r: Rand;
  private readonly stores: Store[];
  private readonly byPlatform: Map<Platform, Store[]>;
  private i = 0;
  private job: undefined | { store: Store; jobId: string; left: number; k: number; at: number; step: number };
  private readonly perStore = new Map<string, number>();
  private readonly perSku = new Map<string, number>();
  private middle?: { platform: Platform; key: string };

  constructor(opts: GeneratorOptions) {
    this.opts = { spanDays: 548, ...opts };
    this.r = prng(opts.seed);
    this.stores = makeStores(this.r);
    this.byPlatform = new Map(PLATFORM_SHARE.map(([p]) => [p, this.stores.filter((s) => s.platform === p)]));
  }

  get produced(): number {
    return this.i;
  }

  get done(): boolean {
    return this.i >= this.opts.count;
  }

  /** Time of the i-th record: inverse CDF of a density that grows `GROWTH`-fold over the span. */
  private timeOf(i: number): number {
    const GROWTH = 4;
    const u = (i + 0.5) / this.opts.count;
    const x = Math.log(1 + u * (GROWTH - 1)) / Math.log(GROWTH); // 0: oldest, 1: now
    return Math.round(this.opts.now - (1 - x) * this.opts.spanDays * DAY - 60_000);
  }

  private pickStore(): Store {
    const x = this.r();
    let acc = 0;
    for (const [p, share] of PLATFORM_SHARE) {
      acc += share;
      if (x < acc) {
        const list = this.byPlatform.get(p)!;
        return list[zipf(this.r, list.length, 0.9)]!;
      }
    }
    const list = this.byPlatform.get('shopify')!;
    return list[zipf(this.r, list.length, 0.9)]!;
  }

  /** The drafts of the next `n` records (fewer at the end), in one array for one writeCapture. */
  next(n: number): RecordDraft[] {
    const out: RecordDraft[] = [];
    const end = Math.min(this.opts.count, this.i + n);
    while (this.i < end) {
      out.push(...this.one());
      this.i += 1;
    }
    return out;
  }

  private one(): RecordDraft[] {
    const r = this.r;
    const i = this.i;
    let at = this.timeOf(i);
    // About 15% of records belong to imports: batches of 5–120 items of one store.
    if (!this.job && r() < 0.004) {
      const store = this.pickStore();
      if (store.platform !== 'makro') {
        const jobId = store.platform === 'takealot' ? `55${digits(r, 5)}` : `gid://shopify/BulkOperation/55${digits(r, 8)}`;
        this.job = { store, jobId, left: int(r, 5, 120), k: 0, at, step: int(r, 200, 3000) };
      }
    }
    const job = this.job;
    const store = job ? job.store : this.pickStore();
    const product = store.products[zipf(r, store.products.length, 1.05)]!;
    const status = statusOf(r);
    const platform = store.platform;
    const base: Omit<RecordDraft, 'key' | 'status' | 'observedAt' | 'errors'> = {
      platform,
      kind: job ? 'import' : 'publish',
      storeId: store.storeId,
      productId: product.productId,
      sku: product.sku,
      title: product.title,
      changes: changesOf(r, platform, product),
    };
    if (product.listingUrl) base.listingUrl = product.listingUrl;
    if (product.categoryId && r() < 0.4) base.categoryId = product.categoryId;
    if (platform === 'makro' && r() < 0.3) base.draftId = uuid(r);
    if (platform === 'takealot' && r() < 0.2) base.draftId = digits(r, 6);
    const errors = (): RecordError[] => {
      const list = ERRORS[platform];
      const first = pick(r, list);
      return r() < 0.15 ? [first, pick(r, list)] : [first];
    };

    let drafts: RecordDraft[];
    if (job) {
      at = Math.min(this.opts.now - 2000, job.at + job.k * job.step);
      job.k += 1;
      job.left -= 1;
      if (job.left <= 0) this.job = undefined;
      const key = `job:${job.jobId}:sku:${product.sku}:${i}`;
      base.jobId = job.jobId;
      const queued: RecordDraft = { ...base, key, status: 'pending', observedAt: at, errors: [] };
      // Items are queued, then settle half a minute to ten minutes later (two history entries).
      const settled = Math.min(this.opts.now - 1000, at + int(r, 30_000, 600_000));
      drafts =
        status === 'pending'
          ? [queued]
          : [queued, { ...base, key, status, observedAt: settled, errors: status === 'failed' ? errors() : [] }];
    } else {
      drafts = [{ ...base, key: `cap:${store.storeId}:${i}`, status, observedAt: at, errors: status === 'failed' ? errors() : [] }];
    }
    this.perStore.set(store.storeId, (this.perStore.get(store.storeId) ?? 0) + 1);
    this.perSku.set(product.sku, (this.perSku.get(product.sku) ?? 0) + 1);
    if (i === Math.floor(this.opts.count / 2)) this.middle = { platform, key: drafts[0]!.key };
    return drafts;
  }

  /** What to search for; call after the last `next()`. The record id comes from lib's recordId. */
  samples(recordId: (platform: Platform, key: string) => string): Samples {
    const top = (m: Map<string, number>): string => [...m].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))[0]![0];
    const storeId = top(this.perStore);
    const sku = top(this.perSku);
    const middle = this.middle ?? { platform: 'takealot', key: '' };
    return {
      storeId,
      sku,
      skuPrefix: sku.split('-').slice(0, 2).join('-').toLowerCase(),
      recordId: recordId(middle.platform, middle.key),
    };
  }
}
