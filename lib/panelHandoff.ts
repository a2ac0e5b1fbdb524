import { type ListStatus, OPEN } from './records/facets';
import { STATUSES } from './records/record';

/**
 * The popup → side panel handoff: the popup stores what the seller asked for under
 * PANEL_SEARCH_KEY (lib/prefs.ts) and opens the panel; the panel reads it once. The value is in
 * storage another page wrote, so the panel checks every field, and a request older than a
 * minute (a panel opened long after) is ignored.
 */
export const HANDOFF_TTL_MS = 60_000;

const RANGES = ['today', 'week', 'month', 'all'] as const;

export interface PanelAsk {
  q?: string;
  /** A record to open. */
  open?: string;
  status?: ListStatus;
  range?: (typeof RANGES)[number];
}

/** What the panel does with a handoff: a search, and maybe a status, range or record to open. */
export interface Handoff {
  q: string;
  more: Omit<PanelAsk, 'q'>;
  /** More than a search: a status, range or record (delivered even after the panel has loaded its filter). */
  special: boolean;
}

const MAX_Q = 200;
const RECORD_ID = /^[A-Za-z0-9-]{1,80}$/;

/** The value the popup stores, or undefined when the seller asked for nothing in particular. */
export function handoffValue(ask: string | PanelAsk | undefined, now: number): (PanelAsk & { q: string; at: number }) | undefined {
  const r: PanelAsk = typeof ask === 'string' ? { q: ask } : (ask ?? {});
  if (!r.q && !r.open && !r.status && !r.range) return undefined;
  return { ...r, q: r.q ?? '', at: now };
}

/** A stored handoff, checked field by field; undefined when stale, malformed or empty. */
export function readHandoff(v: unknown, now: number): Handoff | undefined {
  if (typeof v !== 'object' || v === null) return undefined;
  const o = v as Record<string, unknown>;
  if (typeof o.at !== 'number' || !(now - o.at >= 0 && now - o.at < HANDOFF_TTL_MS)) return undefined;
  const q = typeof o.q === 'string' ? o.q.slice(0, MAX_Q) : '';
  const more: Handoff['more'] = {};
  if (typeof o.open === 'string' && RECORD_ID.test(o.open)) more.open = o.open;
  if (o.status === OPEN || (STATUSES as readonly unknown[]).includes(o.status)) more.status = o.status as ListStatus;
  if ((RANGES as readonly unknown[]).includes(o.range)) more.range = o.range as (typeof RANGES)[number];
  const special = more.open !== undefined || more.status !== undefined || more.range !== undefined;
  if (!q && !special) return undefined;
  return { q, more, special };
}
