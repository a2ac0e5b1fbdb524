import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { relative } from '@/lib/format/relative';
import { clock, dayKey, dayLabel, exact, iso, rangeBounds, recent } from '@/lib/format/time';

/*
 * Days, weeks and months follow the seller's local zone. Node re-reads process.env.TZ
 * whenever it is assigned (it resets V8's and ICU's cached zone), so each block stubs TZ
 * at run time and first proves the zone took effect by its offset. Vitest's default
 * `forks` pool gives each test file its own process, so the stub never leaks into
 * another file; vi.unstubAllEnvs() restores the starting zone for the next block.
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
    it("exact() reads as Intl's own format in this zone: every hour of 2026, every 15 minutes around each offset change", () => {
      // exact() keeps one formatter per locale for the whole process (the blocks before this one
      // ran in other zones): what it shows must follow the zone in effect now.
      const times: number[] = [];
      for (let t = utc('2026-01-01T00:00:00Z'); t < utc('2027-01-01T00:00:00Z'); t += 3_600_000) times.push(t);
      for (const [at] of offsets) for (let t = at - 3 * 3_600_000; t < at + 3 * 3_600_000; t += 900_000) times.push(t);
      for (let t = utc('2018-11-03T20:00:00Z'); t < utc('2018-11-04T08:00:00Z'); t += 900_000) times.push(t); // Brazil's 2018 change
      for (let t = utc('2026-10-25T00:00:00Z'); t < utc('2026-10-25T02:30:00Z'); t += 900_000) times.push(t); // London's hour twice
      const own = new Intl.DateTimeFormat('en-ZA', { dateStyle: 'medium', timeStyle: 'medium' });
      const wrong = times.filter((t) => exact(t) !== own.format(t));
      expect(wrong.map((t) => `${new Date(t).toISOString()}: ${exact(t)} ≠ ${own.format(t)}`)).toEqual([]);
    });
    body();
  });
}

const MAX = Number.MAX_SAFE_INTEGER;
const utc = (iso: string): number => Date.parse(iso);

const ORIGINAL = { tz: process.env.TZ, zone: Intl.DateTimeFormat().resolvedOptions().timeZone };

inZone(
  'Africa/Johannesburg',
  [
    [utc('2026-01-15T00:00:00Z'), 120],
    [utc('2026-07-15T00:00:00Z'), 120],
  ],
  () => {
    // Friday 27 November 2026, 00:30 SAST: still Thursday 26th in UTC.
    const now = utc('2026-11-26T22:30:00Z');

    it('day headers and clock times follow SAST: 00:30 on Friday is "Today", 23:59 Thursday is "Yesterday"', () => {
      expect(dayLabel(now, now)).toBe('Today');
      expect(clock(now)).toBe('00:30');
      expect(dayLabel(utc('2026-11-26T21:59:00Z'), now)).toBe('Yesterday');
      expect(clock(utc('2026-11-26T21:59:00Z'))).toBe('23:59');
      expect(dayLabel(utc('2026-11-25T21:59:00Z'), now)).toBe('Wed 25 Nov');
      expect(dayLabel(utc('2025-11-26T10:00:00Z'), now)).toBe('Wed 26 Nov 2025');
    });

    it('Today starts at local midnight, not UTC midnight', () => {
      expect(rangeBounds('today', now)).toEqual([utc('2026-11-26T22:00:00Z'), MAX]);
      expect(rangeBounds('today', utc('2026-11-26T22:00:00.000Z'))[0]).toBe(utc('2026-11-26T22:00:00Z')); // exactly midnight
      expect(rangeBounds('today', utc('2026-11-26T21:59:59.999Z'))[0]).toBe(utc('2026-11-25T22:00:00Z')); // 1 ms before
    });

    it('This week starts on Monday at local midnight', () => {
      expect(rangeBounds('week', now)).toEqual([utc('2026-11-22T22:00:00Z'), MAX]); // Mon 23 Nov 00:00 SAST
      // Sunday belongs to the week that started on the Monday before (weeks do not start on Sunday).
      expect(rangeBounds('week', utc('2026-11-29T21:59:59.999Z'))[0]).toBe(utc('2026-11-22T22:00:00Z'));
      // Monday midnight starts a new week; one millisecond earlier is still the old one.
      expect(rangeBounds('week', utc('2026-11-29T22:00:00.000Z'))[0]).toBe(utc('2026-11-29T22:00:00Z'));
    });

    it('This month starts on the 1st at local midnight, even while UTC is still in the previous month', () => {
      const firstOfNov = utc('2026-10-31T22:00:00Z');
      expect(rangeBounds('month', utc('2026-10-31T22:30:00Z'))).toEqual([firstOfNov, MAX]); // 1 Nov 00:30 SAST
      expect(rangeBounds('month', now)[0]).toBe(firstOfNov);
      expect(rangeBounds('month', utc('2026-10-31T21:59:59.999Z'))[0]).toBe(utc('2026-09-30T22:00:00Z'));
    });

    it('All time is everything', () => {
      expect(rangeBounds('all', now)).toEqual([0, MAX]);
    });

    it('Custom from/to covers whole local days, the last one to its final millisecond', () => {
      const [from, to] = rangeBounds('custom', now, { from: '2026-11-02', to: '2026-11-03' });
      expect(from).toBe(utc('2026-11-01T22:00:00Z'));
      expect(to).toBe(utc('2026-11-03T21:59:59.999Z'));
      // A save at 23:59:59.999 local on the last day is in; local midnight after it is out.
      const inRange = (t: number) => t >= from && t <= to;
      expect(inRange(utc('2026-11-03T21:59:59.999Z'))).toBe(true);
      expect(inRange(utc('2026-11-03T22:00:00.000Z'))).toBe(false);
      expect(inRange(utc('2026-11-01T21:59:59.999Z'))).toBe(false);
      expect(inRange(utc('2026-11-01T22:00:00.000Z'))).toBe(true);
      // One day from and to the same date is that whole day.
      expect(rangeBounds('custom', now, { from: '2026-11-03', to: '2026-11-03' })).toEqual([
        utc('2026-11-02T22:00:00Z'),
        utc('2026-11-03T21:59:59.999Z'),
      ]);
    });

    it('Custom with a missing or unreadable end is open on that side', () => {
      expect(rangeBounds('custom', now, { from: '2026-11-02' })).toEqual([utc('2026-11-01T22:00:00Z'), MAX]);
      expect(rangeBounds('custom', now, { to: '2026-11-03' })).toEqual([0, utc('2026-11-03T21:59:59.999Z')]);
      expect(rangeBounds('custom', now, {})).toEqual([0, MAX]);
      expect(rangeBounds('custom', now)).toEqual([0, MAX]);
      expect(rangeBounds('custom', now, { from: 'yesterday', to: '2026-13-45' })).toEqual([0, MAX]);
    });

    it('dayKey puts a time just before local midnight on the old day and midnight itself on the new one', () => {
      expect(dayKey(utc('2026-11-26T21:59:59.999Z'))).toBe('2026-11-26');
      expect(dayKey(utc('2026-11-26T22:00:00.000Z'))).toBe('2026-11-27');
      expect(dayKey(utc('2026-12-31T22:00:00.000Z'))).toBe('2027-01-01'); // new year starts two hours before UTC's
    });

    it('exact() shows the local wall-clock time; iso() the instant in UTC', () => {
      const t = utc('2026-11-26T22:00:00Z');
      expect(exact(t)).toMatch(/27 Nov 2026.*00:00:00/);
      expect(iso(t)).toBe('2026-11-26T22:00:00.000Z');
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
    // Saturday 28 February 2026, 22:00 BRT (-03:00): already Sunday 1 March in UTC.
    const now = utc('2026-03-01T01:00:00Z');

    it('Today, This week and This month start at local midnight, behind UTC', () => {
      expect(rangeBounds('today', now)).toEqual([utc('2026-02-28T03:00:00Z'), MAX]);
      expect(rangeBounds('week', now)).toEqual([utc('2026-02-23T03:00:00Z'), MAX]); // Mon 23 Feb
      expect(rangeBounds('month', now)).toEqual([utc('2026-02-01T03:00:00Z'), MAX]); // February, not March
    });

    it('dayKey around local midnight', () => {
      expect(dayKey(utc('2026-03-01T02:59:59.999Z'))).toBe('2026-02-28');
      expect(dayKey(utc('2026-03-01T03:00:00.000Z'))).toBe('2026-03-01');
    });

    it('a day whose midnight did not exist (DST start, 4 Nov 2018) starts at its first real instant, 01:00', () => {
      // Clocks went from 23:59:59 on the 3rd straight to 01:00 on the 4th.
      expect(rangeBounds('today', utc('2018-11-04T15:00:00Z'))[0]).toBe(utc('2018-11-04T03:00:00Z'));
      expect(rangeBounds('custom', 0, { from: '2018-11-04', to: '2018-11-04' })).toEqual([
        utc('2018-11-04T03:00:00Z'),
        utc('2018-11-05T01:59:59.999Z'),
      ]);
      expect(dayKey(utc('2018-11-04T02:59:59.999Z'))).toBe('2018-11-03');
      expect(dayKey(utc('2018-11-04T03:00:00.000Z'))).toBe('2018-11-04');
    });
  },
);

inZone(
  'Europe/London',
  [
    [utc('2026-01-15T00:00:00Z'), 0],
    [utc('2026-07-15T00:00:00Z'), 60],
  ],
  () => {
    it('Today in summer time starts at 00:00 BST (23:00 UTC the day before)', () => {
      expect(rangeBounds('today', utc('2026-07-01T00:30:00+01:00'))).toEqual([utc('2026-06-30T23:00:00Z'), MAX]);
      expect(rangeBounds('today', utc('2026-06-30T23:00:00.000Z'))[0]).toBe(utc('2026-06-30T23:00:00Z'));
      expect(rangeBounds('today', utc('2026-06-30T22:59:59.999Z'))[0]).toBe(utc('2026-06-29T23:00:00Z'));
    });

    it('the day clocks go forward (29 Mar 2026) is 23 hours long', () => {
      const [from, to] = rangeBounds('custom', 0, { from: '2026-03-29', to: '2026-03-29' });
      expect(from).toBe(utc('2026-03-29T00:00:00Z')); // midnight GMT
      expect(to).toBe(utc('2026-03-29T22:59:59.999Z')); // 23:59:59.999 BST
      expect(to - from + 1).toBe(23 * 3_600_000);
      expect(rangeBounds('today', utc('2026-03-29T12:00:00+01:00'))[0]).toBe(from);
    });

    it('the day clocks go back (25 Oct 2026) is 25 hours long', () => {
      const [from, to] = rangeBounds('custom', 0, { from: '2026-10-25', to: '2026-10-25' });
      expect(from).toBe(utc('2026-10-24T23:00:00Z')); // midnight BST
      expect(to).toBe(utc('2026-10-25T23:59:59.999Z')); // 23:59:59.999 GMT
      expect(to - from + 1).toBe(25 * 3_600_000);
    });

    it('This week across the change starts on the right Monday midnight of its own offset', () => {
      // Sunday 29 March (the change day) still belongs to the week of Monday 23 March, 00:00 GMT.
      expect(rangeBounds('week', utc('2026-03-29T12:00:00+01:00'))[0]).toBe(utc('2026-03-23T00:00:00Z'));
      // Wednesday 1 April: Monday 30 March, 00:00 BST.
      expect(rangeBounds('week', utc('2026-04-01T09:00:00+01:00'))[0]).toBe(utc('2026-03-29T23:00:00Z'));
    });

    it('This month in summer time starts at 00:00 BST on the 1st', () => {
      expect(rangeBounds('month', utc('2026-04-01T00:30:00+01:00'))).toEqual([utc('2026-03-31T23:00:00Z'), MAX]);
      expect(rangeBounds('month', utc('2026-03-31T22:59:59.999Z'))[0]).toBe(utc('2026-03-01T00:00:00Z'));
    });

    it('dayKey around midnight BST', () => {
      expect(dayKey(utc('2026-06-30T22:59:59.999Z'))).toBe('2026-06-30');
      expect(dayKey(utc('2026-06-30T23:00:00.000Z'))).toBe('2026-07-01');
    });
  },
);

describe('exact', () => {
  it('makes one formatter per locale, not one per call (a row each: issue #12)', () => {
    const Real = Intl.DateTimeFormat;
    let made = 0;
    class Counting extends Real {
      constructor(...args: ConstructorParameters<typeof Real>) {
        super(...args);
        made += 1;
      }
    }
    Intl.DateTimeFormat = Counting as typeof Real;
    try {
      for (let i = 0; i < 1000; i++) exact(utc('2026-11-27T12:00:00Z') + i * 60_000, 'en-GB');
    } finally {
      Intl.DateTimeFormat = Real;
    }
    expect(made).toBe(1);
    expect(exact(utc('2026-11-27T12:00:00Z'), 'en-GB')).toMatch(/27 Nov 2026/);
  });
});

describe('relative', () => {
  const now = utc('2026-11-27T12:00:00Z');
  it('says "just now" within 45 seconds either way, then a distance', () => {
    expect(relative(now - 44_999, now)).toBe('just now');
    expect(relative(now + 30_000, now)).toBe('just now');
    expect(relative(now - 3 * 60_000, now)).toBe('3 minutes ago');
    expect(relative(now - 2 * 86_400_000, now)).toBe('2 days ago');
  });
});

it('restores the starting zone after each block', () => {
  expect(process.env.TZ).toBe(ORIGINAL.tz);
  expect(Intl.DateTimeFormat().resolvedOptions().timeZone).toBe(ORIGINAL.zone);
});

describe('recent', () => {
  const now = Date.UTC(2026, 10, 27, 12);
  it('gives minutes within the last hour only', () => {
    expect(recent(now - 20_000, now)).toBe('just now');
    expect(recent(now - 5 * 60_000, now)).toBe('5 min ago');
    expect(recent(now - 59 * 60_000 - 59_000, now)).toBe('59 min ago');
    expect(recent(now - 60 * 60_000, now)).toBeUndefined();
    expect(recent(now + 60_000, now)).toBeUndefined(); // a clock ahead says nothing wrong
  });
});

describe('fixed patterns without a locale (issue #12: no date-fns locale on first load)', () => {
  it('day keys, clock times and day headers read exactly as date-fns `format` wrote them, every day of a year', async () => {
    const { format } = await import('date-fns');
    const now = new Date(2026, 5, 15, 12).getTime();
    for (let d = 0; d < 366 + 7; d++) {
      const ms = new Date(2025, 11, 25 + d, (d * 7) % 24, (d * 13) % 60).getTime();
      expect(dayKey(ms)).toBe(format(ms, 'yyyy-MM-dd'));
      expect(clock(ms)).toBe(format(ms, 'HH:mm'));
      const label = dayLabel(ms, now);
      if (label !== 'Today' && label !== 'Yesterday') {
        expect(label).toBe(format(ms, new Date(ms).getFullYear() === 2026 ? 'EEE d MMM' : 'EEE d MMM yyyy'));
      }
    }
  });
});
