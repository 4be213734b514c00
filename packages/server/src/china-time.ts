// Dates and times as people in China read them: the calendar day and clock time in China Standard Time
// (Asia/Shanghai, UTC+8, no daylight saving), whatever the server's TZ. The one place that converts an
// instant (stored as ISO-8601 UTC) into a printed 北京时间 date.

const DATE = new Intl.DateTimeFormat('en-CA', {
  timeZone: 'Asia/Shanghai',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
});
const TIME = new Intl.DateTimeFormat('en-GB', {
  timeZone: 'Asia/Shanghai',
  hour: '2-digit',
  minute: '2-digit',
  hourCycle: 'h23',
});

const instantOf = (at: Date | string): Date => (typeof at === 'string' ? new Date(at) : at);

/** The day in China of an instant, YYYY-MM-DD ('en-CA' formats dates that way): 2025-10-19T17:00Z → 2025-10-20. */
export function chinaDate(at: Date | string = new Date()): string {
  return DATE.format(instantOf(at));
}

/** Day and clock time in China, 'YYYY-MM-DD HH:mm' (北京时间): 2025-10-20T08:00Z → '2025-10-20 16:00'. */
export function chinaDateTime(at: Date | string = new Date()): string {
  const d = instantOf(at);
  return `${DATE.format(d)} ${TIME.format(d)}`;
}
