import { exact, iso, relative } from '@/lib/format/time';

/** Relative time, with the exact time beside it for screen readers and on hover. */
export function Time({ ms, now }: { ms: number; now: number }) {
  const full = exact(ms);
  return (
    <time dateTime={iso(ms)} title={full}>
      {relative(ms, now)}
      <span class="visually-hidden">, {full}</span>
    </time>
  );
}
