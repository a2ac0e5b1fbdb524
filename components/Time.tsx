import { clock, dayLabel, exact, iso, recent } from '@/lib/format/time';

/**
 * A time as the seller reads a log: the clock ("14:20"), with the day in front unless a
 * day header above already says it ("Yesterday 14:20"), and "5 min ago" beside it while
 * that helps. The exact instant is in the text for screen readers and in the tooltip;
 * the record's detail shows it in full without hovering.
 */
export function Time({ ms, now, withDay = true }: { ms: number; now: number; withDay?: boolean | undefined }) {
  const full = exact(ms);
  const day = dayLabel(ms, now);
  const ago = recent(ms, now);
  return (
    <time dateTime={iso(ms)} title={full}>
      <span aria-hidden="true">
        {withDay && day !== 'Today' ? `${day} ` : ''}
        {clock(ms)}
        {ago && <span class="ago"> · {ago}</span>}
      </span>
      <span class="visually-hidden">{full}</span>
    </time>
  );
}
