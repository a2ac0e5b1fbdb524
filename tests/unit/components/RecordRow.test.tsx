// @vitest-environment happy-dom
import { describe, expect, it, vi } from 'vitest';
import { RecordRow } from '@/components/RecordRow';
import { clock, dayLabel, exact } from '@/lib/format/time';
import { mergeDraft } from '@/lib/records/merge';
import type { RecordDraft, Status, SyncRecord } from '@/lib/records/record';
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
    expect(el.querySelector('article')!.getAttribute('aria-label')).toBe(`${word}, Takealot publish, SKU KK-RUN-42-BLK: Running shoe`);
  });

  it('shows the clock time, the minutes ago while recent, and the exact instant for screen readers and on hover', async () => {
    const el = await mount(<RecordRow record={record()} now={NOW} />);
    const time = el.querySelector('time')!;
    expect(time.getAttribute('datetime')).toBe(new Date(NOW - 3 * 60_000).toISOString());
    expect(time.querySelector('[aria-hidden="true"]')!.textContent).toBe(`${clock(NOW - 3 * 60_000)} · 3 min ago`);
    expect(time.querySelector('.visually-hidden')!.textContent).toBe(exact(NOW - 3 * 60_000));
    expect(time.getAttribute('title')).toBe(exact(NOW - 3 * 60_000));
  });

  it('puts the day before the clock unless a day header says it (withDay false)', async () => {
    const at = NOW - 26 * 3600_000;
    const y = await mount(<RecordRow record={record({ observedAt: at })} now={NOW} />);
    expect(y.querySelector('time [aria-hidden="true"]')!.textContent).toBe(`${dayLabel(at, NOW)} ${clock(at)}`);
    const under = await mount(<RecordRow record={record({ observedAt: at })} now={NOW} withDay={false} />);
    expect(under.querySelector('time [aria-hidden="true"]')!.textContent).toBe(clock(at));
  });

  it('names the product on line one and gives the first reason, and how many more, on line two', async () => {
    const errors = [{ message: 'Selling price cannot be greater than RRP' }, { message: 'Invalid image' }, { message: 'Third' }];
    const el = await mount(<RecordRow record={record({ status: 'failed', errors })} now={NOW} onOpen={() => undefined} />);
    expect(el.querySelector('button.row-open')!.textContent).toBe('Details: Running shoe');
    const line2 = el.querySelector('.line2')!;
    expect(line2.classList.contains('reason')).toBe(true);
    expect(line2.querySelector('.line2-text')!.textContent).toBe('Takealot · Selling price cannot be greater than RRP (+2 more)');
    // A wide panel also shows the SKU there (hidden by a container query when narrow).
    expect(line2.querySelector('.row-id')!.textContent).toBe('SKU KK-RUN-42-BLK');
  });
});

describe('RecordRow names the product', () => {
  it.each([
    ['the title', { title: 'Running shoe' }, 'Running shoe'],
    ['else the SKU', { title: undefined }, 'KK-RUN-42-BLK'],
    [
      'else the portal’s id, shortened',
      { title: undefined, sku: undefined, productId: 'LSTKTLH7ZQ4MNB2WXAYPEERDB22' },
      'Offer ID LSTKTLH…ERDB22',
    ],
    ['else the operation', { title: undefined, sku: undefined, productId: undefined }, 'Takealot publish'],
  ] as [string, Partial<RecordDraft>, string][])('%s', async (_n, over, name) => {
    const el = await mount(<RecordRow record={record(over)} now={NOW} onOpen={() => undefined} />);
    expect(el.querySelector('button.row-open')!.textContent).toBe(`Details: ${name}`);
  });

  it('a Makro success says what it set, in the portal’s words, not “Saved” nor its listing id', async () => {
    const r = record({
      platform: 'makro',
      title: undefined,
      sku: 'MK-KETTLE-2L-BLK',
      productId: 'LSTKTLH7ZQ4MNB2WXAYPEERDB22',
      changes: [
        { field: 'sku_id', value: 'MK-KETTLE-2L-BLK' },
        { field: 'flipkart_selling_price', value: 499 },
        { field: 'stock_size', value: 12 },
        { field: 'mrp', value: 599 },
      ],
    });
    const el = await mount(<RecordRow record={r} now={NOW} onOpen={() => undefined} />);
    expect(el.querySelector('button.row-open')!.textContent).toBe('Details: MK-KETTLE-2L-BLK');
    expect(el.querySelector('.line2-text')!.textContent).toBe('Makro · Selling price R499 · Stock 12');
    expect(el.textContent).not.toContain('Saved');
    // A wide panel shows its FSN, the id Makro's product page shows.
    expect(el.querySelector('.row-id')!.textContent).toBe('FSN KTLH7ZQ4MNB2WXAY');
  });

  it('a success with nothing recorded shows the id the name does not, never the Store ID', async () => {
    const el = await mount(<RecordRow record={record()} now={NOW} />);
    expect(el.querySelector('.line2-text')!.textContent).toBe('Takealot · SKU KK-RUN-42-BLK');
    expect(el.textContent).not.toContain('29384756');
  });

  it('a pending record says it is waiting', async () => {
    const el = await mount(<RecordRow record={record({ status: 'pending' })} now={NOW} />);
    expect(el.querySelector('.line2-text')!.textContent).toBe('Takealot · Waiting for the result');
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
    expect(el.querySelector('.line2-text')!.textContent).toContain(HOSTILE);
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
    expect(el.getAttribute('aria-label') ?? el.querySelector('article')!.getAttribute('aria-label')).toContain('<i>sku</i>');
  });
});

describe('RecordRow opening', () => {
  it('opens the record from its button or the row, not from the time; the name is the row’s only control', async () => {
    const onOpen = vi.fn();
    const r = record({ listingUrl: 'https://www.takealot.com/x/PLID91827364' });
    const el = await mount(<RecordRow record={r} now={NOW} onOpen={onOpen} />);
    expect(el.querySelectorAll('a, button, input, select')).toHaveLength(1);
    el.querySelector<HTMLElement>('time')!.click();
    expect(onOpen).not.toHaveBeenCalled();
    el.querySelector<HTMLElement>('button.row-open')!.click();
    expect(onOpen).toHaveBeenCalledWith(r);
    onOpen.mockClear();
    el.querySelector<HTMLElement>('.line2')!.click();
    expect(onOpen).toHaveBeenCalledTimes(1);
  });
});
