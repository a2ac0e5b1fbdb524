import { facetsOf } from '../records/facets';
import { applyClosure, closures } from '../records/listing';
import type { SyncRecord } from '../records/record';
import type { SyncHistoryDB } from './schema';

/**
 * Keeps "fixed by" and "still failing" true as records are written (issue #11). Call inside
 * the writing transaction with the rows about to be written (`rows`: id → new row, or
 * undefined for a row being deleted) and the rows as stored before (`before`). It reads the
 * other records of the same listings through the `listing` index (never a scan), recomputes
 * the closure of every failure that shares a listing with a written row, and adds the
 * failures whose closure changed to `rows` (and their stored version to `before`).
 */
export async function resolveListings(
  db: SyncHistoryDB,
  rows: Map<string, SyncRecord | undefined>,
  before: Map<string, SyncRecord | undefined>,
): Promise<void> {
  const keys = new Set<string>();
  for (const [id, r] of rows) {
    for (const k of r?.listing ?? []) keys.add(k);
    for (const k of before.get(id)?.listing ?? []) keys.add(k);
  }
  if (keys.size === 0) return;
  const current = (r: SyncRecord): SyncRecord | undefined => (rows.has(r.id) ? rows.get(r.id) : r);
  const first = await db.records
    .where('listing')
    .anyOf([...keys])
    .toArray();
  // The failures whose closure may change: any that shares a listing key with a written row.
  const affected = new Map<string, SyncRecord>();
  for (const r of first) {
    const cur = current(r);
    if (cur) affected.set(cur.id, cur);
    if (!before.has(r.id)) before.set(r.id, r);
  }
  for (const r of rows.values()) if (r) affected.set(r.id, r);
  // Their closure depends on every record of each of their listings: read the keys not read yet.
  const more = new Set<string>();
  for (const r of affected.values()) for (const k of r.listing) if (!keys.has(k)) more.add(k);
  const group = new Map(affected);
  if (more.size > 0) {
    for (const r of await db.records
      .where('listing')
      .anyOf([...more])
      .toArray()) {
      const cur = current(r);
      if (cur && !group.has(cur.id)) group.set(cur.id, cur);
    }
  }
  const closed = closures([...group.values()]);
  for (const r of affected.values()) {
    const c = r.status === 'failed' ? closed.get(r.id) : undefined;
    if (r.fixedBy === c?.fixedBy && r.fixedAt === c?.fixedAt && r.supersededBy === c?.supersededBy) continue;
    // Never change a stored object in place: `before` may hold it.
    const next: SyncRecord = { ...r };
    applyClosure(next, c);
    next.facets = facetsOf(next);
    rows.set(next.id, next);
  }
}
