/**
 * Feed date parsing: RFC 822/1123/2822 (RSS), RFC 3339 / ISO 8601 / W3CDTF (Atom, Dublin Core), asctime, and the
 * malformed variants real feeds use — the forms feedparser's date handlers accept (`_parse_date_rfc822`,
 * `_parse_date_w3dtf`, `_parse_date_iso8601`, `_parse_date_asctime`): missing weekday or seconds, two-digit years,
 * named North-American zones, military zones, `+hh:mm` / `GMT+2` offsets in RFC 822 dates, full month/day names,
 * dots or dashes instead of spaces, a `T` or a space between date and time, 12-hour clocks, trailing zone comments
 * (`+0100 (CET)`) and JavaScript's `Date#toString` form.
 */

const MONTHS: Record<string, number> = {
  jan: 1, feb: 2, mar: 3, apr: 4, may: 5, jun: 6, jul: 7, aug: 8, sep: 9, oct: 10, nov: 11, dec: 12,
};

/** RFC 822 §5.1 zone names plus common ones; values are offsets in minutes east of UTC. */
const ZONES: Record<string, number> = {
  ut: 0, utc: 0, gmt: 0, z: 0, wet: 0, bst: 60, cet: 60, cest: 120, met: 60, mest: 120, eet: 120, eest: 180,
  est: -300, edt: -240, cst: -360, cdt: -300, mst: -420, mdt: -360, pst: -480, pdt: -420,
  ast: -240, adt: -180, akst: -540, akdt: -480, hst: -600, jst: 540, kst: 540, ist: 330, aest: 600, aedt: 660,
  // North-American generic names (no daylight flag), as feedparser reads them: standard time.
  at: -240, et: -300, ct: -360, mt: -420, pt: -480,
};

/**
 * Minutes east of UTC for a zone as matched by `ZONE` (whitespace removed): a numeric offset (a zone name after it,
 * "+0000 GMT", is a label and ignored), a known name, or UTC for anything else alphabetic: RFC 2822 §4.3 reads the
 * military letters as -0000 (RFC 822 got their signs backwards), and a date under an unknown abbreviation is at most
 * hours off, which beats dropping it (feedparser's RFC 822 reader also falls back to UTC there).
 */
function zoneOffset(zone: string | undefined): number | null {
  if (zone === undefined || zone === '') return 0; // RFC 3339 says unknown local offset; feedparser assumes UTC
  const z = zone.toLowerCase().replace(/^etc\//, '');
  const m = /^(?:gmt|utc|ut)?([+-])(\d{1,2}):?(\d{2})?[a-z]{0,5}$/.exec(z);
  if (m !== null) {
    const sign = m[1] === '-' ? -1 : 1;
    return sign * (Number(m[2]) * 60 + Number(m[3] ?? 0));
  }
  if (z in ZONES) return ZONES[z]!;
  return /^[a-z]{1,5}$/.test(z) ? 0 : null;
}

const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

function daysInMonth(year: number, month: number): number {
  if (month === 2 && year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0)) return 29;
  return DAYS_IN_MONTH[month - 1]!;
}

function pad(n: number, width: number): string {
  return String(n).padStart(width, '0');
}

function build(
  year: number, month: number, day: number, hour: number, minute: number, second: number, offsetMinutes: number,
): string | null {
  if (!(month >= 1 && month <= 12 && hour >= 0 && hour <= 24)) return null;
  if (!(minute >= 0 && minute <= 59 && second >= 0 && second <= 61 && year >= 1 && year <= 9999)) return null;
  // Reject days past the month's end (Feb 30) rather than rolling over.
  if (!(day >= 1 && day <= daysInMonth(year, month))) return null;
  if (second >= 60) second = 59; // leap second
  const d = new Date(0);
  d.setUTCFullYear(year, month - 1, day); // setUTCFullYear keeps years 0–99 literal, unlike Date.UTC
  d.setUTCHours(hour, minute - offsetMinutes, second, 0);
  const y = d.getUTCFullYear();
  if (!Number.isFinite(y) || y < 1 || y > 9999) return null;
  return `${pad(y, 4)}-${pad(d.getUTCMonth() + 1, 2)}-${pad(d.getUTCDate(), 2)}T${pad(d.getUTCHours(), 2)}:` +
    `${pad(d.getUTCMinutes(), 2)}:${pad(d.getUTCSeconds(), 2)}Z`;
}

function expandYear(y: string): number {
  const n = Number(y);
  if (y.length === 2) return n < 50 ? 2000 + n : 1900 + n;
  if (y.length === 3) return 1900 + n; // Y2K-era "103" (years since 1900)
  return n;
}

/** A zone: `Z`, `GMT`, `EST`, `+01:00`, `-0500`, `+2`, `GMT+0100`, `UTC-5`, `+0000 GMT`, `Etc/GMT`. */
const ZONE = String.raw`(?:(?:UTC|GMT|UT)?\s*[+-]\d{1,2}(?::?\d{2})?(?:\s*[A-Za-z]{1,5})?|(?:Etc\/)?[A-Za-z]{1,5})`;
/** Optional 12-hour clock suffix. */
const AMPM = String.raw`(?:\s*([AaPp])\.?[Mm]\.?)?`;

// ISO 8601 / W3CDTF / RFC 3339: 2003-12-31T10:14:55Z, 2003-12-31T10:14:55.123-08:00, 20031231T101455Z,
// 2003-12-31 10:14, 2003-12, 2003, 2003-365 (ordinal).
const ISO = new RegExp(
  String.raw`^(\d{4})(?:-?(\d{2})(?:-?(\d{2}))?|-?(\d{3}))?(?:(?:[Tt]|\s+)(\d{1,2})(?::?(\d{2})(?::?(\d{2})(?:[.,]\d+)?)?)?\s*(Z|z|${ZONE})?)?$`,
);

// RFC 822 and relatives: [Wkd,] DD Mon YYYY [HH:MM[:SS] [AM|PM]] [zone]
const RFC822 = new RegExp(
  String.raw`^(?:[A-Za-z]+\.?,?\s*)?(\d{1,2})(?:\s+|-|\/|\.)([A-Za-z]{3,})\.?(?:\s+|-|\/|\.)(\d{2,4})(?:[\s,T]+(\d{1,2}):(\d{1,2})(?::(\d{1,2})(?:\.\d+)?)?${AMPM})?\s*(${ZONE})?\.?$`,
);

// Month-first: [Wkd,] Mon DD[,] YYYY [HH:MM[:SS] [AM|PM]] [zone] — also JavaScript's Date#toString form.
const MONTH_FIRST = new RegExp(
  String.raw`^(?:[A-Za-z]+,?\s+)?([A-Za-z]{3,})\.?\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+(\d{4})(?:[\s,]+(?:at\s+)?(\d{1,2}):(\d{2})(?::(\d{2}))?${AMPM})?\s*(${ZONE})?$`,
);
// asctime: Wkd Mon DD HH:MM:SS [zone] YYYY
const ASCTIME = new RegExp(
  String.raw`^(?:[A-Za-z]+,?\s+)?([A-Za-z]{3,})\s+(\d{1,2})\s+(\d{1,2}):(\d{2})(?::(\d{2}))?\s+(?:(${ZONE})\s+)?(\d{4})$`,
);

/** Applies an AM/PM marker (group value 'a'/'p', any case) to a 12-hour clock hour. */
function hour24(hour: number, marker: string | undefined): number {
  if (marker === undefined) return hour;
  const pm = marker.toLowerCase() === 'p';
  if (hour === 12) return pm ? 12 : 0;
  return pm ? hour + 12 : hour;
}

function monthNumber(name: string): number | null {
  return MONTHS[name.slice(0, 3).toLowerCase()] ?? null;
}

/**
 * Parses a feed date string into ISO-8601 UTC (`YYYY-MM-DDTHH:MM:SSZ`).
 *
 * Dates without a zone are taken as UTC (as feedparser does); dates without a time as midnight; a missing month or
 * day as the first. Two-digit years: 00–49 → 20xx, 50–99 → 19xx.
 *
 * @param input the element's text, e.g. "Wed, 31 Dec 2003 10:14:55 GMT" or "2003-12-31T10:14:55-08:00"
 * @returns the instant as ISO-8601 UTC, or null when the text is not a recognisable date
 */
export function parseFeedDate(input: string | null | undefined): string | null {
  if (input === null || input === undefined) return null;
  // A trailing comment names the zone for humans ("+0100 (CET)", "GMT+0100 (Central European Standard Time)").
  const s = input.trim().replace(/\s+/g, ' ').replace(/\s*\([^()]*\)$/, '');
  if (s.length === 0 || s.length > 100) return null;

  let m = ISO.exec(s);
  if (m !== null) {
    const year = Number(m[1]);
    let month = m[2] !== undefined ? Number(m[2]) : 1;
    let day = m[3] !== undefined ? Number(m[3]) : 1;
    if (m[4] !== undefined) {
      // Ordinal date: day of year.
      const d = new Date(Date.UTC(year, 0, Number(m[4])));
      month = d.getUTCMonth() + 1;
      day = d.getUTCDate();
    }
    const off = zoneOffset(m[8]?.replace(/\s+/g, ''));
    if (off === null) return null;
    return build(year, month, day, Number(m[5] ?? 0), Number(m[6] ?? 0), Number(m[7] ?? 0), off);
  }

  m = RFC822.exec(s);
  if (m !== null) {
    const month = monthNumber(m[2]!);
    const off = zoneOffset(m[8]?.replace(/\s+/g, ''));
    if (month === null || off === null) return null;
    const hour = hour24(Number(m[4] ?? 0), m[7]);
    return build(expandYear(m[3]!), month, Number(m[1]), hour, Number(m[5] ?? 0), Number(m[6] ?? 0), off);
  }

  m = MONTH_FIRST.exec(s);
  if (m !== null) {
    const month = monthNumber(m[1]!);
    const off = zoneOffset(m[8]?.replace(/\s+/g, ''));
    if (month === null || off === null) return null;
    const hour = hour24(Number(m[4] ?? 0), m[7]);
    return build(Number(m[3]), month, Number(m[2]), hour, Number(m[5] ?? 0), Number(m[6] ?? 0), off);
  }

  m = ASCTIME.exec(s);
  if (m !== null) {
    const month = monthNumber(m[1]!);
    const off = zoneOffset(m[6]?.replace(/\s+/g, ''));
    if (month === null || off === null) return null;
    return build(Number(m[7]), month, Number(m[2]), Number(m[3]), Number(m[4]), Number(m[5] ?? 0), off);
  }

  // RFC 822 with the year before the time but day/month swapped or with a numeric month: 2003/12/31 10:14:55
  m = /^(\d{4})[/.](\d{1,2})[/.](\d{1,2})(?:[\sT]+(\d{1,2}):(\d{2})(?::(\d{2}))?)?\s*([A-Za-z]{1,5}|[+-]\d{2}:?\d{2})?$/.exec(s);
  if (m !== null) {
    const off = zoneOffset(m[7]);
    if (off === null) return null;
    return build(Number(m[1]), Number(m[2]), Number(m[3]), Number(m[4] ?? 0), Number(m[5] ?? 0), Number(m[6] ?? 0), off);
  }
  return null;
}
