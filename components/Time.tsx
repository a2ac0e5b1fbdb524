import { exact, iso, relative } from '@/lib/format/time';

/** Relative time, with the exact time on hover and for screen readers and keyboard focus. */
export function Time({ ms, now }: { ms: number; now: number }) {
  const full = exact(ms);
  return (
    <time dateTime={iso(ms)} title={full} tabIndex={0} aria-label={`${relative(ms, now)}, ${full}`}>
      {relative(ms, now)}
    </time>
  );
}
