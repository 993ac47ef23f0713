import { siteConfig } from '@/lib/site';

const longDate = new Intl.DateTimeFormat(siteConfig.locale, { dateStyle: 'long', timeZone: 'UTC' });

/** A date readers can read and machines can parse: <time datetime="2021-01-06T17:00:00.000Z">. */
export function FormattedDate({ iso }: { iso: string }) {
  return <time dateTime={iso}>{longDate.format(new Date(iso))}</time>;
}
