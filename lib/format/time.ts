import { differenceInCalendarDays, endOfDay, lightFormat, startOfDay, startOfMonth, startOfWeek } from 'date-fns';

/**
 * Where the views and the store read dates (date-fns; "3 minutes ago" is in relative.ts, with its
 * locale). Days, weeks and months follow the local time zone. Fixed patterns use `lightFormat`
 * and fixed English names, not `format`, which brings a whole locale into every page (issue #12).
 */

/** Local calendar day, `yyyy-MM-dd` (the stats bucket of a time): no date-fns, for the background. */
export { dayKey } from './dayKey';

/** One formatter per locale, made once: building an Intl.DateTimeFormat costs more than formatting. */
const exactFormats = new Map<string, Intl.DateTimeFormat>();

/**
 * "27 Nov 2026, 14:03:12" in the seller's locale (en-ZA by default). Every row renders one, so
 * the formatter is made once per locale (a new one per row was 1.3 s of the side panel's CPU
 * while a 10,000-item batch settled; issue #12). It formats in UTC the instant shifted by the
 * local offset at that instant: the local wall clock, read from the Date's zone at each call, so
 * a formatter made in one zone never shows another zone's time.
 */
export function exact(ms: number, locale = 'en-ZA'): string {
  let f = exactFormats.get(locale);
  if (!f) {
    f = new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'medium', timeZone: 'UTC' });
    exactFormats.set(locale, f);
  }
  return f.format(ms - new Date(ms).getTimezoneOffset() * 60_000);
}

/** "14:20": the local wall-clock time of day (24-hour, as en-ZA writes it). */
export const clock = (ms: number): string => lightFormat(ms, 'HH:mm');

const WEEKDAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/**
 * The day header of a list: "Today", "Yesterday", "Thu 26 Nov" within the year,
 * "Thu 26 Nov 2025" before it. Calendar days in the local zone (SAST midnight in South Africa).
 */
export function dayLabel(ms: number, now: number): string {
  const d = differenceInCalendarDays(now, ms);
  if (d === 0) return 'Today';
  if (d === 1) return 'Yesterday';
  const day = new Date(ms);
  const label = `${WEEKDAYS[day.getDay()]} ${day.getDate()} ${MONTHS[day.getMonth()]}`;
  return day.getFullYear() === new Date(now).getFullYear() ? label : `${label} ${day.getFullYear()}`;
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
