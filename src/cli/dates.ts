/**
 * Dates on the command line. `--now`, `--at` and the like take an ISO date (`2019-12-31`, meaning
 * the end of that day at the campaign's UTC offset, UTC+08:00 unless the campaign sets another) or an ISO date-time with a zone
 * (`2019-12-31T08:00:00Z`, `2019-12-31T16:00:00+08:00`). Impossible dates such as 2019-02-30 are refused.
 */
import { DEFAULT_UTC_OFFSET_MINUTES, endOfLocalDayMs, type Zone } from '../campaign/time';
import { usageError } from './errors';

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const DATE_TIME = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})$/;

const validDay = (y: number, m: number, d: number): boolean => {
  if (m < 1 || m > 12 || d < 1) return false;
  return d <= new Date(Date.UTC(y, m, 0)).getUTCDate();
};

/**
 * Parses a date option into an ISO instant (UTC, milliseconds). A bare date is the last
 * millisecond of that day in `zone` (the campaign's; by default the campaign default offset,
 * UTC+08:00). A bad value is a usage error naming the option.
 */
export const parseDateOption = (text: string, option: string, command: string, zone: Zone = DEFAULT_UTC_OFFSET_MINUTES): string => {
  const bad = () => usageError(`--${option} ${JSON.stringify(text)} is not a date; expected YYYY-MM-DD or an ISO date-time with a zone (2019-12-31T08:00:00Z)`, command);
  const d = DATE.exec(text);
  if (d) {
    const [y, m, day] = [Number(d[1]), Number(d[2]), Number(d[3])];
    if (!validDay(y, m, day)) throw bad();
    return new Date(endOfLocalDayMs(text, zone) - 1).toISOString();
  }
  const t = DATE_TIME.exec(text);
  if (!t || !validDay(Number(t[1]), Number(t[2]), Number(t[3])) || Number(t[4]) > 23 || Number(t[5]) > 59) throw bad();
  const ms = Date.parse(text);
  if (!Number.isFinite(ms)) throw bad();
  return new Date(ms).toISOString();
};
