import { useEffect, useState } from 'preact/hooks';

/** The current time, refreshed every `ms` so relative times stay true (no database code: the popup uses it). */
export function useNow(ms = 30_000): number {
  const [now, setNow] = useState(Date.now());
  useEffect(() => {
    const t = setInterval(() => setNow(Date.now()), ms);
    return () => clearInterval(t);
  }, [ms]);
  return now;
}
