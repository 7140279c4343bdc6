/**
 * Opening hours: the admin's format (and its mistakes), open or closed at an instant, the next
 * opening (weekends, holidays, daylight saving), and how the person is told when.
 */
import { expect } from 'chai';
import { describeOpening, isOpen, LOOKAHEAD_DAYS, nextOpening, parseSchedule, ScheduleError, type Schedule } from '../../src/core/schedule.ts';

const LIMA = 'America/Lima';
const MADRID = 'Europe/Madrid';
const HOURS = 'mon-fri 09:00-13:00,14:00-18:00; sat 09:00-13:00';

/** Lima local time (UTC-5 all year) as epoch ms. Month 1-based. */
function lima(year: number, month: number, day: number, hour: number, minute = 0): number {
  return Date.UTC(year, month - 1, day, hour + 5, minute);
}

// January 2026: Fri 9, Sat 10, Sun 11, Mon 12.
const FRIDAY = (hour: number, minute = 0) => lima(2026, 1, 9, hour, minute);

function parseError(spec: string, timeZone = LIMA): ScheduleError {
  try {
    parseSchedule(spec, timeZone);
  } catch (error) {
    expect(error).to.be.instanceOf(ScheduleError);
    return error as ScheduleError;
  }
  throw new Error(`"${spec}" parsed`);
}

describe('schedule', () => {
  describe('parseSchedule', () => {
    it('reads days, ranges, lists and several windows per day', () => {
      const schedule = parseSchedule(HOURS, LIMA);
      expect(schedule.timeZone).to.equal(LIMA);
      expect(schedule.week[0]).to.deep.equal([
        { start: 540, end: 780 },
        { start: 840, end: 1080 },
      ]);
      expect(schedule.week[4]).to.deep.equal(schedule.week[0]);
      expect(schedule.week[5]).to.deep.equal([{ start: 540, end: 780 }]);
      expect(schedule.week[6]).to.deep.equal([]);
      expect(parseSchedule('mon,wed,fri 10:00-12:00', LIMA).week.map((windows) => windows.length)).to.deep.equal([1, 0, 1, 0, 1, 0, 0]);
      expect(parseSchedule('fri-mon 10:00-12:00', LIMA).week.map((windows) => windows.length)).to.deep.equal([1, 0, 0, 0, 1, 1, 1]);
    });

    it('accepts Spanish day names with or without accents, any case and spacing', () => {
      const english = parseSchedule('mon-wed 09:00-18:00; sat 09:00-13:00', LIMA).week;
      expect(parseSchedule('  LUN - MIÉ  9:00 - 18:00 ;\n sáb 09:00-13:00 ', LIMA).week).to.deep.equal(english);
      expect(parseSchedule('lun,mar,mie 09:00-18:00; sab 09:00-13:00', LIMA).week).to.deep.equal(english);
      expect(parseSchedule('Lunes-Miércoles 09:00–18:00; Saturday 09:00-13:00', LIMA).week).to.deep.equal(english);
    });

    it('reads always, 24:00, closed dates, and merges repeated days', () => {
      expect(parseSchedule('always', LIMA).week.every((windows) => windows.length === 1 && windows[0]!.end === 1440)).to.equal(true);
      expect(parseSchedule('sun 00:00-24:00', LIMA).week[6]).to.deep.equal([{ start: 0, end: 1440 }]);
      const schedule = parseSchedule('mon 09:00-12:00; mon 11:00-13:00,13:00-14:00; closed 2026-12-25, 2027-01-01; closed 2026-12-31', LIMA);
      expect(schedule.week[0]).to.deep.equal([{ start: 540, end: 840 }]);
      expect([...schedule.closedDates].sort()).to.deep.equal(['2026-12-25', '2026-12-31', '2027-01-01']);
    });

    it('rejects mistakes, saying what is wrong and showing the format', () => {
      const cases: [string, string][] = [
        ['', 'no opening hours given'],
        ['tues-fri 09:00-18:00', '"tues" is not a day: use mon tue wed thu fri sat sun'],
        ['mon-fri', 'no hours for mon-fri, add them, e.g. "mon-fri 09:00-18:00"'],
        ['09:00-18:00', 'start with the days'],
        ['mon-fri 9-18', '"9-18" is not a time range: write HH:MM-HH:MM'],
        ['mon 09:00-25:00', '"25:00" is not a time of day'],
        ['mon 09:60-10:00', '"09:60" is not a time of day'],
        ['mon 24:00-24:00', '24:00 can only end a range'],
        ['fri 22:00-06:00', 'hours past midnight are not supported, split them: "fri 22:00-24:00; sat 00:00-06:00"'],
        ['mon 10:00-10:00', 'does not end after it starts'],
        ['mon 09:00-18:00; closed 2026-02-30', '"2026-02-30" is not a date: write closed dates as YYYY-MM-DD'],
        ['mon 09:00-18:00; closed', '"closed" needs dates'],
        ['closed 2026-12-25', 'only closed dates given'],
        ['always 09:00-18:00', 'nothing may follow "always"'],
        ['mon-tue-wed 09:00-18:00', '"mon-tue-wed" is not a day or a range of days'],
      ];
      for (const [spec, problem] of cases) {
        const error = parseError(spec);
        expect(error.message, spec).to.include(problem);
        expect(error.message, spec).to.include('Expected something like "mon-fri 09:00-18:00; sat 09:00-13:00; closed 2026-12-25" or "always"');
      }
    });

    it('validates the time zone and keeps its canonical name', () => {
      expect(parseError('always', 'America/Limaa').message).to.equal('"America/Limaa" is not an IANA time zone. Expected something like "America/Lima"');
      expect(parseError('always', '').message).to.include('is not an IANA time zone');
      expect(parseSchedule('always', 'america/lima').timeZone).to.equal(LIMA);
    });
  });

  describe('isOpen', () => {
    const schedule = parseSchedule(`${HOURS}; closed 2026-12-25`, LIMA);

    it('opens at the start (included) and closes at the end (excluded)', () => {
      expect(isOpen(schedule, FRIDAY(8, 59) + 59_999)).to.equal(false);
      expect(isOpen(schedule, FRIDAY(9))).to.equal(true);
      expect(isOpen(schedule, FRIDAY(13) - 1)).to.equal(true);
      expect(isOpen(schedule, FRIDAY(13))).to.equal(false); // lunch
      expect(isOpen(schedule, FRIDAY(14))).to.equal(true);
      expect(isOpen(schedule, FRIDAY(18) - 1)).to.equal(true);
      expect(isOpen(schedule, FRIDAY(18))).to.equal(false);
    });

    it('uses the local day, not the UTC one, and respects closed dates and 24:00', () => {
      expect(isOpen(schedule, lima(2026, 1, 10, 12))).to.equal(true); // Saturday morning
      expect(isOpen(schedule, lima(2026, 1, 11, 12))).to.equal(false); // Sunday
      expect(isOpen(schedule, lima(2026, 12, 25, 10))).to.equal(false); // Friday, but Christmas
      expect(isOpen(schedule, lima(2026, 12, 24, 10))).to.equal(true);
      const lateFriday = parseSchedule('fri 20:00-24:00', LIMA);
      expect(isOpen(lateFriday, FRIDAY(23, 59))).to.equal(true); // already Saturday in UTC
      expect(isOpen(lateFriday, lima(2026, 1, 10, 0))).to.equal(false);
    });

    it('follows daylight saving time', () => {
      const madrid = parseSchedule('mon-fri 09:00-18:00', MADRID);
      expect(isOpen(madrid, Date.UTC(2026, 0, 12, 8))).to.equal(true); // 09:00 CET (UTC+1)
      expect(isOpen(madrid, Date.UTC(2026, 6, 13, 7))).to.equal(true); // 09:00 CEST (UTC+2)
      expect(isOpen(madrid, Date.UTC(2026, 6, 13, 16))).to.equal(false); // 18:00 CEST
    });
  });

  describe('nextOpening', () => {
    const schedule = parseSchedule(HOURS, LIMA);

    it('finds the next window today, after lunch, tomorrow, and across the weekend', () => {
      expect(nextOpening(schedule, FRIDAY(7))).to.equal(FRIDAY(9));
      expect(nextOpening(schedule, FRIDAY(13, 30))).to.equal(FRIDAY(14));
      expect(nextOpening(schedule, FRIDAY(19))).to.equal(lima(2026, 1, 10, 9));
      expect(nextOpening(schedule, lima(2026, 1, 10, 13))).to.equal(lima(2026, 1, 12, 9));
      expect(nextOpening(schedule, lima(2026, 1, 11, 23, 59))).to.equal(lima(2026, 1, 12, 9));
    });

    it('is strictly after the instant: while open, it is the opening after this stretch', () => {
      expect(nextOpening(schedule, FRIDAY(9))).to.equal(FRIDAY(14));
      expect(nextOpening(schedule, FRIDAY(17, 59))).to.equal(lima(2026, 1, 10, 9));
    });

    it('skips closed dates, including long closures', () => {
      const holidays = parseSchedule(`${HOURS}; closed 2026-12-25,2026-12-26`, LIMA);
      expect(nextOpening(holidays, lima(2026, 12, 24, 19))).to.equal(lima(2026, 12, 28, 9));
      const closures = Array.from({ length: 200 }, (_, day) => new Date(Date.UTC(2026, 0, 12 + day)).toISOString().slice(0, 10));
      const longClosure = parseSchedule(`${HOURS}; closed ${closures.join(',')}`, LIMA);
      expect(nextOpening(longClosure, FRIDAY(19))).to.equal(lima(2026, 1, 10, 9));
      expect(nextOpening(longClosure, lima(2026, 1, 10, 13))).to.equal(lima(2026, 7, 31, 9)); // first day after the closure
    });

    it('treats a 24:00 end followed by 00:00 as one stretch', () => {
      const weekend = parseSchedule('sat-sun 00:00-24:00', LIMA);
      expect(nextOpening(weekend, FRIDAY(12))).to.equal(lima(2026, 1, 10, 0));
      expect(nextOpening(weekend, lima(2026, 1, 10, 12))).to.equal(lima(2026, 1, 17, 0)); // not Sunday 00:00
      const allYear = parseSchedule('always; closed 2026-01-10', LIMA);
      expect(isOpen(allYear, FRIDAY(12))).to.equal(true);
      expect(nextOpening(allYear, FRIDAY(12))).to.equal(lima(2026, 1, 11, 0));
    });

    it('returns null for always, and for schedules that never open within the look-ahead', () => {
      expect(nextOpening(parseSchedule('always', LIMA), FRIDAY(12))).to.equal(null);
      const never: Schedule = { timeZone: LIMA, week: [[], [], [], [], [], [], []], closedDates: new Set() };
      expect(nextOpening(never, FRIDAY(12))).to.equal(null);
      const mondays = Array.from({ length: Math.ceil(LOOKAHEAD_DAYS / 7) + 1 }, (_, week) => new Date(Date.UTC(2026, 0, 12 + 7 * week)).toISOString().slice(0, 10));
      const closedMondays = parseSchedule(`mon 09:00-10:00; closed ${mondays.join(',')}`, LIMA);
      expect(nextOpening(closedMondays, FRIDAY(12))).to.equal(null);
    });

    it('lands on the right instant across daylight-saving changes', () => {
      // Madrid 2026: clocks go forward Sun 29 March 02:00 CET → 03:00 CEST (01:00 UTC) and back
      // Sun 25 October 03:00 CEST → 02:00 CET (01:00 UTC).
      const weekdays = parseSchedule('mon-fri 09:00-18:00', MADRID);
      expect(nextOpening(weekdays, Date.UTC(2026, 2, 27, 18))).to.equal(Date.UTC(2026, 2, 30, 7)); // Mon 09:00 CEST
      expect(nextOpening(weekdays, Date.UTC(2026, 9, 23, 17))).to.equal(Date.UTC(2026, 9, 26, 8)); // Mon 09:00 CET

      // 02:30 does not exist that Sunday: it opens when the clocks jump.
      expect(nextOpening(parseSchedule('sun 02:30-04:00', MADRID), Date.UTC(2026, 2, 28, 12))).to.equal(Date.UTC(2026, 2, 29, 1));
      // A window entirely inside the gap never opens that day.
      expect(nextOpening(parseSchedule('sun 02:00-03:00', MADRID), Date.UTC(2026, 2, 28, 12))).to.equal(Date.UTC(2026, 3, 5, 0));
      // 02:30 happens twice in October: the first time counts, and it is still open the second time.
      const twice = parseSchedule('sun 02:30-02:45', MADRID);
      expect(nextOpening(twice, Date.UTC(2026, 9, 24, 12))).to.equal(Date.UTC(2026, 9, 25, 0, 30));
      expect(isOpen(twice, Date.UTC(2026, 9, 25, 1, 35))).to.equal(true);
    });
  });

  describe('describeOpening', () => {
    const cases: [at: number, now: number, es: string, en: string][] = [
      [FRIDAY(14), FRIDAY(13, 30), 'hoy a las 14:00', 'today at 14:00'],
      [lima(2026, 1, 10, 9), FRIDAY(19), 'mañana a las 9:00', 'tomorrow at 9:00'],
      [lima(2026, 1, 12, 9, 30), FRIDAY(19), 'el lunes a las 9:30', 'on Monday at 9:30'],
      [lima(2026, 1, 15, 1, 30), FRIDAY(19), 'el jueves a la 1:30', 'on Thursday at 1:30'],
      [lima(2027, 1, 2, 9), lima(2026, 12, 24, 19), 'el 2 de enero a las 9:00', 'on 2 January at 9:00'],
      [lima(2027, 1, 12, 9), FRIDAY(19), 'el 12 de enero de 2027 a las 9:00', 'on 12 January 2027 at 9:00'],
      // 23:30 in Lima is already the next day in UTC: days count in the zone.
      [lima(2026, 1, 10, 9), FRIDAY(23, 30), 'mañana a las 9:00', 'tomorrow at 9:00'],
    ];
    for (const [at, now, es, en] of cases) {
      it(`says "${es}" / "${en}"`, () => {
        expect(describeOpening(at, 'es', LIMA, now)).to.equal(es);
        expect(describeOpening(at, 'en', LIMA, now)).to.equal(en);
      });
    }

    it('uses the wall clock of a daylight-saving zone', () => {
      const monday = nextOpening(parseSchedule('mon-fri 09:00-18:00', MADRID), Date.UTC(2026, 2, 27, 18))!;
      expect(describeOpening(monday, 'es', MADRID, Date.UTC(2026, 2, 27, 18))).to.equal('el lunes a las 9:00');
    });
  });
});
