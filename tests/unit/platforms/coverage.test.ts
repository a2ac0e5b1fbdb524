import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { PLATFORM_MODULES, route } from '@/lib/platforms';
import type { PlatformModule } from '@/lib/platforms/types';
import type { Platform } from '@/lib/records/record';
import { exchangeOf, FIXTURES, type Fixture, loadFixture } from '../../helpers/fixtures';

/**
 * Rules and fixtures cover each other (issue #9 item 5): every rule of every platform has at
 * least one fixture, named for its scenario, and every fixture routes to the rule it names and
 * is parsed by it without a throw. A rule without a fixture, a fixture no rule takes, or a
 * fixture that names another rule than the one that takes it, fails here.
 */

/** A fixture may show a request no rule reads (`"rule": "none"`: the tap leaves it alone). */
const NONE = 'none';

interface Problem {
  fixture?: string;
  rule?: string;
  problem: string;
}

function coverage(modules: readonly PlatformModule[], fixtures: readonly { name: string; platform: Platform; f: Fixture }[]): Problem[] {
  const problems: Problem[] = [];
  const rules = new Map(modules.flatMap((m) => m.rules.map((r) => [r.name, { rule: r, platform: m.platform }] as const)));
  const used = new Map<string, string[]>();
  for (const { name, platform, f } of fixtures) {
    if (!/^[a-z0-9]+(-[a-z0-9]+)*$/.test(name.split('/')[1] ?? '')) problems.push({ fixture: name, problem: 'name is not kebab-case' });
    if (typeof f.scenario !== 'string' || f.scenario.trim().length < 20) problems.push({ fixture: name, problem: 'no scenario sentence' });
    let r: ReturnType<typeof route>;
    try {
      r = route(f.request.method, new URL(f.request.url));
    } catch {
      problems.push({ fixture: name, problem: `bad request URL ${f.request.url}` });
      continue;
    }
    const target = r?.kind === 'rule' ? rules.get(r.name) : undefined;
    if (f.rule === NONE) {
      if (r)
        problems.push({
          fixture: name,
          problem: `is for no rule, but ${r.kind === 'rule' ? r.name : 'the unrecognised counter'} takes it`,
        });
      continue;
    }
    if (r?.kind !== 'rule' || !target) {
      problems.push({ fixture: name, problem: `no rule takes ${f.request.method} ${f.request.url}` });
      continue;
    }
    if (target.platform !== platform) problems.push({ fixture: name, problem: `taken by ${r.name}, a rule of another platform` });
    if (f.rule !== undefined && f.rule !== r.name) problems.push({ fixture: name, problem: `names ${f.rule} but ${r.name} takes it` });
    if (f.rule === undefined) problems.push({ fixture: name, problem: 'does not name its rule' });
    try {
      const ex = exchangeOf(f);
      target.rule.parse({ ex, url: new URL(ex.url), page: new URL(ex.pageUrl), ctx: {} });
    } catch (e) {
      problems.push({ fixture: name, problem: `${r.name} throws on it: ${String(e)}` });
    }
    used.set(r.name, [...(used.get(r.name) ?? []), name]);
  }
  for (const name of rules.keys()) if (!used.has(name)) problems.push({ rule: name, problem: 'no fixture' });
  return problems;
}

const ALL = PLATFORM_MODULES.flatMap((m) =>
  readdirSync(join(FIXTURES, m.platform))
    .filter((f) => f.endsWith('.json'))
    .map((file) => {
      const name = `${m.platform}/${file.replace(/\.json$/, '')}`;
      return { name, platform: m.platform, f: loadFixture(name) };
    }),
);

describe('rule ↔ fixture coverage', () => {
  it('every rule has a fixture and every fixture is parsed by the rule it names', () => {
    expect(coverage(PLATFORM_MODULES, ALL)).toEqual([]);
  });

  it.each(PLATFORM_MODULES.flatMap((m) => m.rules.map((r) => [r.name] as const)))('%s has at least one fixture', (rule) => {
    const names = ALL.filter(({ f }) => {
      const r = route(f.request.method, new URL(f.request.url));
      return r?.kind === 'rule' && r.name === rule;
    });
    expect(names.length).toBeGreaterThan(0);
  });

  // The check itself must be able to fail.
  it('reports a rule without a fixture', () => {
    const [first, ...rest] = PLATFORM_MODULES;
    const lonely: PlatformModule = {
      ...first!,
      rules: [...first!.rules, { name: 'takealot/imaginary', methods: ['POST'], host: /^nowhere$/, path: /^\/$/, parse: () => ({}) }],
    };
    expect(coverage([lonely, ...rest], ALL)).toEqual([{ rule: 'takealot/imaginary', problem: 'no fixture' }]);
  });

  it('reports a fixture that names another rule, one no rule takes, one that makes its rule throw, and one without a scenario', () => {
    const base = loadFixture('makro/price-edit-success');
    const wrong = { name: 'makro/wrong-rule', platform: 'makro' as const, f: { ...base, rule: 'makro/stock-edit' } };
    const stray = {
      name: 'makro/stray',
      platform: 'makro' as const,
      f: { ...base, request: { method: 'POST', url: 'https://www.makro.co.za/cart' } },
    };
    const silent = { name: 'makro/Silent_Name', platform: 'makro' as const, f: { ...base, scenario: '' } };
    const throwing: PlatformModule[] = PLATFORM_MODULES.map((m) =>
      m.platform === 'makro'
        ? {
            ...m,
            rules: m.rules.map((r) =>
              r.name === 'makro/price-edit'
                ? {
                    ...r,
                    parse: () => {
                      throw new Error('boom');
                    },
                  }
                : r,
            ),
          }
        : m,
    );
    const problems = coverage(throwing, [...ALL, wrong, stray, silent]).map((p) => `${p.fixture ?? p.rule}: ${p.problem}`);
    const none = { name: 'makro/not-ignored', platform: 'makro' as const, f: { ...base, rule: NONE } };
    expect(coverage(PLATFORM_MODULES, [none])).toEqual(
      expect.arrayContaining([{ fixture: 'makro/not-ignored', problem: 'is for no rule, but makro/price-edit takes it' }]),
    );
    expect(problems).toEqual(
      expect.arrayContaining([
        'makro/wrong-rule: names makro/stock-edit but makro/price-edit takes it',
        'makro/stray: no rule takes POST https://www.makro.co.za/cart',
        'makro/Silent_Name: name is not kebab-case',
        'makro/Silent_Name: no scenario sentence',
        'makro/price-edit-success: makro/price-edit throws on it: Error: boom',
      ]),
    );
  });
});
