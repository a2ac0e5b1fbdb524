import type { SyncRecord } from '@/lib/records/record';

/** A pending record with no result this long after it started says so (issue #3). */
export const STALE_AFTER_MS = 30 * 60 * 1000;

/** Apart from StalePending.tsx, so the list can ask without loading the platform modules (issue #12). */
export const isStalePending = (r: SyncRecord, now: number): boolean => r.status === 'pending' && now - r.createdAt > STALE_AFTER_MS;
