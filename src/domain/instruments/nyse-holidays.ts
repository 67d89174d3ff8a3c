// NYSE/Nasdaq calendar for the years the product trades and backtests (Yahoo keeps ~730 days
// of 1h history, so 2024 onwards). Source: the exchanges' published holiday calendars.
// Outside these years every weekday counts as a regular session: extend the lists yearly.

export const NYSE_CALENDAR_YEARS = { first: 2024, last: 2027 } as const;

/** Full-day closures, local (New York) dates. */
export const NYSE_HOLIDAYS: readonly string[] = Object.freeze([
  // 2024
  '2024-01-01',
  '2024-01-15',
  '2024-02-19',
  '2024-03-29',
  '2024-05-27',
  '2024-06-19',
  '2024-07-04',
  '2024-09-02',
  '2024-11-28',
  '2024-12-25',
  // 2025 (01-09: national day of mourning for President Carter)
  '2025-01-01',
  '2025-01-09',
  '2025-01-20',
  '2025-02-17',
  '2025-04-18',
  '2025-05-26',
  '2025-06-19',
  '2025-07-04',
  '2025-09-01',
  '2025-11-27',
  '2025-12-25',
  // 2026 (07-03: Independence Day observed; July 4 is a Saturday)
  '2026-01-01',
  '2026-01-19',
  '2026-02-16',
  '2026-04-03',
  '2026-05-25',
  '2026-06-19',
  '2026-07-03',
  '2026-09-07',
  '2026-11-26',
  '2026-12-25',
  // 2027 (06-18, 07-05, 12-24: observed; 2028-01-01 is a Saturday and is not observed)
  '2027-01-01',
  '2027-01-18',
  '2027-02-15',
  '2027-03-26',
  '2027-05-31',
  '2027-06-18',
  '2027-07-05',
  '2027-09-06',
  '2027-11-25',
  '2027-12-24',
]);

/** Early closes at 13:00 New York (the day before Independence Day, after Thanksgiving, Christmas Eve). */
export const NYSE_EARLY_CLOSES: Readonly<Record<string, number>> = Object.freeze({
  '2024-07-03': 13 * 60,
  '2024-11-29': 13 * 60,
  '2024-12-24': 13 * 60,
  '2025-07-03': 13 * 60,
  '2025-11-28': 13 * 60,
  '2025-12-24': 13 * 60,
  '2026-11-27': 13 * 60,
  '2026-12-24': 13 * 60,
  '2027-11-26': 13 * 60,
});
