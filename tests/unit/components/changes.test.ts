import { describe, expect, it } from 'vitest';
import { coalesced, onTableChange } from '@/components/changes';
import { testDb } from '../../helpers/db';
import { drafts, seed } from '../../helpers/records';

/** A run that waits until the test lets it end. */
function heldRuns() {
  const ends: (() => void)[] = [];
  let runs = 0;
  const run = () =>
    new Promise<void>((r) => {
      runs += 1;
      ends.push(r);
    });
  const flush = () => new Promise<void>((r) => setTimeout(r, 0));
  return { run, ends, runs: () => runs, flush };
}

describe('coalesced', () => {
  it('runs at once when idle; asked while running, runs once more after, however often it was asked', async () => {
    const h = heldRuns();
    const c = coalesced(h.run);
    c.request();
    expect(h.runs()).toBe(1);
    c.request();
    c.request();
    c.request();
    expect(h.runs()).toBe(1);
    h.ends[0]!();
    await h.flush();
    expect(h.runs()).toBe(2);
    h.ends[1]!();
    await h.flush();
    expect(h.runs()).toBe(2);
    c.request();
    expect(h.runs()).toBe(3);
  });

  it('a failed run does not stop the next one; closed, it runs no more', async () => {
    let runs = 0;
    const c = coalesced(async () => {
      runs += 1;
      throw new Error('read failed');
    });
    c.request();
    c.request();
    await new Promise<void>((r) => setTimeout(r, 0));
    expect(runs).toBe(2);
    c.close();
    c.request();
    expect(runs).toBe(2);
  });
});

describe('onTableChange', () => {
  it('hears commits to its table only, until unsubscribed', async () => {
    const { db } = testDb();
    let records = 0;
    let other = 0;
    const offRecords = onTableChange(db, 'records', () => records++);
    const offOther = onTableChange(db, 'unrecognised', () => other++);
    await seed(db, drafts(3));
    const heard = records;
    expect(heard).toBeGreaterThan(0);
    await db.unrecognised.put({ key: 'takealot|GET|/v2/x' } as never);
    expect(other).toBeGreaterThan(0);
    expect(records).toBe(heard);
    offRecords();
    offOther();
    await seed(db, drafts(2, { prefix: 'later' }));
    expect(records).toBe(heard);
  });
});
