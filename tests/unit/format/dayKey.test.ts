import { format, startOfDay } from 'date-fns';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { dayKey, startOfLocalDay } from '@/lib/format/dayKey';
import { dayKey as dayKeyOfTime } from '@/lib/format/time';

/*
 * dayKey is the background's own `yyyy-MM-dd` (no date-fns in the worker, issue #12). It keys the
 * per-day stats rows that every count reads, so it must give exactly what date-fns
 * `format(ms, 'yyyy-MM-dd')` gave before it, in every zone a seller may be in: checked against
 * date-fns itself over whole years, at every offset change to the millisecond, and at the named
 * edges below. As in time.test.ts, each block stubs TZ at run time (Node re-reads it on
 * assignment) and first proves the zone took effect by its offsets.
 */
function inZone(zone: string, offsets: [at: number, minutesEastOfUtc: number][], body: () => void): void {
  describe(zone, () => {
    beforeAll(() => {
      vi.stubEnv('TZ', zone);
    });
    afterAll(() => {
      vi.unstubAllEnvs();
    });
    it('is really the zone in effect (Date and Intl)', () => {
      expect(Intl.DateTimeFormat().resolvedOptions().timeZone).toBe(zone);
      for (const [at, east] of offsets) expect(0 - new Date(at).getTimezoneOffset(), new Date(at).toISOString()).toBe(east);
    });
    it('is the same as date-fns format(ms, "yyyy-MM-dd"), every 15 minutes of 2026 and at every offset change of 1940–2030', () => {
      expectSameAsDateFns(sweep(utc('2026-01-01T00:00:00Z'), utc('2027-01-01T00:00:00Z'), 15 * MINUTE));
      const changes = offsetChanges(utc('1940-01-01T00:00:00Z'), utc('2030-01-01T00:00:00Z'));
      expect(changes.length > 0).toBe(zone !== 'UTC'); // the sweep finds the changes there are
      for (const at of changes) {
        // The change itself, a millisecond either side, and each minute of the day around it.
        expectSameAsDateFns([at - 1, at, at + 1, ...sweep(at - DAY, at + DAY, MINUTE)]);
      }
    });
    body();
  });
}

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
const utc = (iso: string): number => Date.parse(iso);
const oracle = (ms: number): string => format(ms, 'yyyy-MM-dd');

function sweep(from: number, to: number, step: number): number[] {
  const out: number[] = [];
  for (let t = from; t < to; t += step) out.push(t);
  return out;
}

function expectSameAsDateFns(times: number[]): void {
  const wrong = times.filter((t) => dayKey(t) !== oracle(t));
  expect(wrong.map((t) => `${new Date(t).toISOString()}: ${dayKey(t)} ≠ ${oracle(t)}`)).toEqual([]);
  // The popup's "today" starts where date-fns startOfDay says, at every one of the same times.
  const early = times.filter((t) => startOfLocalDay(t) !== startOfDay(t).getTime());
  expect(early.map((t) => `${new Date(t).toISOString()}: ${startOfLocalDay(t)} ≠ ${startOfDay(t).getTime()}`)).toEqual([]);
}

/** Every instant in [from, to) where the zone's offset changes, to the millisecond. */
function offsetChanges(from: number, to: number): number[] {
  const offset = (t: number): number => new Date(t).getTimezoneOffset();
  const out: number[] = [];
  for (let t = from; t < to; t += 6 * HOUR) {
    if (offset(t) === offset(t + 6 * HOUR)) continue;
    let lo = t; // offset(lo) is the old one, offset(hi) the new one
    let hi = t + 6 * HOUR;
    while (hi - lo > 1) {
      const mid = Math.floor((lo + hi) / 2);
      if (offset(mid) === offset(t)) lo = mid;
      else hi = mid;
    }
    out.push(hi);
  }
  return out;
}

inZone(
  'Africa/Johannesburg',
  [
    [utc('2026-01-15T00:00:00Z'), 120],
    [utc('1942-12-01T00:00:00Z'), 180], // South Africa's wartime summer time (1942–1944)
  ],
  () => {
    it('a time just before local midnight is on the old day, midnight itself on the new one', () => {
      expect(dayKey(utc('2026-11-26T21:59:59.999Z'))).toBe('2026-11-26');
      expect(dayKey(utc('2026-11-26T22:00:00.000Z'))).toBe('2026-11-27');
      expect(dayKey(utc('2026-12-31T22:00:00.000Z'))).toBe('2027-01-01');
      expect(dayKey(utc('2028-02-28T22:00:00.000Z'))).toBe('2028-02-29'); // a leap day
    });

    it('follows the summer time of 1942, when midnight was 21:00 UTC', () => {
      expect(dayKey(utc('1942-12-01T20:59:59.999Z'))).toBe('1942-12-01');
      expect(dayKey(utc('1942-12-01T21:00:00.000Z'))).toBe('1942-12-02');
    });
  },
);

inZone(
  'America/New_York',
  [
    [utc('2026-01-15T00:00:00Z'), -300],
    [utc('2026-07-15T00:00:00Z'), -240],
  ],
  () => {
    it('a time just before local midnight is on the old day, midnight itself on the new one (behind UTC)', () => {
      expect(dayKey(utc('2026-01-16T04:59:59.999Z'))).toBe('2026-01-15');
      expect(dayKey(utc('2026-01-16T05:00:00.000Z'))).toBe('2026-01-16');
      expect(dayKey(utc('2027-01-01T04:59:59.999Z'))).toBe('2026-12-31'); // UTC is already in 2027
    });

    it('the day clocks go forward (8 Mar 2026) is 23 hours long', () => {
      expect(dayKey(utc('2026-03-08T04:59:59.999Z'))).toBe('2026-03-07');
      expect(dayKey(utc('2026-03-08T05:00:00.000Z'))).toBe('2026-03-08'); // 00:00 EST
      expect(dayKey(utc('2026-03-08T07:00:00.000Z'))).toBe('2026-03-08'); // 03:00 EDT, straight after 01:59:59 EST
      expect(dayKey(utc('2026-03-09T03:59:59.999Z'))).toBe('2026-03-08');
      expect(dayKey(utc('2026-03-09T04:00:00.000Z'))).toBe('2026-03-09'); // 00:00 EDT
    });

    it('the day clocks go back (1 Nov 2026) is 25 hours long: 01:00–01:59 twice, both on the 1st', () => {
      expect(dayKey(utc('2026-11-01T03:59:59.999Z'))).toBe('2026-10-31');
      expect(dayKey(utc('2026-11-01T04:00:00.000Z'))).toBe('2026-11-01'); // 00:00 EDT
      expect(dayKey(utc('2026-11-01T05:30:00.000Z'))).toBe('2026-11-01'); // 01:30 EDT
      expect(dayKey(utc('2026-11-01T06:30:00.000Z'))).toBe('2026-11-01'); // 01:30 EST
      expect(dayKey(utc('2026-11-02T04:59:59.999Z'))).toBe('2026-11-01'); // 23:59:59.999 EST
      expect(dayKey(utc('2026-11-02T05:00:00.000Z'))).toBe('2026-11-02');
    });
  },
);

inZone(
  'America/Sao_Paulo',
  [
    [utc('2026-01-15T00:00:00Z'), -180],
    [utc('2018-12-15T00:00:00Z'), -120],
  ],
  () => {
    it('a day whose midnight did not exist (DST start, 4 Nov 2018) begins at 01:00', () => {
      expect(dayKey(utc('2018-11-04T02:59:59.999Z'))).toBe('2018-11-03');
      expect(dayKey(utc('2018-11-04T03:00:00.000Z'))).toBe('2018-11-04');
    });
  },
);

inZone(
  'Australia/Lord_Howe',
  [
    [utc('2026-01-15T00:00:00Z'), 660],
    [utc('2026-07-15T00:00:00Z'), 630],
  ],
  () => {
    it('a half-hour offset with a half-hour summer time: midnight at 13:30 UTC in winter, 13:00 in summer', () => {
      expect(dayKey(utc('2026-07-15T13:29:59.999Z'))).toBe('2026-07-15');
      expect(dayKey(utc('2026-07-15T13:30:00.000Z'))).toBe('2026-07-16');
      expect(dayKey(utc('2026-01-15T12:59:59.999Z'))).toBe('2026-01-15');
      expect(dayKey(utc('2026-01-15T13:00:00.000Z'))).toBe('2026-01-16');
    });
  },
);

inZone(
  'Pacific/Apia',
  [
    [utc('2011-12-30T09:00:00Z'), -600],
    [utc('2011-12-30T11:00:00Z'), 840],
  ],
  () => {
    it('Samoa skipped 30 December 2011 (it crossed the date line): the 29th runs straight into the 31st', () => {
      expect(dayKey(utc('2011-12-30T09:59:59.999Z'))).toBe('2011-12-29');
      expect(dayKey(utc('2011-12-30T10:00:00.000Z'))).toBe('2011-12-31');
    });
  },
);

inZone('UTC', [[utc('2026-01-15T00:00:00Z'), 0]], () => {
  it('writes the year with at least four digits, and a year before 1 AD as its era year, as date-fns does', () => {
    // setUTCFullYear, not Date.UTC: Date.UTC reads years 0–99 as 1900–1999.
    const at = (year: number): number => new Date(Date.UTC(2000, 5, 15, 12)).setUTCFullYear(year);
    const cases: [number, string][] = [
      [at(5), '0005-06-15'],
      [at(999), '0999-06-15'],
      [at(0), '0001-06-15'], // 1 BC
      [at(-44), '0045-06-15'], // 45 BC
      [at(10_000), '10000-06-15'],
      [8.64e15, '275760-09-13'], // the last valid Date
      [-8.64e15, '271822-04-20'],
    ];
    for (const [t, key] of cases) {
      expect(dayKey(t), String(t)).toBe(key);
      expect(oracle(t), String(t)).toBe(key);
    }
  });

  it('refuses a time that is not a Date, with the RangeError date-fns threw', () => {
    for (const t of [Number.NaN, Number.POSITIVE_INFINITY, 8.64e15 + 1]) {
      expect(() => oracle(t)).toThrow(RangeError);
      expect(() => dayKey(t)).toThrow(new RangeError('Invalid time value'));
    }
  });
});

it('lib/format/time.ts re-exports this dayKey (the side panel and the stats use one function)', () => {
  expect(dayKeyOfTime).toBe(dayKey);
});
