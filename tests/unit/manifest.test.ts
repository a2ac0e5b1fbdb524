import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { build, type Logger } from 'wxt';
import { PORTAL_MATCHES } from '@/lib/platforms';
import { PLATFORM_ROUTES } from '@/lib/platforms/routes';

/**
 * Pins what the shipped extension asks for (README "Permissions"). Builds the real extension
 * with WXT's own `build()` into a temp folder, for Chrome and for Firefox, so it needs no
 * earlier `npm run build` and never touches `.output/`. A change here is a change to what
 * users are asked to grant: update the README with it.
 */

type Json = Record<string, unknown>;
interface ContentScript {
  matches?: string[];
  js?: string[];
  css?: string[];
  run_at?: string;
  world?: string;
  all_frames?: boolean;
  match_about_blank?: boolean;
}
interface Built {
  dir: string;
  manifest: Json;
  /** Every file of the package, relative to `dir`. */
  files: string[];
  /** What WXT warned about or reported as an error while building. */
  complaints: string[];
}

const PERMISSIONS = {
  chrome: ['storage', 'alarms', 'sidePanel'],
  firefox: ['storage', 'alarms'],
};

/** Every top-level key each manifest may have: a new one (host_permissions, CSP, ...) fails here. */
const KEYS = {
  chrome: [
    'manifest_version',
    'name',
    'description',
    'version',
    'icons',
    'permissions',
    'action',
    'background',
    'side_panel',
    'content_scripts',
  ],
  firefox: [
    'manifest_version',
    'name',
    'description',
    'version',
    'icons',
    'permissions',
    'action',
    'browser_specific_settings',
    'background',
    'sidebar_action',
    'content_scripts',
  ],
};

/** Match patterns that would grant far more than the portals. */
const BROAD = ['<all_urls>', '*://*/*', 'http://*/*', 'https://*/*', '*://*/', 'file:///*'];

async function listFiles(dir: string, root = dir): Promise<string[]> {
  const out: string[] = [];
  for (const e of await readdir(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    if (e.isDirectory()) out.push(...(await listFiles(p, root)));
    else out.push(relative(root, p));
  }
  return out.sort();
}

function quietLogger(complaints: string[]): Logger {
  const note = (...args: unknown[]) => complaints.push(args.map(String).join(' '));
  const none = () => undefined;
  return { debug: none, log: none, info: none, success: none, warn: note, error: note, fatal: note, level: 3 as Logger['level'] };
}

let tmp = '';
const built: Partial<Record<'chrome' | 'firefox', Built>> = {};

async function buildFor(browser: 'chrome' | 'firefox'): Promise<Built> {
  const complaints: string[] = [];
  // Vitest runs with NODE_ENV=test; the shipped build is made with production.
  const env = process.env.NODE_ENV;
  process.env.NODE_ENV = 'production';
  try {
    await build({ browser, manifestVersion: 3, mode: 'production', outDir: join(tmp, browser), logger: quietLogger(complaints) });
  } finally {
    process.env.NODE_ENV = env;
  }
  const dir = join(tmp, browser, `${browser}-mv3`);
  const manifest = JSON.parse(await readFile(join(dir, 'manifest.json'), 'utf8')) as Json;
  return { dir, manifest, files: await listFiles(dir), complaints };
}

beforeAll(async () => {
  tmp = await mkdtemp(join(tmpdir(), 'sync-history-manifest-'));
  // One after the other: WXT keeps its state in a module-level singleton.
  built.chrome = await buildFor('chrome');
  built.firefox = await buildFor('firefox');
}, 120_000);

afterAll(async () => {
  if (tmp) await rm(tmp, { recursive: true, force: true });
});

const get = (browser: 'chrome' | 'firefox'): Built => {
  const b = built[browser];
  if (!b) throw new Error(`the ${browser} build did not run`);
  return b;
};
const contentScripts = (m: Json): ContentScript[] => (m.content_scripts ?? []) as ContentScript[];

/** Every string in the manifest, with where it is. */
function strings(x: unknown, path = ''): [string, string][] {
  if (typeof x === 'string') return [[path, x]];
  if (Array.isArray(x)) return x.flatMap((v, i) => strings(v, `${path}[${i}]`));
  if (x && typeof x === 'object') return Object.entries(x).flatMap(([k, v]) => strings(v, path ? `${path}.${k}` : k));
  return [];
}

describe.each(['chrome', 'firefox'] as const)('the %s manifest', (browser) => {
  it('builds without a warning from WXT', () => {
    expect(get(browser).complaints).toEqual([]);
  });

  it('is MV3 with exactly the expected top-level keys', () => {
    const { manifest } = get(browser);
    expect(manifest.manifest_version).toBe(3);
    expect(Object.keys(manifest).sort()).toEqual([...KEYS[browser]].sort());
  });

  it('asks for exactly the documented permissions, no host permissions, no tabs', () => {
    const { manifest } = get(browser);
    expect(manifest.permissions).toEqual(PERMISSIONS[browser]);
    expect(manifest.permissions).not.toContain('tabs');
    for (const key of ['host_permissions', 'optional_permissions', 'optional_host_permissions', 'externally_connectable']) {
      expect(manifest, key).not.toHaveProperty(key);
    }
  });

  it('runs its content scripts on the portal pages only: the tap on every portal, one isolated script per portal', () => {
    const scripts = contentScripts(get(browser).manifest);
    expect(scripts.map((s) => s.js)).toEqual([
      ['content-scripts/portal-makro.js'],
      ['content-scripts/portal-shopify.js'],
      ['content-scripts/portal-takealot.js'],
      ['content-scripts/tap.js'],
    ]);
    for (const s of scripts) {
      const platform = /portal-(\w+)\.js$/.exec(s.js?.[0] ?? '')?.[1];
      const expected = platform ? PLATFORM_ROUTES.find((p) => p.platform === platform)?.portalMatches : PORTAL_MATCHES;
      expect(expected, `${s.js}: a platform's portal pages`).toBeDefined();
      expect([...(s.matches ?? [])].sort()).toEqual([...(expected ?? [])].sort());
      for (const p of s.matches ?? []) {
        expect(BROAD).not.toContain(p);
        expect(p).toMatch(/^https:\/\/(\*\.)?[a-z0-9-]+(\.[a-z0-9-]+)+\//);
      }
      expect(s.all_frames, 'top frame only').toBeUndefined();
      expect(s.match_about_blank).toBeUndefined();
      expect(s.css).toBeUndefined();
    }
  });

  it('has the tap in the MAIN world at document_start, the portal scripts isolated', () => {
    const scripts = contentScripts(get(browser).manifest);
    const main = scripts.filter((s) => s.world === 'MAIN');
    expect(main).toHaveLength(1);
    expect(main[0]).toMatchObject({ js: ['content-scripts/tap.js'], run_at: 'document_start', world: 'MAIN' });
    const portals = scripts.filter((s) => s.js?.some((f) => f.startsWith('content-scripts/portal-')));
    expect(portals).toHaveLength(PLATFORM_ROUTES.length);
    for (const portal of portals) {
      expect(portal.world).toBeUndefined(); // ISOLATED, the default
      expect(portal.run_at).toBe('document_start');
    }
  });

  it("keeps WXT's content-script context and wrappers and webextension-polyfill out of the portal pages, and the polyfill in the extension's own", async () => {
    const { dir, files } = get(browser);
    const portals = files.filter((f) => /^content-scripts\/portal-\w+\.js$/.test(f));
    expect(portals).toHaveLength(PLATFORM_ROUTES.length);
    const POLYFILL = 'This script should only be loaded in a browser extension.';
    for (const f of portals) {
      const src = await readFile(join(dir, f), 'utf8');
      // WXT's ContentScriptContext posted the extension's id to the page when it was built (wxt.config.ts).
      expect(src, f).not.toContain('wxt:content-script-started');
      expect(src, f).not.toContain('postMessage');
      expect(src, f).not.toContain(POLYFILL);
      // The capture itself is there: the tap's messages, this portal's rules, the outbox.
      expect(src, f).toContain('sync-history:tap');
      expect(src, f).toContain('sync-history:outbox');
    }
    expect(await readFile(join(dir, 'background.js'), 'utf8')).toContain(POLYFILL);
    // The tap runs as `main()` too, without WXT's MAIN-world wrapper (its async runner and logger).
    const tap = await readFile(join(dir, 'content-scripts/tap.js'), 'utf8');
    expect(tap).not.toContain('crashed on startup');
    expect(tap).toContain('sync-history:tap');
  });

  it('keeps the default CSP and exposes no web-accessible resources', () => {
    const { manifest } = get(browser);
    expect(manifest).not.toHaveProperty('content_security_policy');
    expect(manifest).not.toHaveProperty('web_accessible_resources');
    expect(manifest).not.toHaveProperty('sandbox');
  });

  it('names no remote resource (the only URLs are the content scripts’ match patterns)', () => {
    const { manifest, files } = get(browser);
    const { content_scripts: _matches, ...rest } = manifest;
    const urls = strings(rest).filter(([, v]) => /^(https?:)?\/\//i.test(v) || /^(https?|wss?|ftp):/i.test(v));
    expect(urls).toEqual([]);
    // Every file the manifest names is in the package.
    const named = [
      ...contentScripts(manifest).flatMap((s) => s.js ?? []),
      ...[manifest.background, manifest.icons, manifest.action, manifest.side_panel, manifest.sidebar_action]
        .flatMap((x) => strings(x))
        .filter(([, v]) => /\.(js|html|png)$/.test(v))
        .map(([, v]) => v),
    ];
    for (const f of named) expect(files, f).toContain(f);
  });

  it('loads no remote code and evaluates no strings in its bundles', async () => {
    const { dir, files } = get(browser);
    const js = files.filter((f) => f.endsWith('.js'));
    expect(js.length).toBeGreaterThan(3);
    for (const f of js) {
      const src = await readFile(join(dir, f), 'utf8');
      // Remote code: a script from a URL (importScripts, static or dynamic import, a script element's src).
      expect(src, f).not.toMatch(/\bimportScripts\s*\(/);
      expect(src, f).not.toMatch(/\bimport\s*\(\s*[`'"](https?:)?\/\//i);
      expect(src, f).not.toMatch(/\bfrom\s*[`'"](https?:)?\/\//i);
      expect(src, f).not.toMatch(/\.src\s*=\s*[`'"](https?:)?\/\//i);
      // Strings run as code. Preact 11, Dexie 4 and date-fns 4 contain no `eval` and no call
      // of `Function` at all (checked on this build). The one allowed `eval` is a key in
      // webextension-polyfill's API table (devtools.inspectedWindow.eval: how many arguments
      // it takes), data, not a call; `Function.call.bind(...)` (the polyfill's hasOwnProperty)
      // is not matched. Anything new must be looked at and, only if provably not remote code,
      // allowed here with a comment.
      const evals = src.replaceAll('inspectedWindow:{eval:{', '').match(/.{0,40}\beval\b.{0,40}/g);
      expect(evals, f).toBeNull();
      expect(src, f).not.toMatch(/(?<![\w$])Function\s*\(/); // new Function(...), Function(...)
      expect(src, f).not.toMatch(/\bset(Timeout|Interval)\s*\(\s*[`'"]/);
    }
    const pages = files.filter((x) => x.endsWith('.html'));
    expect(pages.length).toBeGreaterThanOrEqual(2);
    for (const f of pages) {
      const html = await readFile(join(dir, f), 'utf8');
      const tags = html.match(/<(script|link)\b[^>]*>/gi) ?? [];
      expect(tags.length, f).toBeGreaterThan(0);
      for (const tag of tags) {
        const ref = /\b(?:src|href)\s*=\s*["']([^"']*)["']/i.exec(tag)?.[1];
        if (tag.toLowerCase().startsWith('<script')) expect(ref, `${f}: inline script ${tag}`).toBeDefined();
        if (ref !== undefined) expect(ref, `${f}: ${tag}`).toMatch(/^\.?\/(?!\/)/);
      }
    }
    for (const f of files.filter((x) => x.endsWith('.css'))) {
      const css = await readFile(join(dir, f), 'utf8');
      expect(css, f).not.toMatch(/@import|url\(\s*["']?(https?:)?\/\//i);
    }
  });
});

describe('per browser', () => {
  it('Chrome has the side panel', () => {
    const { manifest } = get('chrome');
    expect(manifest.side_panel).toEqual({ default_path: 'sidepanel.html' });
    expect(manifest.background).toEqual({ service_worker: 'background.js' });
    expect(manifest).not.toHaveProperty('browser_specific_settings');
  });

  it('Firefox has a sidebar instead, an id, and needs 128+ for MAIN-world content scripts', () => {
    const { manifest, files } = get('firefox');
    expect(manifest.sidebar_action).toMatchObject({ default_panel: 'sidepanel.html' });
    expect(files).toContain('sidepanel.html');
    expect(manifest).not.toHaveProperty('side_panel');
    expect(manifest.permissions).not.toContain('sidePanel');
    expect(manifest.background).toEqual({ scripts: ['background.js'] });
    expect(manifest.browser_specific_settings).toEqual({
      gecko: {
        id: 'sync-history@example.invalid',
        strict_min_version: '128.0',
        // Nothing is collected or transmitted (AMO requires the declaration).
        data_collection_permissions: { required: ['none'] },
      },
    });
  });
});
