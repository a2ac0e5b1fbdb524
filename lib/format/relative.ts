import { formatDistanceStrict } from 'date-fns';
import { enZA } from 'date-fns/locale';

/** "3 minutes ago" (en-ZA). Apart from time.ts: its locale loads only with the record detail. */
export function relative(ms: number, now: number): string {
  if (Math.abs(now - ms) < 45_000) return 'just now';
  return formatDistanceStrict(ms, now, { addSuffix: true, locale: enZA });
}
