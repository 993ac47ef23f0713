import { siteConfig } from '@/lib/site';

const longDate = new Intl.DateTimeFormat(siteConfig.locale, { dateStyle: 'long', timeZone: siteConfig.timeZone });
const dateAndTime = new Intl.DateTimeFormat(siteConfig.locale, {
  dateStyle: 'long',
  timeStyle: 'short',
  timeZone: siteConfig.timeZone,
});
const zoneName = new Intl.DateTimeFormat(siteConfig.locale, { timeZone: siteConfig.timeZone, timeZoneName: 'short' });

/** "January 6, 2021 at 12:00 PM EST": the newsroom's clock, with its zone named. */
function withTime(date: Date): string {
  const zone = zoneName.formatToParts(date).find((part) => part.type === 'timeZoneName')?.value;
  return zone ? `${dateAndTime.format(date)} ${zone}` : dateAndTime.format(date);
}

/**
 * A date readers can read and machines can parse: <time datetime="2021-01-06T17:00:00.000Z">, in the
 * newsroom's time zone (siteConfig.timeZone); `time` adds the time of day, as article bylines show it.
 */
export function FormattedDate({ iso, time = false }: { iso: string; time?: boolean }) {
  const date = new Date(iso);
  return <time dateTime={iso}>{time ? withTime(date) : longDate.format(date)}</time>;
}
