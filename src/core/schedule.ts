/**
 * The hotline's opening hours: when operators answer, so that a person who asks for a human
 * outside those hours is told when someone will (the ticket is kept either way).
 *
 * Pure: nothing here reads the clock; every function takes the instant `at` (epoch ms).
 *
 * ## Format (one environment variable, plus an IANA time zone such as `America/Lima`)
 *
 *     mon-fri 09:00-18:00; sat 09:00-13:00
 *     lun-vie 09:00-13:00,14:00-18:00; sáb 09:00-13:00; closed 2026-12-25,2027-01-01
 *     always
 *     always; closed 2026-12-25
 *
 * - Parts are separated by `;` (or new lines). Each part is either `DAYS HOURS`,
 *   `closed DATES` or `always` (every day, 24 hours).
 * - DAYS: `mon tue wed thu fri sat sun`, or in Spanish `lun mar mié jue vie sáb dom` (accents
 *   optional, full names such as `lunes` or `monday` work too); a range `mon-fri` (it may wrap
 *   around the week: `fri-mon`), or a list `mon,wed,fri`, or both: `mon-wed,fri`.
 * - HOURS: `HH:MM-HH:MM` in the time zone's local time, start included, end excluded; several
 *   separated by commas: `09:00-13:00,14:00-18:00`. `24:00` may end a day (`00:00-24:00`).
 * - Hours that cross midnight are not supported: write them as two parts,
 *   `fri 22:00-24:00; sat 00:00-06:00`.
 * - The same day may appear in several parts; its hours add up (overlaps are merged).
 * - `closed YYYY-MM-DD,...`: whole local days without service (holidays); may repeat.
 * - Case and spaces do not matter (`Mon - Fri 9:00 - 18:00` is fine).
 *
 * A mistake throws `ScheduleError`, whose message names the problem and shows the format.
 */

import { fill, LANGUAGE, type Lang } from './languages.ts';

export const WEEKDAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;

/** Minutes since local midnight: open from `start` (included) to `end` (excluded, at most 1440). */
export interface OpeningWindow {
  readonly start: number;
  readonly end: number;
}

export interface Schedule {
  /** Canonical IANA zone the hours are written in. */
  readonly timeZone: string;
  /** Seven lists, Monday first (index as in `WEEKDAYS`), each sorted and without overlaps. */
  readonly week: readonly (readonly OpeningWindow[])[];
  /** Local dates (`YYYY-MM-DD`) on which the hotline stays closed all day. */
  readonly closedDates: ReadonlySet<string>;
}

const FORMAT_EXAMPLE = '"mon-fri 09:00-18:00; sat 09:00-13:00; closed 2026-12-25" or "always"';

export class ScheduleError extends Error {
  constructor(
    readonly problem: string,
    example = FORMAT_EXAMPLE,
  ) {
    super(`${problem}. Expected something like ${example}`);
    this.name = 'ScheduleError';
  }
}

/** How far `nextOpening` looks: long enough for any holiday closure the admin may enter. */
export const LOOKAHEAD_DAYS = 400;

const MINUTE = 60_000;
const DAY = 86_400_000;
const WHOLE_DAY = 24 * 60;

// ---------------------------------------------------------------------------------------------
// Parsing

const DAY_NAMES: Record<string, number> = {};
const DAY_ALIASES = [
  ['mon', 'monday', 'lun', 'lunes'],
  ['tue', 'tuesday', 'mar', 'martes'],
  ['wed', 'wednesday', 'mie', 'miercoles'],
  ['thu', 'thursday', 'jue', 'jueves'],
  ['fri', 'friday', 'vie', 'viernes'],
  ['sat', 'saturday', 'sab', 'sabado'],
  ['sun', 'sunday', 'dom', 'domingo'],
];
for (const [index, names] of DAY_ALIASES.entries()) for (const name of names) DAY_NAMES[name] = index;

const DAYS_HELP = 'use mon tue wed thu fri sat sun (or lun mar mié jue vie sáb dom), a range like mon-fri or a list like mon,wed,fri';

export function parseSchedule(spec: string, timeZone: string): Schedule {
  const zone = canonicalTimeZone(timeZone);
  const week: OpeningWindow[][] = WEEKDAYS.map(() => []);
  const closedDates = new Set<string>();

  const parts = spec
    .toLowerCase()
    .replace(/[\u2013\u2014]/g, '-') // en/em dashes pasted from documents
    .replace(/\s*([-,])\s*/g, '$1')
    .split(/[;\n]/)
    .map((part) => part.trim())
    .filter((part) => part !== '');
  if (parts.length === 0) throw new ScheduleError('no opening hours given');

  for (const part of parts) {
    const [head = '', ...rest] = part.split(/\s+/);
    if (head === 'always') {
      if (rest.length > 0) throw new ScheduleError(`"${part}": nothing may follow "always" (closed dates go in their own part: "always; closed 2026-12-25")`);
      for (const windows of week) windows.push({ start: 0, end: WHOLE_DAY });
    } else if (head === 'closed') {
      if (rest.length === 0) throw new ScheduleError(`"${part}": "closed" needs dates, e.g. "closed 2026-12-25,2027-01-01"`);
      for (const date of rest.join(',').split(',')) closedDates.add(parseDate(date));
    } else {
      if (/^\d/.test(head)) throw new ScheduleError(`"${part}": start with the days the hours apply to, e.g. "mon-fri ${head}"`);
      const days = parseDays(head);
      if (rest.length === 0) throw new ScheduleError(`"${part}": no hours for ${head}, add them, e.g. "${head} 09:00-18:00"`);
      const windows = rest
        .join(',')
        .split(',')
        .map((range) => parseWindow(range, head));
      for (const day of days) week[day]!.push(...windows);
    }
  }

  if (week.every((windows) => windows.length === 0)) {
    throw new ScheduleError('only closed dates given: add the opening hours');
  }
  return { timeZone: zone, week: week.map(mergeWindows), closedDates };
}

/** `mon-fri`, `mon,wed,fri`, `fri-mon` (wraps around the week) → Monday-first indexes. */
function parseDays(text: string): number[] {
  const days = new Set<number>();
  for (const item of text.split(',')) {
    const [from, to, extra] = item.split('-');
    if (extra !== undefined || from === '') throw new ScheduleError(`"${item}" is not a day or a range of days: ${DAYS_HELP}`);
    const first = dayIndex(from!);
    const last = to === undefined ? first : dayIndex(to);
    for (let day = first; ; day = (day + 1) % 7) {
      days.add(day);
      if (day === last) break;
    }
  }
  return [...days];
}

function dayIndex(name: string): number {
  const index = DAY_NAMES[name.normalize('NFD').replace(/\p{M}/gu, '')];
  if (index === undefined) throw new ScheduleError(`"${name}" is not a day: ${DAYS_HELP}`);
  return index;
}

function parseWindow(range: string, days: string): OpeningWindow {
  const match = /^(\d{1,2}:\d{2})-(\d{1,2}:\d{2})$/.exec(range);
  if (!match) throw new ScheduleError(`"${range}" is not a time range: write HH:MM-HH:MM, e.g. "${days} 09:00-18:00"`);
  const start = parseTime(match[1]!);
  const end = parseTime(match[2]!);
  if (start === WHOLE_DAY) throw new ScheduleError(`"${range}": 24:00 can only end a range (start at 00:00 instead)`);
  if (end <= start) {
    throw new ScheduleError(`"${range}" does not end after it starts; hours past midnight are not supported, split them: "fri 22:00-24:00; sat 00:00-06:00"`);
  }
  return { start, end };
}

function parseTime(text: string): number {
  const [hours, minutes] = text.split(':').map(Number) as [number, number];
  const time = hours * 60 + minutes;
  if (minutes > 59 || time > WHOLE_DAY) throw new ScheduleError(`"${text}" is not a time of day (00:00 to 24:00)`);
  return time;
}

function parseDate(text: string): string {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  // Round trip through Date to reject 2026-02-30 and the like.
  if (!match || new Date(Date.UTC(+match[1]!, +match[2]! - 1, +match[3]!)).toISOString().slice(0, 10) !== text) {
    throw new ScheduleError(`"${text}" is not a date: write closed dates as YYYY-MM-DD, e.g. "closed 2026-12-25,2027-01-01"`);
  }
  return text;
}

function mergeWindows(windows: OpeningWindow[]): OpeningWindow[] {
  const merged: OpeningWindow[] = [];
  for (const window of [...windows].sort((a, b) => a.start - b.start)) {
    const last = merged[merged.length - 1];
    if (last && window.start <= last.end) merged[merged.length - 1] = { start: last.start, end: Math.max(last.end, window.end) };
    else merged.push(window);
  }
  return merged;
}

function canonicalTimeZone(timeZone: string): string {
  try {
    return new Intl.DateTimeFormat('en', { timeZone }).resolvedOptions().timeZone;
  } catch {
    throw new ScheduleError(`"${timeZone}" is not an IANA time zone`, '"America/Lima"');
  }
}

// ---------------------------------------------------------------------------------------------
// Questions about instants

/** Open every day around the clock, with no closed dates. */
export function isAlwaysOpen(schedule: Schedule): boolean {
  return schedule.closedDates.size === 0 && schedule.week.every((windows) => windows.length === 1 && windows[0]!.start === 0 && windows[0]!.end === WHOLE_DAY);
}

export function isOpen(schedule: Schedule, at: number): boolean {
  const local = wallClock(at, schedule.timeZone);
  if (schedule.closedDates.has(dateKey(local.day))) return false;
  return schedule.week[weekday(local.day)]!.some((window) => window.start <= local.minutes && local.minutes < window.end);
}

/**
 * The next instant the hotline opens (goes from closed to open), strictly after `at`. While it
 * is open that is the opening after the current stretch; `null` when it never opens again
 * within `LOOKAHEAD_DAYS`, which includes `always` (it never closes, so it never opens).
 */
export function nextOpening(schedule: Schedule, at: number): number | null {
  if (isAlwaysOpen(schedule)) return null;
  const today = wallClock(at, schedule.timeZone).day;
  for (let day = today; day <= today + LOOKAHEAD_DAYS; day++) {
    if (schedule.closedDates.has(dateKey(day))) continue;
    for (const window of schedule.week[weekday(day)]!) {
      const opens = firstInstantAtOrAfter(schedule.timeZone, day, window.start);
      // Skip a start that is not an opening: already past, continuing yesterday's 24:00, or
      // one whose whole window falls in a daylight-saving gap.
      if (opens > at && isOpen(schedule, opens) && !isOpen(schedule, opens - 1)) return opens;
    }
  }
  return null;
}

// ---------------------------------------------------------------------------------------------
// Telling the person

/**
 * When `at` is, as words that can follow a verb ("Te responderemos …", "We will answer …"),
 * seen from `now` in `timeZone`: es "hoy a las 14:00", "mañana a las 9:00", "el lunes a las
 * 9:00", "el 2 de enero a las 9:00"; en "today at 14:00", "tomorrow at 9:00", "on Monday at
 * 9:00", "on 2 January at 9:00". Beyond six days the date is given; the year only when it is
 * a year or more away (otherwise day and month are unambiguous). Each language's words are in
 * src/core/languages.ts (`opening`).
 */
export function describeOpening(at: number, lang: Lang, timeZone: string, now: number): string {
  const { locale, opening: words, weekdays, months } = LANGUAGE[lang];
  const when = wallClock(at, timeZone);
  const daysAhead = when.day - wallClock(now, timeZone).day;
  const hour = Math.floor(when.minutes / 60);
  const time = `${hour}:${String(when.minutes % 60).padStart(2, '0')}`;
  const utcNoon = when.day * DAY + DAY / 2; // the local date as an instant, to name it in UTC
  const name = (options: Intl.DateTimeFormatOptions) => new Intl.DateTimeFormat(locale, { ...options, timeZone: 'UTC' }).format(utcNoon);
  const clock = fill(hour === 1 && words.clockAtOne ? words.clockAtOne : words.clock, { time });
  if (daysAhead === 0) return fill(words.today, { clock });
  if (daysAhead === 1) return fill(words.tomorrow, { clock });
  if (daysAhead > 1 && daysAhead < 7) return fill(words.weekday, { weekday: weekdays?.[weekday(when.day)] ?? name({ weekday: 'long' }), clock });
  const date = { day: name({ day: 'numeric' }), month: months?.[new Date(utcNoon).getUTCMonth()] ?? name({ month: 'long' }), clock };
  return daysAhead >= 365 ? fill(words.dateWithYear, { ...date, year: name({ year: 'numeric' }) }) : fill(words.date, date);
}

// ---------------------------------------------------------------------------------------------
// Wall clock ↔ instant. A local date is a day number: days since 1970-01-01 of that calendar date.

interface WallClock {
  day: number;
  minutes: number;
}

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(timeZone: string): Intl.DateTimeFormat {
  let format = formatters.get(timeZone);
  if (!format) {
    const numeric = 'numeric';
    format = new Intl.DateTimeFormat('en-US', { timeZone, hourCycle: 'h23', year: numeric, month: numeric, day: numeric, hour: numeric, minute: numeric, second: numeric });
    formatters.set(timeZone, format);
  }
  return format;
}

/** The zone's local time at `at`, as if it were UTC (epoch ms, whole seconds). */
function localAsUtc(at: number, timeZone: string): number {
  const field: Record<string, number> = {};
  for (const part of formatter(timeZone).formatToParts(at)) field[part.type] = Number(part.value);
  return Date.UTC(field.year!, field.month! - 1, field.day!, field.hour! % 24, field.minute!, field.second!);
}

function wallClock(at: number, timeZone: string): WallClock {
  const local = localAsUtc(at, timeZone);
  return { day: Math.floor(local / DAY), minutes: Math.floor((local % DAY) / MINUTE) };
}

function offsetAt(at: number, timeZone: string): number {
  return localAsUtc(at, timeZone) - (at - (((at % 1000) + 1000) % 1000));
}

/**
 * The first instant at which the local clock shows `minutes` on local date `day`, or later:
 * the exact instant normally, the earlier one when clocks go back (the time occurs twice), and
 * the moment of the jump when clocks go forward over it (the time never occurs).
 */
function firstInstantAtOrAfter(timeZone: string, day: number, minutes: number): number {
  const wall = day * DAY + minutes * MINUTE;
  // Offsets in force a day either side bracket the instant (offsets are within ±14 h).
  const offsets = [offsetAt(wall - DAY, timeZone), offsetAt(wall + DAY, timeZone)];
  const exact = offsets.map((offset) => wall - offset).filter((at) => offsetAt(at, timeZone) === wall - at);
  if (exact.length > 0) return Math.min(...exact);
  // In a gap: search between the instant shown before the jump and the one shown after it.
  let before = wall - Math.max(...offsets);
  let after = wall - Math.min(...offsets);
  while (after - before > 1) {
    const middle = Math.floor((before + after) / 2);
    if (localAsUtc(middle, timeZone) >= wall) after = middle;
    else before = middle;
  }
  return after;
}

function weekday(day: number): number {
  return (((day + 3) % 7) + 7) % 7; // 1970-01-01 was a Thursday; Monday is 0
}

function dateKey(day: number): string {
  return new Date(day * DAY).toISOString().slice(0, 10);
}

/** The dialog's question (DialogSettings.staffed): open now, or when next, said for a person. */
export function staffedBy(schedule: Schedule): (at: number, lang: Lang) => { open: true } | { open: false; next: string | null } {
  return (at, lang) => {
    if (isOpen(schedule, at)) return { open: true };
    const next = nextOpening(schedule, at);
    return { open: false, next: next === null ? null : describeOpening(next, lang, schedule.timeZone, at) };
  };
}
