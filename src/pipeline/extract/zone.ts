/**
 * The publisher's local time for UTC timestamps. Many CMSs write `datePublished` in UTC ("…T23:00:00Z"); the
 * calendar date a reader sees on the page is the publisher's local one (a German article published at 00:30 CET
 * on the 5th is "…-04T23:30:00Z"). When the page's country is known, such a timestamp is re-expressed with that
 * country's offset: the same instant, the publisher's day.
 */

/** IANA zone per country (ISO 3166 alpha-2, as in ccTLDs and language regions); one zone per country, the
 * capital's, which is what a national news site uses. Multi-zone countries are left out when their zones span
 * more than a few hours (us, ca, ru, au …): a guess there would be as likely wrong as right. */
const ZONE_BY_COUNTRY: Readonly<Record<string, string>> = {
  de: 'Europe/Berlin', at: 'Europe/Vienna', ch: 'Europe/Zurich', li: 'Europe/Vaduz', fr: 'Europe/Paris', it: 'Europe/Rome',
  es: 'Europe/Madrid', nl: 'Europe/Amsterdam', be: 'Europe/Brussels', lu: 'Europe/Luxembourg', pl: 'Europe/Warsaw',
  cz: 'Europe/Prague', sk: 'Europe/Bratislava', hu: 'Europe/Budapest', dk: 'Europe/Copenhagen', se: 'Europe/Stockholm',
  no: 'Europe/Oslo', fi: 'Europe/Helsinki', pt: 'Europe/Lisbon', gb: 'Europe/London', uk: 'Europe/London',
  ie: 'Europe/Dublin', gr: 'Europe/Athens', ro: 'Europe/Bucharest', tr: 'Europe/Istanbul', ua: 'Europe/Kyiv',
  ar: 'America/Argentina/Buenos_Aires', cl: 'America/Santiago', pe: 'America/Lima', uy: 'America/Montevideo',
  bo: 'America/La_Paz', ve: 'America/Caracas', ec: 'America/Guayaquil', py: 'America/Asuncion', mx: 'America/Mexico_City',
  jp: 'Asia/Tokyo', kr: 'Asia/Seoul', cn: 'Asia/Shanghai', tw: 'Asia/Taipei', in: 'Asia/Kolkata', il: 'Asia/Jerusalem',
  tn: 'Africa/Tunis', ma: 'Africa/Casablanca', za: 'Africa/Johannesburg', nz: 'Pacific/Auckland',
};

/** Languages spoken mainly in one zone (de, fr, it … but not en, es, pt, ar, spoken on several continents). */
const COUNTRY_BY_LANG: Readonly<Record<string, string>> = {
  de: 'de', fr: 'fr', it: 'it', nl: 'nl', pl: 'pl', cs: 'cz', sk: 'sk', hu: 'hu', da: 'dk', sv: 'se', nb: 'no',
  nn: 'no', no: 'no', fi: 'fi', el: 'gr', ro: 'ro', tr: 'tr', uk: 'ua', ja: 'jp', ko: 'kr', he: 'il',
};

/** ccTLDs sold as generic names (.io, .co, .me, .tv …): they say nothing about the publisher's country. */
const GENERIC_CC = new Set(['io', 'co', 'me', 'tv', 'fm', 'ai', 'ly', 'to', 'cc', 'ws', 'gg', 'is', 'am', 'so', 'sh', 'info']);

/**
 * The publisher's IANA time zone, guessed from the host's country-code domain (".de", ".com.ar"), else the page
 * language's region ("pt-BR") or the language itself when it is spoken in one zone ("de").
 * @returns an IANA zone name, or null when the country is unknown or spans several zones.
 */
export function publisherZone(url: string, lang: string | null): string | null {
  let tld = '';
  try {
    tld = new URL(url).hostname.split('.').pop()?.toLowerCase() ?? '';
  } catch {
    // no usable URL: language only
  }
  if (tld.length === 2 && !GENERIC_CC.has(tld)) return ZONE_BY_COUNTRY[tld] ?? null;
  const [language, region] = (lang ?? '').toLowerCase().split('-');
  if (region && region.length === 2) return ZONE_BY_COUNTRY[region] ?? null;
  const country = language ? COUNTRY_BY_LANG[language] : undefined;
  return country ? ZONE_BY_COUNTRY[country] ?? null : null;
}

/**
 * Re-expresses a UTC ISO timestamp ("…Z", "…+00:00") in `zone`, keeping the instant: "2021-11-04T23:00:00Z" in
 * Europe/Berlin → "2021-11-05T00:00:00+01:00". Other values (local offsets, dates without time) come back as given.
 */
export function inPublisherZone(iso: string, zone: string | null): string {
  if (!zone || !/T\d{2}:\d{2}:\d{2}(?:Z|[+-]00:00)$/.test(iso)) return iso;
  const t = Date.parse(iso);
  if (Number.isNaN(t)) return iso;
  let parts: Record<string, string>;
  try {
    parts = Object.fromEntries(formatterFor(zone).formatToParts(new Date(t)).map((p) => [p.type, p.value]));
  } catch {
    return iso; // zone unknown to this runtime's ICU
  }
  const local = `${parts['year']}-${parts['month']}-${parts['day']}T${parts['hour']}:${parts['minute']}:${parts['second']}`;
  const offsetMin = Math.round((Date.parse(`${local}Z`) - t) / 60_000);
  const sign = offsetMin < 0 ? '-' : '+';
  const abs = Math.abs(offsetMin);
  return `${local}${sign}${String(Math.floor(abs / 60)).padStart(2, '0')}:${String(abs % 60).padStart(2, '0')}`;
}

/** Intl formatters are costly to build (~0.1 ms); the table above has a few dozen zones. */
const formatters = new Map<string, Intl.DateTimeFormat>();
function formatterFor(zone: string): Intl.DateTimeFormat {
  let f = formatters.get(zone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', { timeZone: zone, hourCycle: 'h23', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit' });
    formatters.set(zone, f);
  }
  return f;
}
