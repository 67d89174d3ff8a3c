// Candle times in files: ISO-8601 / RFC 3339 with an explicit zone, parsed by hand (no regex, no
// Date.parse: it accepts zone-less local times and its quirks vary), because it runs once per row.
//
// Accepted: `YYYY-MM-DDTHH:mm:ss` + optional `.s`, `.ss` or `.sss` + `Z` or `±HH:MM`
// (`2020-09-20T00:00:00Z`, `2020-09-20T00:00:00.000Z`, `2020-09-20 00:00:00+00:00`). A space may
// replace the `T` (pandas writes it). Non-zero offsets are converted to UTC: the instant is exact.
// Rejected: no zone, `+0000`, lowercase `z`, date only, epoch numbers, out-of-range fields.

const MINUTE_MS = 60_000;
const DAY_MS = 86_400_000;

/**
 * UTC ms of the file time in s[start, end) (the whole string by default), or NaN when it is not an
 * accepted format (see `describeTimeProblem`). Takes a range so the CSV parser need not slice.
 */
export function parseUtcTime(s: string, start = 0, end = s.length): number {
  if (end - start < 20) return Number.NaN;
  const year = digits(s, start, 4);
  const month = digits(s, start + 5, 2);
  const day = digits(s, start + 8, 2);
  const hour = digits(s, start + 11, 2);
  const minute = digits(s, start + 14, 2);
  const second = digits(s, start + 17, 2);
  const sep = s.charCodeAt(start + 10);
  if (s.charCodeAt(start + 4) !== 45 || s.charCodeAt(start + 7) !== 45 || (sep !== 84 && sep !== 32)) {
    return Number.NaN;
  }
  if (s.charCodeAt(start + 13) !== 58 || s.charCodeAt(start + 16) !== 58) return Number.NaN;
  if (year < 0 || month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return Number.NaN;
  if (hour < 0 || hour > 23 || minute < 0 || minute > 59 || second < 0 || second > 59) return Number.NaN;
  let i = start + 19;
  let ms = 0;
  if (s.charCodeAt(i) === 46) {
    const first = ++i;
    while (i < end && i - first < 3 && isDigit(s.charCodeAt(i))) ms = ms * 10 + (s.charCodeAt(i++) - 48);
    if (i === first || (i < end && isDigit(s.charCodeAt(i)))) return Number.NaN; // `.` alone, or > 3 digits
    ms *= 10 ** (3 - (i - first));
  }
  let offsetMinutes = 0;
  const zone = i < end ? s.charCodeAt(i) : 0;
  if (zone === 90) {
    if (i + 1 !== end) return Number.NaN;
  } else if (zone === 43 || zone === 45) {
    if (i + 6 !== end || s.charCodeAt(i + 3) !== 58) return Number.NaN;
    const offsetHours = digits(s, i + 1, 2);
    const offsetMins = digits(s, i + 4, 2);
    if (offsetHours < 0 || offsetHours > 23 || offsetMins < 0 || offsetMins > 59) return Number.NaN;
    offsetMinutes = (zone === 45 ? -1 : 1) * (offsetHours * 60 + offsetMins);
  } else {
    return Number.NaN;
  }
  const local = daysFromCivil(year, month, day) * DAY_MS + ((hour * 60 + minute) * 60 + second) * 1000 + ms;
  return local - offsetMinutes * MINUTE_MS;
}

/** Why `parseUtcTime(s)` failed, for the error message (only called on the error path). */
export function describeTimeProblem(s: string): string {
  if (s === '') return 'time is empty';
  const expected = 'expected ISO-8601 UTC like 2020-09-20T00:00:00Z';
  if (/^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}:\d{2}(\.\d+)?$/.test(s))
    return `time '${s}' has no time zone (${expected})`;
  return `time '${s}' is not a valid ISO-8601 time with a zone (${expected})`;
}

/** `YYYY-MM-DDTHH:mm:ssZ`, with `.sss` only when the time has milliseconds (SPEC §16 output). */
export function formatUtcTime(ms: number): string {
  const iso = new Date(ms).toISOString();
  return ms % 1000 === 0 ? `${iso.slice(0, -5)}Z` : iso;
}

function isDigit(c: number): boolean {
  return c >= 48 && c <= 57;
}

/** The non-negative integer in s[at, at+count), or -1 if any character is not a digit. */
function digits(s: string, at: number, count: number): number {
  let v = 0;
  for (let i = at; i < at + count; i++) {
    const c = s.charCodeAt(i);
    if (!isDigit(c)) return -1;
    v = v * 10 + (c - 48);
  }
  return v;
}

function daysInMonth(year: number, month: number): number {
  if (month === 2) return year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0) ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

// Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant's algorithm). Used instead of
// Date.UTC, which maps years 0–99 to 1900–1999 and silently rolls over bad days.
function daysFromCivil(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const doy = Math.floor((153 * ((month + 9) % 12) + 2) / 5) + day - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}
