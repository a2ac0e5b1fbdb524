import { describe, expect, it } from 'vitest';
import { changeSummary, fieldLabel, makroFsn, reasonNamesField } from '@/components/portalLabels';

describe('portal labels', () => {
  it('names API fields the way the portal does; unknown names stay as sent', () => {
    expect(fieldLabel('flipkart_selling_price')).toBe('Selling price');
    expect(fieldLabel('procurement_sla')).toBe('Procurement SLA (days)');
    expect(fieldLabel('variants.1.barcode')).toBe('Variants 2: Barcode');
    expect(fieldLabel('something_new')).toBe('something_new');
  });

  it('reads the FSN out of a Makro listing id, and nothing out of anything else', () => {
    expect(makroFsn('LSTKTLH7ZQ4MNB2WXAYPEERDB22')).toBe('KTLH7ZQ4MNB2WXAY');
    expect(makroFsn('KTLH7ZQ4MNB2WXAY')).toBeUndefined();
    expect(makroFsn('LSTshort')).toBeUndefined();
    expect(makroFsn(undefined)).toBeUndefined();
  });

  it('knows which fields a reason names (case and separators aside, a variant field by its list)', () => {
    const r = {
      errors: [{ message: 'x', field: 'variants.1.barcode' }, { message: 'y', field: 'Selling_Price' }, { message: 'no field' }],
    };
    expect(reasonNamesField(r, 'variants')).toBe(true);
    expect(reasonNamesField(r, 'selling_price')).toBe(true);
    expect(reasonNamesField(r, 'rrp')).toBe(false);
    expect(reasonNamesField({ errors: [] }, 'selling_price')).toBe(false);
  });

  it('sums up a success: prices in rand on Takealot and Makro, never on Shopify; the SKU and long text left out', () => {
    const changes = [
      { field: 'sku', value: 'A' },
      { field: 'selling_price', value: 199 },
      { field: 'descriptionHtml', value: '<p>long</p>' },
      { field: 'leadtime_stock', value: 4 },
      { field: 'rrp', value: 249 },
    ];
    expect(changeSummary({ platform: 'takealot', changes })).toBe('Selling price R199 · Leadtime stock 4');
    expect(changeSummary({ platform: 'shopify', changes: [{ field: 'price', value: '19.99' }] })).toBe('Price 19.99');
    expect(changeSummary({ platform: 'shopify', changes: [{ field: 'title', value: 'x'.repeat(40) }] })).toBe(`Title ${'x'.repeat(23)}…`);
    expect(changeSummary({ platform: 'makro', changes: [{ field: 'attrs', value: { a: 1 } }] })).toBeUndefined();
  });
});
