// @vitest-environment happy-dom
import { act } from 'preact/test-utils';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { RecordDetail } from '@/components/RecordDetail';
import { writeCapture } from '@/lib/db/repo';
import type { SyncHistoryDB } from '@/lib/db/schema';
import { guidanceFor } from '@/lib/guidance';
import { recordId } from '@/lib/records/id';
import type { RecordDraft, SyncRecord } from '@/lib/records/record';
import { testDb } from '../../helpers/db';
import { domRoot } from '../../helpers/dom';

const { mount, waitFor } = domRoot();
afterEach(() => vi.restoreAllMocks());

const HOSTILE = '<img src=x onerror="alert(1)"><script>alert(2)</script><b>bold</b>';
const AT = Date.UTC(2026, 10, 27, 10);

const ERRORS = [
  { message: 'Invalid image: the link is not accessible', code: 'IMAGE_NOT_ACCESSIBLE', field: 'images' },
  { message: 'An offer with this SKU already exists', code: 'DUPLICATE_SKU' },
  { message: 'Selling price cannot be greater than RRP', code: 'INVALID_SELLING_PRICE', field: 'selling_price' },
  { message: `Unrecognised: ${HOSTILE}`, code: '<i>CODE</i>', field: '<u>field</u>' },
];

const MAIN: RecordDraft = {
  key: 'detail-main',
  platform: 'takealot',
  kind: 'publish',
  status: 'failed',
  observedAt: AT,
  storeId: '29384756',
  productId: '204518393',
  draftId: '884211',
  categoryId: 'cat-<b>7</b>',
  sku: 'KK-RUN-43-WHT',
  jobId: 'JOB-77',
  title: HOSTILE,
  errors: ERRORS,
  changes: [
    { field: 'selling_price', value: 499 },
    { field: 'title', value: HOSTILE },
    { field: '<b>field</b>', value: { images: ['https://example.com/a.jpg'] } },
  ],
  listingUrl: 'https://www.takealot.com/x/PLID91827365',
};
const OTHER: RecordDraft = {
  ...MAIN,
  key: 'detail-other',
  sku: 'KK-RUN-42-BLK',
  status: 'success',
  errors: [],
  title: 'Other',
  observedAt: AT + 1000,
};
const MAIN_ID = recordId('takealot', MAIN.key);

async function seeded(drafts: RecordDraft[] = [MAIN, OTHER]): Promise<SyncHistoryDB> {
  const { db } = testDb();
  await writeCapture(db, { drafts, jobs: [], unrecognised: [] });
  return db;
}

async function open(db: SyncHistoryDB, id = MAIN_ID, handlers: { onBack?: () => void; onOpen?: (r: SyncRecord) => void } = {}) {
  const el = await mount(
    <RecordDetail db={db} id={id} onBack={handlers.onBack ?? (() => undefined)} onOpen={handlers.onOpen ?? (() => undefined)} />,
  );
  await waitFor(() => el.querySelector('h2') && el.querySelector('#job-h')?.textContent?.includes('(1)'));
  return el;
}

const section = (el: HTMLElement, headingId: string): HTMLElement => el.querySelector(`[aria-labelledby="${headingId}"]`)!;

describe('RecordDetail', () => {
  it('shows every id with a copy button that copies it', async () => {
    const writeText = vi.spyOn(navigator.clipboard, 'writeText').mockResolvedValue(undefined);
    const el = await open(await seeded());
    const ids = section(el, 'ids-h');
    // Takealot's own names, the listing's ids first and the record's own id last.
    const want: [string, string][] = [
      ['Offer ID', '204518393'],
      ['SKU', 'KK-RUN-43-WHT'],
      ['Draft ID', '884211'],
      ['Batch ID', 'JOB-77'],
      ['Category', 'cat-<b>7</b>'],
      ['Seller ID', '29384756'],
      ['Record ID', MAIN_ID],
    ];
    const rows = [...ids.querySelectorAll('dl > div')];
    expect(rows.map((r) => [r.querySelector('dt')!.textContent, r.querySelector('dd code')!.textContent])).toEqual(want);
    for (const [row, [label, value]] of rows.map((r, i) => [r, want[i]!] as const)) {
      const button = row.querySelector('button')!;
      expect(button.getAttribute('aria-label')).toBe(`Copy ${label} ${value}`);
      await act(() => button.click());
      expect(writeText).toHaveBeenLastCalledWith(value);
    }
    expect(writeText).toHaveBeenCalledTimes(want.length);
    await waitFor(() => rows[0]!.querySelector('button')!.textContent!.startsWith('Copied'));
  });

  it('shows every error with its code, field and guidance where there is one', async () => {
    const el = await open(await seeded());
    const errors = section(el, 'errors-h');
    expect(errors.querySelector('h3')!.textContent).toBe('Why it failed (4 reasons)');
    const items = [...errors.querySelectorAll('ol.errors > li')];
    expect(items).toHaveLength(ERRORS.length);
    items.forEach((li, i) => {
      const e = ERRORS[i]!;
      expect(li.querySelector('.reason')!.textContent).toBe(e.message);
      expect([...li.querySelectorAll('code')].map((c) => c.textContent)).toEqual([...(e.field ? [e.field] : []), e.code]);
      const advice = guidanceFor('takealot', e);
      if (advice) expect(li.querySelector('.advice')!.textContent).toBe(`What to do: ${advice}`);
      else expect(li.querySelector('.advice')).toBeNull();
    });
    // The three known reasons have advice; the unknown one has none.
    expect(items.map((li) => li.querySelector('.advice') !== null)).toEqual([true, true, true, false]);
  });

  it('shows what was sent as a table of fields and values', async () => {
    const el = await open(await seeded());
    const table = section(el, 'changes-h').querySelector('table')!;
    expect([...table.querySelectorAll('thead th')].map((th) => th.textContent)).toEqual(['Field', 'Value']);
    const rows = [...table.querySelectorAll('tbody tr')].map((tr) => [
      tr.querySelector('th[scope=row]')!.textContent,
      tr.querySelector('td')!.textContent,
    ]);
    // The portal's labels; the field a reason names (selling_price) is marked, in words as well as colour.
    expect(rows).toEqual([
      ['Selling price ⚠ in the reason', '499'],
      ['Title', HOSTILE],
      ['<b>field</b>', '{"images":["https://example.com/a.jpg"]}'],
    ]);
    expect([...table.querySelectorAll('tbody tr')].map((tr) => tr.classList.contains('named'))).toEqual([true, false, false]);
    expect(table.querySelector('tbody th')!.getAttribute('title')).toBe('selling_price');
  });

  it('puts the reasons first and the ids last', async () => {
    const el = await open(await seeded());
    const order = [...el.querySelectorAll('h3')].map((h) => h.id);
    expect(order.indexOf('errors-h')).toBe(0);
    expect(order.indexOf('ids-h')).toBeGreaterThan(order.indexOf('changes-h'));
  });

  it('a success has no "Why it failed"; a Makro listing shows its Listing ID, FSN and SKU ID by those names', async () => {
    const mk: RecordDraft = {
      key: 'mk-1',
      platform: 'makro',
      kind: 'publish',
      status: 'success',
      observedAt: AT,
      productId: 'LSTKTLH7ZQ4MNB2WXAYPEERDB22',
      sku: 'MK-KETTLE-2L-BLK',
      errors: [],
      changes: [{ field: 'flipkart_selling_price', value: 499 }],
    };
    const db = await seeded([mk]);
    const el = await mount(<RecordDetail db={db} id={recordId('makro', 'mk-1')} onBack={() => undefined} onOpen={() => undefined} />);
    await waitFor(() => el.querySelector('h2'));
    expect(el.querySelector('h2')!.textContent).toBe('MK-KETTLE-2L-BLK · Makro publish');
    expect(el.querySelector('#errors-h')).toBeNull();
    const ids = [...section(el, 'ids-h').querySelectorAll('dt')].map((d) => d.textContent);
    expect(ids).toEqual(['Listing ID', 'FSN', 'SKU ID', 'Record ID']);
    expect(section(el, 'ids-h').textContent).toContain('KTLH7ZQ4MNB2WXAY');
    expect(section(el, 'changes-h').querySelector('tbody th')!.textContent).toBe('Selling price');
  });

  it('renders no untrusted string as markup', async () => {
    const el = await open(await seeded());
    const made = new Set([...el.querySelectorAll('*')].map((e) => e.tagName.toLowerCase()));
    for (const t of ['img', 'script', 'b', 'i', 'u']) expect(made).not.toContain(t);
    expect(el.querySelector('h2')!.textContent).toBe(`${HOSTILE} · Takealot publish`);
    expect(el.textContent).toContain(`Unrecognised: ${HOSTILE}`);
    const links = [...el.querySelectorAll('a')];
    expect(links.length).toBeGreaterThan(0);
    for (const a of links) expect(a.getAttribute('href')).toMatch(/^https:\/\/(www|sellers)\.takealot\.com\//);
  });

  it('links to the listing and to the fix page, safely', async () => {
    const el = await open(await seeded());
    const links = [...section(el, 'links-h').querySelectorAll('a')];
    expect(links.map((a) => [a.textContent, a.getAttribute('href'), a.getAttribute('rel'), a.getAttribute('target')])).toEqual([
      [
        'Fix it in the Takealot portal and try again',
        'https://sellers.takealot.com/single-product/884211',
        'noopener noreferrer',
        '_blank',
      ],
      ['Open the listing', MAIN.listingUrl, 'noopener noreferrer', '_blank'],
    ]);
  });

  it('never links a stored javascript: URL', async () => {
    const db = await seeded([(({ draftId: _, ...rest }) => ({ ...rest, listingUrl: 'javascript:alert(1)' }))(MAIN), OTHER]);
    const el = await open(db);
    expect(el.querySelector('a')).toBeNull();
    expect(el.innerHTML).not.toContain('javascript:');
  });

  it('lists the other items of the job and opens one', async () => {
    const onOpen = vi.fn();
    const el = await open(await seeded(), MAIN_ID, { onOpen });
    const job = section(el, 'job-h');
    expect(job.querySelector('h3')!.textContent).toBe('Other items of this job (1)');
    const button = job.querySelector('button')!;
    expect(button.textContent).toBe('KK-RUN-42-BLK');
    await act(() => button.click());
    expect(onOpen).toHaveBeenCalledWith(expect.objectContaining({ id: recordId('takealot', OTHER.key), sku: 'KK-RUN-42-BLK' }));
  });

  it('moves focus to the heading, and Back calls onBack', async () => {
    const onBack = vi.fn();
    const el = await open(await seeded(), MAIN_ID, { onBack });
    expect(document.activeElement).toBe(el.querySelector('h2'));
    await act(() => el.querySelector<HTMLButtonElement>('button')!.click());
    expect(onBack).toHaveBeenCalledTimes(1);
  });

  it('updates in place when the record settles', async () => {
    const db = await seeded([{ ...MAIN, status: 'pending', errors: [] }, OTHER]);
    const el = await open(db);
    expect(el.querySelector('.detail-status .status')!.textContent).toContain('Pending');
    await writeCapture(db, { drafts: [{ ...MAIN, observedAt: AT + 60_000 }], jobs: [], unrecognised: [] });
    await waitFor(() => el.querySelector('.detail-status .status')!.textContent!.includes('Failed'));
    expect(el.querySelectorAll('ol.errors > li')).toHaveLength(ERRORS.length);
    expect(section(el, 'history-h').querySelectorAll('li')).toHaveLength(2);
  });

  it('says so when the record is gone', async () => {
    const db = await seeded();
    const el = await mount(<RecordDetail db={db} id="TAL-NOPE" onBack={() => undefined} onOpen={() => undefined} />);
    await waitFor(() => el.textContent!.includes('no longer in the history'));
  });
});
