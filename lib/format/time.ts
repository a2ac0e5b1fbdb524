import { differenceInCalendarDays, endOfDay, format, formatDistanceStrict, startOfDay, startOfMonth, startOfWeek } from 'date-fns';
import { enZA } from 'date-fns/locale';

/** The one place that imports date-fns. Days, weeks and months follow the local time zone. */

/** Local calendar day, `yyyy-MM-dd` (the stats bucket of a time): no date-fns, for the background. */
export { dayKey } from './dayKey';

/** "3 minutes ago" (en-ZA). */
export function relative(ms: number, now: number): string {
  if (Math.abs(now - ms) < 45_000) return 'just now';
  return formatDistanceStrict(ms, now, { addSuffix: true, locale: enZA });
}

/** "27 Nov 2026, 14:03:12" in the seller's locale (en-ZA by default). */
export function exact(ms: number, locale = 'en-ZA'): string {
  return new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'medium' }).format(ms);
}

/** "14:20": the local wall-clock time of day (24-hour, as en-ZA writes it). */
export const clock = (ms: number): string => format(ms, 'HH:mm');

/**
 * The day header of a list: "Today", "Yesterday", "Thu 26 Nov" within the year,
 * "Thu 26 Nov 2025" before it. Calendar days in the local zone (SAST midnight in South Africa).
 */
export function dayLabel(ms: number, now: number): string {
  const d = differenceInCalendarDays(now, ms);
  if (d === 0) return 'Today';
  if (d === 1) return 'Yesterday';
  return format(ms, new Date(ms).getFullYear() === new Date(now).getFullYear() ? 'EEE d MMM' : 'EEE d MMM yyyy');
}

/** "5 min ago" for the last hour (where a relative time helps), else undefined: the clock says it. */
export function recent(ms: number, now: number): string | undefined {
  const m = Math.floor((now - ms) / 60_000);
  if (m < 0 || m >= 60) return undefined;
  return m === 0 ? 'just now' : `${m} min ago`;
}

/** ISO string for `<time dateTime>`. */
export const iso = (ms: number): string => new Date(ms).toISOString();

export type RangeName = 'today' | 'week' | 'month' | 'all' | 'custom';

/** [from, to] epoch ms of a named range at `now`, in local time. Weeks start on Monday (en-ZA). */
export function rangeBounds(
  name: RangeName,
  now: number,
  custom?: { from?: string | undefined; to?: string | undefined },
): [number, number] {
  const end = Number.MAX_SAFE_INTEGER;
  switch (name) {
    case 'today':
      return [startOfDay(now).getTime(), end];
    case 'week':
      return [startOfWeek(now, { weekStartsOn: 1 }).getTime(), end];
    case 'month':
      return [startOfMonth(now).getTime(), end];
    case 'custom': {
      const from = custom?.from ? startOfDay(new Date(`${custom.from}T00:00:00`)).getTime() : 0;
      const to = custom?.to ? endOfDay(new Date(`${custom.to}T00:00:00`)).getTime() : end;
      return [Number.isNaN(from) ? 0 : from, Number.isNaN(to) ? end : to];
    }
    default:
      return [0, end];
  }
}
