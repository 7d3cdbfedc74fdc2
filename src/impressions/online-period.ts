/**
 * The start of the last `days` UTC days, today included: midnight UTC `days - 1` days before
 * today's. The period of the online metrics and of the dashboard's shown movies.
 */
export function daysBackSince(now: Date, days: number): Date {
  const today = Date.parse(now.toISOString().slice(0, 10) + 'T00:00:00Z');
  return new Date(today - (days - 1) * 86_400_000);
}
