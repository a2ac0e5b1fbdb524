// @vitest-environment happy-dom
import { describe, expect, it, vi } from 'vitest';
import { RecordRow } from '@/components/RecordRow';
import { mergeDraft } from '@/lib/records/merge';
import type { Platform, RecordDraft, Status, SyncRecord } from '@/lib/records/record';
import { domRoot } from '../../helpers/dom';

const { mount } = domRoot();

const NOW = Date.UTC(2026, 10, 27, 12);

function record(over: { [K in keyof RecordDraft]?: RecordDraft[K] | undefined } = {}, extra: Partial<SyncRecord> = {}): SyncRecord {
  const d: RecordDraft = {
    key: 'row-1',
    platform: 'takealot',
    kind: 'publish',
    status: 'success',
    observedAt: NOW - 3 * 60_000,
    storeId: '29384756',
    productId: 'PLID91827364',
    sku: 'KK-RUN-42-BLK',
    title: 'Running shoe',
    errors: [],
    changes: [],
    ...(over as Partial<RecordDraft>),
  };
  // `undefined` in `over` removes a default field.
  for (const k of Object.keys(over) as (keyof RecordDraft)[]) if (over[k] === undefined) delete d[k];
  return { ...mergeDraft(undefined, d), ...extra };
}

/** Every element in the subtree that is not text-only markup the component itself writes. */
const tags = (el: Element): string[] => [...el.querySelectorAll('*')].map((e) => e.tagName.toLowerCase());

describe('RecordRow status', () => {
  it.each([
    ['success', 'Success', '✓'],
    ['failed', 'Failed', '✕'],
    ['pending', 'Pending', '◷'],
  ] as [Status, string, string][])('%s is shown as a word and a shape, not by colour alone', async (status, word, icon) => {
    const el = await mount(<RecordRow record={record({ status })} now={NOW} />);
    const badge = el.querySelector('.status')!;
    expect(badge).not.toBeNull();
    // The word is readable text (not hidden from anyone); the icon is decoration for sighted users.
    expect(badge.textContent).toContain(word);
    const iconEl = [...badge.querySelectorAll('[aria-hidden="true"]')].find((e) => e.textContent === icon);
    expect(iconEl).toBeDefined();
    const visibleText = [...badge.childNodes]
      .filter((n) => n.nodeType === 3)
      .map((n) => n.textContent)
      .join('');
    expect(visibleText).toContain(word);
    // And the row's accessible name starts with it, so a list of rows is scannable by status.
    expect(el.querySelector('article')!.getAttribute('aria-label')).toMatch(new RegExp(`^${word}, Takealot publish, SKU KK-RUN-42-BLK$`));
  });

  it('shows the time as a <time> with the exact instant', async () => {
    const el = await mount(<RecordRow record={record()} now={NOW} />);
    const time = el.querySelector('time')!;
    expect(time.getAttribute('datetime')).toBe(new Date(NOW - 3 * 60_000).toISOString());
    expect(time.textContent).toBe('3 minutes ago, 27 Nov 2026, 11:57:00');
    expect(time.getAttribute('title')).toBe('27 Nov 2026, 11:57:00');
  });

  it('shows the first error reason and how many more there are', async () => {
    const errors = [{ message: 'Selling price cannot be greater than RRP' }, { message: 'Invalid image' }, { message: 'Third' }];
    const el = await mount(<RecordRow record={record({ status: 'failed', errors })} now={NOW} onOpen={() => undefined} />);
    const open = el.querySelector('button.row-open')!;
    expect(open.textContent).toBe('Details: Selling price cannot be greater than RRP (+2 more)');
  });
});

describe('RecordRow untrusted text', () => {
  const HOSTILE = '<img src=x onerror="alert(1)"><script>alert(2)</script><b>bold</b><a href="javascript:alert(3)">x</a>';

  it.each([
    ['without onOpen (paragraph)', undefined],
    ['with onOpen (button)', () => undefined],
  ])('renders an error message holding HTML as text, %s', async (_name, onOpen) => {
    const el = await mount(<RecordRow record={record({ status: 'failed', errors: [{ message: HOSTILE }] })} now={NOW} onOpen={onOpen} />);
    for (const t of ['img', 'script', 'b']) expect(tags(el)).not.toContain(t);
    expect(el.querySelector('a')).toBeNull();
    expect(el.querySelector('.row-open')!.textContent).toContain(HOSTILE);
  });

  it('renders a title, SKU and Store ID holding HTML as text', async () => {
    const el = await mount(
      <RecordRow
        record={record({ title: HOSTILE, sku: '<i>sku</i>', storeId: '<u>store</u>', listingUrl: undefined, productId: undefined })}
        now={NOW}
      />,
    );
    for (const t of ['img', 'script', 'b', 'i', 'u', 'a']) expect(tags(el)).not.toContain(t);
    expect(el.textContent).toContain(HOSTILE);
    expect(el.textContent).toContain('<i>sku</i>');
    expect(el.textContent).toContain('<u>store</u>');
  });
});

describe('RecordRow listing link', () => {
  it.each([
    ['takealot', 'javascript:alert(document.cookie)'],
    ['takealot', ' JaVaScRiPt:alert(1)'],
    ['takealot', 'data:text/html,<script>alert(1)</script>'],
    ['takealot', 'https://evil.example/PLID91827364'],
    ['takealot', 'https://www.takealot.com.evil.example/x'],
    ['takealot', 'https://user:pw@www.takealot.com/x'],
    ['takealot', 'http://www.takealot.com/x/PLID91827364'],
    ['takealot', '//www.takealot.com/x/PLID91827364'],
    ['takealot', 'https://www.makro.co.za/-/p/X'], // another platform's host
    ['shopify', 'https://evil.com/.myshopify.com/x'],
    ['makro', 'https://www.makro.co.za:8443/-/p/X'],
  ] as [Platform, string][])('%s %s: the Product ID is plain text, no link', async (platform, listingUrl) => {
    const el = await mount(<RecordRow record={record({ platform, listingUrl })} now={NOW} />);
    expect(el.querySelector('a')).toBeNull();
    expect(el.querySelector('[href]')).toBeNull();
    expect(el.innerHTML).not.toContain(listingUrl.trim().slice(0, 12));
    expect(el.querySelector('.ids span.id')!.textContent).toBe('PLID91827364');
  });

  it('a bad link and no Product ID shows no link at all', async () => {
    const el = await mount(<RecordRow record={record({ productId: undefined, listingUrl: 'javascript:alert(1)' })} now={NOW} />);
    expect(el.querySelector('a, [href]')).toBeNull();
    expect(el.innerHTML).not.toContain('javascript');
  });

  it.each([
    ['takealot', 'https://www.takealot.com/x/PLID91827364'],
    ['makro', 'https://www.makro.co.za/-/p/KTLH7ZQ4MNB2WXAY?pid=KTLH7ZQ4MNB2WXAY'],
    ['shopify', 'https://admin.shopify.com/store/ubuntu-threads/products/8123456789012'],
    ['shopify', 'https://ubuntu-threads.myshopify.com/products/aa-1-4'],
  ] as [Platform, string][])('%s %s: a link to the listing that cannot reach back to the extension', async (platform, listingUrl) => {
    const el = await mount(<RecordRow record={record({ platform, listingUrl })} now={NOW} />);
    const links = el.querySelectorAll('a');
    expect(links).toHaveLength(1);
    const a = links[0]!;
    expect(a.getAttribute('href')).toBe(listingUrl);
    expect(a.getAttribute('rel')).toBe('noopener noreferrer');
    expect(a.getAttribute('target')).toBe('_blank');
    expect(a.textContent).toBe('PLID91827364');
  });
});

describe('RecordRow opening', () => {
  it('opens the record from its button or the row, not from the link or the time', async () => {
    const onOpen = vi.fn();
    const r = record({ listingUrl: 'https://www.takealot.com/x/PLID91827364' });
    const el = await mount(<RecordRow record={r} now={NOW} onOpen={onOpen} />);
    el.addEventListener('click', (e) => e.preventDefault()); // no navigation in the test DOM
    el.querySelector<HTMLElement>('a')!.click();
    el.querySelector<HTMLElement>('time')!.click();
    expect(onOpen).not.toHaveBeenCalled();
    el.querySelector<HTMLElement>('button.row-open')!.click();
    expect(onOpen).toHaveBeenCalledWith(r);
    onOpen.mockClear();
    el.querySelector<HTMLElement>('.row-head .platform')!.click();
    expect(onOpen).toHaveBeenCalledTimes(1);
  });
});
