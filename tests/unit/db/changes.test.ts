import { describe, expect, it } from 'vitest';
import { DEXIE_CHANGES_CHANNEL, watchDbChanges } from '@/lib/db/changes';
import { writeCapture } from '@/lib/db/repo';
import { testDb } from '../../helpers/db';
import { drafts } from '../../helpers/records';

describe('watchDbChanges (the popup follows the history without Dexie)', () => {
  it("hears a write committed by Dexie elsewhere: the channel name is the bundled Dexie's", async () => {
    const { db } = testDb();
    await db.open();
    let heard = 0;
    const got = new Promise<void>((resolve) => {
      const off = watchDbChanges(() => {
        heard += 1;
        off();
        resolve();
      });
    });
    await writeCapture(db, { drafts: drafts(2), jobs: [], unrecognised: [] });
    await got;
    expect(heard).toBe(1);
    expect(DEXIE_CHANGES_CHANNEL).toBe('x-storagemutated-1');
  });
});
