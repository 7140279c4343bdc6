import { fill, lang, s } from './i18n.ts';

const MINUTE = 60_000;

/** How long someone has waited, rounded down to the minute: "12 min", "1 h 5 min". */
export function duration(ms: number): string {
  const d = s().duration;
  const minutes = Math.floor(Math.max(0, ms) / MINUTE);
  if (minutes < 1) return d.lessThanMinute;
  if (minutes < 60) return fill(d.minutes, { m: minutes });
  const hours = Math.floor(minutes / 60);
  if (hours < 24) return fill(d.hours, { h: hours, m: minutes % 60 });
  return fill(d.days, { d: Math.floor(hours / 24), h: hours % 24 });
}

const locale = () => (lang() === 'en' ? 'en-GB' : 'es-PE');

/** "14:05" today, "3 mar 14:05" otherwise. */
export function time(iso: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  const today = new Date().toDateString() === date.toDateString();
  const options: Intl.DateTimeFormatOptions = today ? { hour: '2-digit', minute: '2-digit' } : { day: 'numeric', month: 'short', hour: '2-digit', minute: '2-digit' };
  return date.toLocaleString(locale(), options);
}
