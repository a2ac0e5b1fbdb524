import { describe, expect, it } from 'vitest';
import { redactChanges, redactDraft, redactText, SECRET_PATTERNS } from '@/lib/records/redact';

/**
 * Issue #10 item 6: a table of secret shapes that must be masked, and of look-alikes from
 * real listings that must survive untouched. Item 1: every pattern is linear.
 */
const SECRETS: [text: string, secret: string][] = [
  ['shpat_0123456789abcdef0123456789abcdef', 'shpat_0123456789abcdef0123456789abcdef'],
  ['shpca_0123456789abcdef0123456789abcdef', 'shpca_0123456789abcdef0123456789abcdef'],
  ['shppa_0123456789abcdef0123456789abcdef', 'shppa_0123456789abcdef0123456789abcdef'],
  ['shpss_0123456789abcdef0123456789abcdef', 'shpss_0123456789abcdef0123456789abcdef'],
  ['shpua_0123456789abcdef0123456789abcdef', 'shpua_0123456789abcdef0123456789abcdef'],
  ['sk_live_4eC39HqLyjWDarjtT1zdp7dc', 'sk_live_4eC39HqLyjWDarjtT1zdp7dc'],
  ['rk_test_4eC39HqLyjWDarjtT1zdp7dc', 'rk_test_4eC39HqLyjWDarjtT1zdp7dc'],
  ['ghp_0123456789abcdefghijABCDEFGHIJ012345', 'ghp_0123456789abcdefghijABCDEFGHIJ012345'],
  ['github_pat_11ABCDEFG0123456789_abcdefghijklmnop', 'github_pat_11ABCDEFG0123456789_abcdefghijklmnop'],
  ['xoxb-123456789012-abcdefghijkl', 'xoxb-123456789012-abcdefghijkl'],
  ['AKIAIOSFODNN7EXAMPLE', 'AKIAIOSFODNN7EXAMPLE'],
  ['AIzaSyA-1234567890abcdefghijklmnopqrstu', 'AIzaSyA-1234567890abcdefghijklmnopqrstu'],
  ['9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08', '9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08'],
  ['0123456789abcdef0123456789abcdef', '0123456789abcdef0123456789abcdef'],
  ['DEADBEEFDEADBEEFDEADBEEFDEADBEEF00112233', 'DEADBEEFDEADBEEFDEADBEEFDEADBEEF00112233'],
  [
    'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.dozjgNryP4J3jVmNHl0w5N_XgL0n3I9PlFUP0THsR8U',
    'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.dozjgNryP4J3jVmNHl0w5N_XgL0n3I9PlFUP0THsR8U',
  ],
  ['eyJhbGciOiJub25lIn0.eyJzdWIiOiJzZWxsZXIifQ.', 'eyJhbGciOiJub25lIn0.eyJzdWIiOiJzZWxsZXIifQ.'],
  ['Authorization: Basic dXNlcjpodW50ZXIy', 'dXNlcjpodW50ZXIy'],
  ['authorization=Bearer abc.def.ghi', 'abc.def.ghi'],
  ['Authorisation: Token 0a1b2c3d', '0a1b2c3d'],
  ['Proxy-Authorization: Basic QWxhZGRpbjpvcGVu', 'QWxhZGRpbjpvcGVu'],
  ['Bearer abcdefghijklmnop', 'abcdefghijklmnop'],
  ['bearer%20abcdefghijklmnop', 'abcdefghijklmnop'],
  ['Bearer+abcdefghijklmnop', 'abcdefghijklmnop'],
  ['Cookie: _session=abc; cart=1', '_session=abc'],
  ['Set-Cookie: sid=31d4d96e407aad42', '31d4d96e407aad42'],
  ['{"password": "hunter2"}', 'hunter2'],
  ["{'passwd': 'hunter2'}", 'hunter2'],
  ['password=hunter2', 'hunter2'],
  ['pwd=hunter2', 'hunter2'],
  ['passwd: hunter2', 'hunter2'],
  ['api_key=ZXhhbXBsZQ', 'ZXhhbXBsZQ'],
  ['apikey: ZXhhbXBsZQ', 'ZXhhbXBsZQ'],
  ['access_token=ya29.a0AfH6', 'ya29.a0AfH6'],
  ['refresh_token=1//0gabc', '1//0gabc'],
  ['client_secret=abcdef', 'abcdef'],
  ['token: 12ab34cd', '12ab34cd'],
  ['sessionid=38afes7a8', '38afes7a8'],
  ['csrf_token=Kq2v3', 'Kq2v3'],
  ['https://shop.example/callback?code=4%2F0Adeu5', '4%2F0Adeu5'],
  ['https://x.myshopify.com/admin?hmac=700e2dadb827fcc8609e9d5ce208b2e9cdaab9df07390d2cbca10d7c328fc4bf&shop=x', '700e2dadb8'],
  ['https://cdn.example/img.png?sig=a1b2c3&w=200', 'a1b2c3'],
  ['https://a.example/?signature=Zm9vYmFy', 'Zm9vYmFy'],
  ['https://seller:hunter2@sellers.takealot.com/', 'hunter2'],
  ['seller@example.co.za', 'seller@example.co.za'],
  ['first.last+tag@mail.example.com', 'first.last+tag@mail.example.com'],
  ['27 82 555 0199', '27 82 555 0199'],
  ['+27 82 555 0199', '+27 82 555 0199'],
  ['+27825550199', '+27825550199'],
  ['+27 (0)82 555 0199', '+27 (0)82 555 0199'],
  ['(082) 123 4567', '(082) 123 4567'],
  ['082.123.4567', '082.123.4567'],
  ['082-123-4567', '082-123-4567'],
  ['0825550199', '0825550199'],
  ['011 555 0199', '011 555 0199'],
  ['0027 21 555 0199', '0027 21 555 0199'],
  ['+44 20 7946 0958', '+44 20 7946 0958'],
  ['-----BEGIN PRIVATE KEY-----\nMIIEvQIBADANBgkqhkiG9w0BAQEFAASC\n-----END PRIVATE KEY-----', 'MIIEvQIBADANBgkqhkiG9w0BAQEFAASC'],
];

const LOOKALIKES: string[] = [
  '6001234567890', // EAN-13
  '0012345678905', // EAN-13 with leading zeros
  '012345678905', // UPC-A
  '96385074', // EAN-8
  '9780306406157', // ISBN-13
  'ACCFX4Y2ZQHGK6BD', // Flipkart/Makro FSN
  'LSTACCFX4Y2ZQHGK6BDQXMZ2P', // Makro listing id
  'MOBFWQ6BXGJCEYNY',
  'KK-RUN-43-WHT',
  'SOLAR-LAMP-12',
  'SKU-0825-550',
  'TSHIRT-2026-11-L',
  'PLID71234567',
  '71234567',
  'gid://shopify/Product/8123456789012',
  'gid://shopify/ProductVariant/44123456789012',
  'gid://shopify/InventoryItem/46123456789012',
  'UXB-7A3F-2026',
  '3f2504e0-4f89-11d3-9a0c-0305e82c3301', // UUID (dashes)
  'R 1 299.00',
  'R1299,00',
  'R 249 → R 199',
  '249.99',
  '1,299.00',
  '-15%',
  '+15% off',
  '2026-11-26',
  '2026-11-26T16:31:01+02:00',
  '26/11/2026 16:31',
  'Thu, 26 Nov 2026 14:31:01 GMT',
  '1764167461000',
  'Basic T-shirt, cotton, 3 pack',
  'Bearer bonds', // too short to be a token
  'Token ring adapter',
  'Password manager subscription',
  'Error code: 42',
  'code=INVALID_PRICE',
  'field: selling_price',
  'Price must be at least R 10',
  'Dimensions 120 x 80 x 45 mm',
  'Pack of 24 (2 x 12)',
  'Samsung Galaxy A15 128GB',
  '4K UHD 65" Smart TV',
  'Model 27-8255-50',
  'Weight 2.5 kg',
  'https://www.takealot.com/solar-lamp/PLID71234567',
  'https://admin.shopify.com/store/kk-running/products/8123456789012',
  'https://seller.makro.co.za/listings/LSTACCFX4Y2ZQHGK6BD',
  'Fix the brand field and save again',
  'Quantity 10000',
  'Warranty: 24 months',
  'Order 1001 shipped',
  'ISBN 0-306-40615-2',
  'colour: #ff00aa',
  'a1b2c3d4e5f6', // short hex id
  'sha 0123abcd',
];

describe('redaction masks secrets', () => {
  it('has at least 50 secret shapes', () => expect(SECRETS.length).toBeGreaterThanOrEqual(50));
  it.each(SECRETS)('masks %s', (text, secret) => {
    const out = redactText(`before ${text} after`);
    expect(out).toContain('[redacted');
    expect(out).not.toContain(secret);
    expect(out.startsWith('before ')).toBe(true);
  });
});

describe('redaction keeps real data', () => {
  it('has at least 50 look-alikes', () => expect(LOOKALIKES.length).toBeGreaterThanOrEqual(50));
  it.each(LOOKALIKES)('keeps %s', (s) => expect(redactText(s)).toBe(s));
});

describe('redaction covers every stored string', () => {
  it('ids, title, errors, change names and values of a draft', () => {
    const tok = 'shpat_0123456789abcdef0123456789abcdef';
    const d = redactDraft({
      key: 'k',
      platform: 'shopify',
      kind: 'publish',
      status: 'failed',
      observedAt: 1,
      sku: tok,
      storeId: 'me@example.com',
      title: `Lamp ${tok}`,
      errors: [{ message: 'call 082 555 0199', code: tok, field: 'sku' }],
      changes: [
        { field: 'title', value: { nested: ['x', `password=${'hunter2'}`] } },
        { field: 'api_key', value: 'x' },
      ],
    });
    expect(JSON.stringify(d)).not.toMatch(/shpat_|hunter2|me@example|555 0199/);
    expect(d.key).toBe('k');
    expect(d.changes.map((c) => c.field)).toEqual(['title']);
  });
  it('drops secret-looking keys inside change values', () => {
    expect(redactChanges([{ field: 'x', value: { Cookie: 'a', ok: 1 } }])).toEqual([{ field: 'x', value: { ok: 1 } }]);
  });
});

/**
 * Item 1: linear time. A backtracking pattern is super-linear when a quantifier is
 * unbounded and a match may start anywhere inside the run it repeats. The sources are
 * checked for unbounded quantifiers (`+`, `*`, `{n,}` outside a character class), which
 * the old email and JWT patterns had; timings are printed by `npm run bench`, never asserted.
 */
function unboundedQuantifiers(source: string): string[] {
  const found: string[] = [];
  let inClass = false;
  for (let i = 0; i < source.length; i++) {
    const c = source[i]!;
    if (c === '\\') {
      i++;
      continue;
    }
    if (inClass) {
      if (c === ']') inClass = false;
      continue;
    }
    if (c === '[') inClass = true;
    else if ((c === '+' || c === '*') && source[i - 1] !== '(') found.push(`${c} at ${i}`);
    else if (c === '{') {
      const m = /^\{\d+,\}/.exec(source.slice(i));
      if (m) found.push(`${m[0]} at ${i}`);
    }
  }
  return found;
}

describe('every pattern runs in linear time', () => {
  it.each(SECRET_PATTERNS.map(([re]) => [re.source] as const))('%s has only bounded quantifiers', (src) => {
    expect(unboundedQuantifiers(src)).toEqual([]);
  });
  it('the check catches the shapes that were slow', () => {
    expect(unboundedQuantifiers('[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\\.[A-Za-z]{2,}')).toHaveLength(3);
    expect(unboundedQuantifiers('\\beyJ[A-Za-z0-9_-]{8,}\\.')).toHaveLength(1);
  });
  it('a long run of one letter, and 64 kB of hostile text, come back whole', () => {
    const inputs = ['a'.repeat(100_000), `${'a.'.repeat(30_000)}@`, `${'eyJ-'.repeat(20_000)}`, `${'0 '.repeat(30_000)}`];
    for (const s of inputs) expect(redactText(s).length).toBe(s.length);
  });
});
