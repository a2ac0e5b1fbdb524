// @vitest-environment happy-dom
import { options, type VNode } from 'preact';
import { act } from 'preact/test-utils';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { RecordRow } from '@/components/RecordRow';
import { type PanelDeps, SidePanelApp } from '@/components/SidePanelApp';
import { testDb, wrapTables } from '../../helpers/db';
import { domRoot } from '../../helpers/dom';
import { drafts, seed } from '../../helpers/records';

const { mount, waitFor } = domRoot();

const LIST = 'ul[aria-label="Sync history, newest first"]';

function panelDeps(db: PanelDeps['db']): PanelDeps {
  return {
    db,
    loadFilter: () => Promise.resolve({}),
    saveFilter: () => undefined,
    onSearchRequest: () => () => undefined,
    watchActiveListing: () => () => undefined,
    send: vi.fn(),
    markFailuresSeen: () => undefined,
    getRetentionDays: () => Promise.resolve(0),
    watchStorageProblem: () => () => undefined,
  };
}

const diffed = options.diffed;
afterEach(() => {
  if (diffed) options.diffed = diffed;
  else delete options.diffed;
});

describe('SidePanelApp', () => {
  // The counts come after the first rows when there are many records (issue #12, item 4). Read in
  // SidePanelApp, their answer re-rendered the whole panel and every row on screen (and again at
  // every commit of a batch, whose counts change with it); read in the filter bar, only the bar.
  it('the status counts arriving re-render the filter bar, not the rows on screen', async () => {
    let release!: () => void;
    const held = new Promise<void>((r) => (release = r));
    const { db } = testDb();
    // The counts' reads are answered only when released (asked at once, answered later).
    wrapTables(db, 'hold-stats', (name, t) =>
      name === 'stats' ? { ...t, query: (req) => t.query(req).then((res) => held.then(() => res)) } : t,
    );
    await seed(db, drafts(6));
    let rowRenders = 0;
    options.diffed = (vnode: VNode) => {
      if (vnode.type === RecordRow) rowRenders += 1;
      diffed?.(vnode);
    };
    const el = await mount(<SidePanelApp deps={panelDeps(db)} />);
    await waitFor(() => el.querySelector(`${LIST} article.row`));
    expect(el.querySelector('form.filters .count')).toBeNull(); // the counts are held
    const before = rowRenders;
    expect(before).toBeGreaterThan(0);
    await act(() => release());
    const all = await waitFor(() => el.querySelector('form.filters .count'));
    expect(all.textContent?.trim()).toBe('6');
    expect(rowRenders).toBe(before);
  });
});
