import { describe, expect, it } from 'vitest';
import { unrecognisedOps } from '@/lib/db/queries';
import { writeCapture } from '@/lib/db/repo';
import { capture, reportEndpoint } from '@/lib/platforms';
import { driftReport, SHAPE_DEPTH, SHAPE_MAX_CHARS, SHAPE_PATHS, shapeSignature } from '@/lib/platforms/drift';
import { checkUnrecognised } from '@/lib/records/validate';
import { testDb } from '../../helpers/db';
import { exchangeOf, loadFixture } from '../../helpers/fixtures';

/** Drift a maintainer can act on (issue #9 item 4): shapes, never values, and the copied report. */
const AT = Date.UTC(2026, 10, 27, 10);

/** A persisted non-product write whose answer is full of values that must never leave: sentinels. */
function hostileMenuUpdate() {
  const f = loadFixture('shopify/persisted-menu-update-unrecognised');
  const body = {
    data: {
      menuUpdate: {
        menu: {
          id: 'gid://shopify/Menu/231456789',
          title: 'SENTINEL-TITLE',
          owner: 'sentinel.owner@example.co.za',
          phone: '+27 82 555 0199',
        },
        byId: { '8123456789012': { sku: 'SENTINEL-SKU' }, 'sentinel@example.co.za': true, shpat_0123456789abcdef0123456789abcdef: 'x' },
        token: 'eyJhbGciOiJIUzI1NiJ9.SENTINEL.sig',
        userErrors: [],
      },
    },
  };
  return exchangeOf(f, { responseBody: body });
}

describe('shape signatures', () => {
  it('persisted-menu-update-unrecognised: key paths and JSON types, sorted, no values', () => {
    const [op] = capture(exchangeOf(loadFixture('shopify/persisted-menu-update-unrecognised')), {}).unrecognised;
    expect(op!.shape!.split(' ')).toEqual([
      'data.menuUpdate.menu.handle:string',
      'data.menuUpdate.menu.id:string',
      'data.menuUpdate.menu.items:array',
      'data.menuUpdate.menu.items[].id:string',
      'data.menuUpdate.menu.items[].title:string',
      'data.menuUpdate.menu.items[]:object',
      'data.menuUpdate.menu.title:string',
      'data.menuUpdate.menu:object',
      'data.menuUpdate.userErrors:array',
      'data.menuUpdate:object',
      'data:object',
      'extensions.cost.actualQueryCost:number',
      'extensions.cost.requestedQueryCost:number',
      'extensions.cost.throttleStatus.currentlyAvailable:number',
      'extensions.cost.throttleStatus.maximumAvailable:number',
      'extensions.cost.throttleStatus.restoreRate:number',
      'extensions.cost.throttleStatus:object',
      'extensions.cost:object',
      'extensions:object',
    ]);
    expect(checkUnrecognised(op, AT + 1e12)).toMatchObject({ ok: true });
  });

  it('hostile answer: ids, emails and tokens used as keys become *, no value survives', () => {
    const [op] = capture(hostileMenuUpdate(), {}).unrecognised;
    const shape = op!.shape!;
    expect(shape).toContain('data.menuUpdate.byId.*:object');
    expect(shape).toContain('data.menuUpdate.byId.*.sku:string');
    expect(shape).toContain('data.menuUpdate.token:string');
    expect(shape).not.toMatch(/sentinel|555|0199|eyJ|8123456789012|shpat|example/i);
  });

  it('bounded: depth, number of paths, length; a body that was not read has no shape', () => {
    let deep: Record<string, unknown> = { leaf: 1 };
    for (let i = 0; i < 50; i++) deep = { next: deep };
    expect(
      shapeSignature(deep)!
        .split(' ')
        .every((p) => p.split('.').length <= SHAPE_DEPTH),
    ).toBe(true);
    const wide = Object.fromEntries(Array.from({ length: 5000 }, (_, i) => [`k${String.fromCharCode(97 + (i % 26))}${i % 99}`, i]));
    const s = shapeSignature({ data: wide })!;
    expect(s.split(' ').length).toBeLessThanOrEqual(SHAPE_PATHS + 1);
    expect(s.endsWith('…')).toBe(true);
    expect(s.length).toBeLessThanOrEqual(SHAPE_MAX_CHARS);
    const k = (c: string) => c.repeat(40);
    const long = Object.fromEntries('abcdefghijklmnopqrstuvwxyz'.split('').map((c) => [k(c), { [k('x')]: { [k('y')]: { [k('z')]: 1 } } }]));
    const cut = shapeSignature({ data: long })!;
    expect(cut.length).toBeLessThanOrEqual(SHAPE_MAX_CHARS);
    expect(cut.endsWith(' …')).toBe(true);
    expect(checkUnrecognised({ platform: 'shopify', method: 'POST', endpoint: 'x', observedAt: AT, shape: cut }, AT)).toMatchObject({
      ok: true,
    });
    expect(shapeSignature(undefined)).toBeUndefined();
    expect(shapeSignature([1, 2])).toBe('[]:number');
    expect(shapeSignature('x')).toBe(':string');
  });

  it('the background refuses a forged shape that could carry a value', () => {
    const op = { platform: 'shopify', method: 'POST', endpoint: 'admin.shopify.com/x', observedAt: AT };
    expect(checkUnrecognised({ ...op, shape: 'data.email:sentinel@example.co.za' }, AT)).toMatchObject({ ok: false });
    expect(checkUnrecognised({ ...op, shape: 'x'.repeat(SHAPE_MAX_CHARS + 1) }, AT)).toMatchObject({ ok: false });
    expect(checkUnrecognised({ ...op, shape: 42 }, AT)).toMatchObject({ ok: false });
  });
});

describe('the copied report', () => {
  it('counts sightings, keeps distinct shapes, names no store, and holds no value, id, email or token', async () => {
    const { db } = testDb();
    const a = capture(hostileMenuUpdate(), {}).unrecognised;
    const b = capture(exchangeOf(loadFixture('shopify/persisted-menu-update-unrecognised')), {}).unrecognised;
    const c = capture(exchangeOf(loadFixture('shopify/persisted-menu-update-unrecognised')), {}).unrecognised;
    for (const unrecognised of [a, b, c]) await writeCapture(db, { drafts: [], jobs: [], unrecognised });
    const rows = await unrecognisedOps(db);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ count: 3, operation: 'MenuUpdate' });
    expect(rows[0]!.shapes).toHaveLength(2); // the hostile answer's and the ordinary one's

    const text = driftReport(rows, '1.4.0', AT, reportEndpoint);
    const report = JSON.parse(text) as { extensionVersion: string; operations: Record<string, unknown>[] };
    expect(report.extensionVersion).toBe('1.4.0');
    expect(report.operations).toEqual([
      {
        platform: 'shopify',
        method: 'POST',
        pathTemplate: 'admin.shopify.com/api/operations/{id}/MenuUpdate/shopify/{store}',
        operation: 'MenuUpdate',
        count: 3,
        firstSeen: expect.any(String),
        lastSeen: expect.any(String),
        shapes: [expect.any(Array), expect.any(Array)],
      },
    ]);
    expect(text).not.toMatch(/sentinel|555[\s-]?0199|eyJ|8123456789012|231456789|ubuntu-threads|Main menu|Dresses|@/i);
  });

  it('Shopify endpoints in a report name no store, in the host or the path', () => {
    expect(reportEndpoint('shopify', 'ubuntu-threads.myshopify.com/admin/api/2025-10/products.json')).toBe(
      '{store}.myshopify.com/admin/api/2025-10/products.json',
    );
    expect(reportEndpoint('shopify', 'admin.shopify.com/api/shopify/ubuntu-threads')).toBe('admin.shopify.com/api/shopify/{store}');
    expect(reportEndpoint('shopify', 'admin.shopify.com/api/operations/{id}/X/shopify/ubuntu-threads')).toBe(
      'admin.shopify.com/api/operations/{id}/X/shopify/{store}',
    );
    expect(reportEndpoint('takealot', 'seller-api.takealot.com/v2/x')).toBe('seller-api.takealot.com/v2/x');
  });
});
