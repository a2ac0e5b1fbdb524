// @vitest-environment happy-dom
import { act } from 'preact/test-utils';
import { describe, expect, it, vi } from 'vitest';
import { UnrecognisedNotice } from '@/components/UnrecognisedNotice';
import { writeCapture } from '@/lib/db/repo';
import type { UnrecognisedOp } from '@/lib/records/record';
import { testDb } from '../../helpers/db';
import { domRoot } from '../../helpers/dom';

const { mount, waitFor } = domRoot();
const settle = () => act(() => new Promise<void>((r) => setTimeout(r, 50)));

const AT = Date.UTC(2026, 10, 27, 10);
const op = (over: Partial<UnrecognisedOp>): UnrecognisedOp => ({
  platform: 'shopify',
  method: 'POST',
  endpoint: 'admin.shopify.com/api/{id}/graphql.json',
  observedAt: AT,
  ...over,
});

describe('UnrecognisedNotice', () => {
  it('renders nothing while no unrecognised operation was seen', async () => {
    const { db } = testDb();
    const el = await mount(<UnrecognisedNotice db={db} />);
    await settle();
    await settle();
    expect(el.innerHTML).toBe('');
  });

  it('counts every sighting, lists each operation newest first, and shows endpoints as text', async () => {
    const { db } = testDb();
    const hostile = 'evil.example/<img src=x onerror=alert(1)>';
    await writeCapture(db, {
      drafts: [],
      jobs: [],
      unrecognised: [
        op({ operation: 'productFancyUpdate' }),
        op({ platform: 'takealot', method: 'PUT', endpoint: hostile, observedAt: AT + 20 }),
      ],
    });
    await writeCapture(db, { drafts: [], jobs: [], unrecognised: [op({ operation: 'productFancyUpdate', observedAt: AT + 10 })] });
    const el = await mount(<UnrecognisedNotice db={db} />);
    const summary = await waitFor(() => el.querySelector('summary'));
    expect(summary.textContent).toBe('3 unrecognised operations: the portal may have changed');
    const rows = [...el.querySelectorAll('tbody tr')].map((tr) => [...tr.querySelectorAll('td')].map((td) => td.textContent));
    expect(rows).toEqual([
      ['Takealot', `PUT ${hostile}`, '1×'], // last seen most recently, though stored after Shopify's by key
      ['Shopify', 'POST admin.shopify.com/api/{id}/graphql.json (productFancyUpdate)', '2×'],
    ]);
    expect(el.querySelector('img')).toBeNull();
  });

  it('Copy report puts the JSON report on the clipboard: version, counts, shapes, no store and no value', async () => {
    const { db } = testDb();
    await writeCapture(db, {
      drafts: [],
      jobs: [],
      unrecognised: [
        op({
          endpoint: 'admin.shopify.com/api/operations/{id}/MenuUpdate/shopify/ubuntu-threads',
          operation: 'MenuUpdate',
          shape: 'data.menuUpdate.userErrors:array data.menuUpdate:object data:object',
        }),
      ],
    });
    let copied = '';
    const writeText = vi.fn((t: string) => {
      copied = t;
      return Promise.resolve();
    });
    Object.defineProperty(navigator, 'clipboard', { value: { writeText }, configurable: true });
    const el = await mount(<UnrecognisedNotice db={db} version="9.9.9" now={() => AT + 60_000} />);
    const button = await waitFor(() => [...el.querySelectorAll('button')].find((b) => b.textContent === 'Copy report'));
    await act(() => button.click());
    await waitFor(() => el.querySelector('[role="status"]')?.textContent === 'Report copied.');
    const report = JSON.parse(copied) as Record<string, unknown>;
    expect(report).toEqual({
      report: 'sync-history-unrecognised-operations',
      extensionVersion: '9.9.9',
      generatedAt: new Date(AT + 60_000).toISOString(),
      operations: [
        {
          platform: 'shopify',
          method: 'POST',
          pathTemplate: 'admin.shopify.com/api/operations/{id}/MenuUpdate/shopify/{store}',
          operation: 'MenuUpdate',
          count: 1,
          firstSeen: new Date(AT).toISOString(),
          lastSeen: new Date(AT).toISOString(),
          shapes: [['data.menuUpdate.userErrors:array', 'data.menuUpdate:object', 'data:object']],
        },
      ],
    });
    expect(copied).not.toContain('ubuntu-threads');
  });

  it('says so when the browser refuses the clipboard', async () => {
    const { db } = testDb();
    await writeCapture(db, { drafts: [], jobs: [], unrecognised: [op({})] });
    Object.defineProperty(navigator, 'clipboard', { value: { writeText: () => Promise.reject(new Error('denied')) }, configurable: true });
    const el = await mount(<UnrecognisedNotice db={db} version="9.9.9" />);
    const button = await waitFor(() => [...el.querySelectorAll('button')].find((b) => b.textContent === 'Copy report'));
    await act(() => button.click());
    await waitFor(() => el.querySelector('[role="status"]')?.textContent?.startsWith('Could not copy'));
  });
});
