/**
 * Character-encoding determination for feed bytes, following RFC 7303 (ex-RFC 3023) as feedparser applies it:
 * the HTTP `charset` wins; `text/*` XML without one is us-ascii; otherwise the byte-order mark, then the XML
 * declaration, then UTF-8. Candidates are tried in order and the first that decodes without error is used, with a
 * statistical guess (see detect.ts) for undeclared legacy encodings before the windows-1252 last resort.
 * Labels are decoded with the WHATWG TextDecoder where it knows them, else iconv-lite (UTF-32, DOS code pages …).
 */
import iconv from 'iconv-lite';
import { guessEncoding } from './detect.ts';

export interface DecodedText {
  /** The document as a string, BOM removed. */
  text: string;
  /** Lower-case label of the encoding used (e.g. "utf-8", "us-ascii", "gb2312", "utf-32be"). */
  encoding: string;
}

/** Encodings whose byte-order mark or `<?xml` pattern we recognise from the first 4 bytes. */
function sniffUnicode(b: Uint8Array): { encoding: string; bomLength: number } | null {
  const [b0, b1, b2, b3] = [b[0], b[1], b[2], b[3]];
  if (b0 === 0x00 && b1 === 0x00 && b2 === 0xfe && b3 === 0xff) return { encoding: 'utf-32be', bomLength: 4 };
  if (b0 === 0xff && b1 === 0xfe && b2 === 0x00 && b3 === 0x00) return { encoding: 'utf-32le', bomLength: 4 };
  if (b0 === 0xef && b1 === 0xbb && b2 === 0xbf) return { encoding: 'utf-8', bomLength: 3 };
  if (b0 === 0xfe && b1 === 0xff) return { encoding: 'utf-16be', bomLength: 2 };
  if (b0 === 0xff && b1 === 0xfe) return { encoding: 'utf-16le', bomLength: 2 };
  // No BOM: the XML spec's appendix F patterns for "<?" / "<".
  if (b0 === 0x00 && b1 === 0x00 && b2 === 0x00 && b3 === 0x3c) return { encoding: 'utf-32be', bomLength: 0 };
  if (b0 === 0x3c && b1 === 0x00 && b2 === 0x00 && b3 === 0x00) return { encoding: 'utf-32le', bomLength: 0 };
  if (b0 === 0x00 && b1 === 0x3c && b2 === 0x00 && b3 !== 0x00) return { encoding: 'utf-16be', bomLength: 0 };
  if (b0 === 0x3c && b1 === 0x00 && b2 !== 0x00 && b3 === 0x00) return { encoding: 'utf-16le', bomLength: 0 };
  // No BOM and something before the `<` (whitespace, a newline): mostly-ASCII UTF-16 has a NUL in every other byte.
  const n = Math.min(b.length, 256) & ~3;
  if (n >= 8) {
    const zeros = [0, 0, 0, 0];
    for (let k = 0; k < n; k++) if (b[k] === 0) zeros[k & 3]!++;
    const [z0, z1, z2, z3] = zeros as [number, number, number, number];
    const quarter = n / 4;
    if (z0 + z1 + z2 === 3 * quarter && z3 === 0) return { encoding: 'utf-32be', bomLength: 0 };
    if (z1 + z2 + z3 === 3 * quarter && z0 === 0) return { encoding: 'utf-32le', bomLength: 0 };
    if (z0 + z2 >= 0.9 * 2 * quarter && z1 + z3 === 0) return { encoding: 'utf-16be', bomLength: 0 };
    if (z1 + z3 >= 0.9 * 2 * quarter && z0 + z2 === 0) return { encoding: 'utf-16le', bomLength: 0 };
  }
  return null;
}

/** Parses a Content-Type value into its media type (lower-case) and charset parameter (or null). */
export function parseContentType(contentType: string | undefined): { mediaType: string; charset: string | null } {
  if (contentType === undefined) return { mediaType: '', charset: null };
  const semi = contentType.indexOf(';');
  const mediaType = (semi < 0 ? contentType : contentType.slice(0, semi)).trim().toLowerCase();
  // Tolerate the spacing and quoting servers really send: `charset = "x"`, `charset='x'`.
  const m = /;\s*charset\s*=\s*["']?([^"';\s]+)/i.exec(contentType);
  return { mediaType, charset: m?.[1]?.toLowerCase() ?? null };
}

function declaredXmlEncoding(head: string): string | null {
  const m = /^\s*<\?xml[^>]*?\bencoding\s*=\s*["']([A-Za-z0-9._:-]+)["']/.exec(head);
  return m?.[1]?.toLowerCase() ?? null;
}

/** Is the label a UTF-16/32 family name (meaningless in a declaration of a document sniffed as 8-bit)? */
function isWideUnicode(label: string): boolean {
  return /^(utf-?(16|32)|ucs-?[24]|iso-10646-ucs-[24])/.test(label);
}

/**
 * Decodes `bytes` strictly as `label`; returns null when the bytes are not valid in that encoding or the label
 * is unknown. us-ascii is checked as 7-bit; gb2312/gbk decode as their superset gb18030.
 */
export function decodeStrict(bytes: Uint8Array, label: string): string | null {
  const l = label.toLowerCase();
  if (l === 'us-ascii' || l === 'ascii' || l === 'ansi_x3.4-1968') {
    for (let k = 0; k < bytes.length; k++) if (bytes[k]! > 0x7f) return null;
    return new TextDecoder('windows-1252').decode(bytes);
  }
  const whatwg = l === 'gb2312' || l === 'gbk' ? 'gb18030' : l;
  if (/^utf-?32/.test(whatwg) || whatwg === 'ucs-4') return decodeUtf32(bytes, whatwg.includes('le') ? 'le' : 'be');
  try {
    return new TextDecoder(whatwg, { fatal: true, ignoreBOM: true }).decode(bytes);
  } catch (err) {
    if (!(err instanceof RangeError) && !(err instanceof TypeError)) throw err;
  }
  if (iconv.encodingExists(l)) {
    const s = iconv.decode(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength), l, { stripBOM: false });
    return s.includes('\ufffd') ? null : s;
  }
  return null;
}

function decodeUtf32(bytes: Uint8Array, endian: 'le' | 'be'): string | null {
  if (bytes.length % 4 !== 0) return null;
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const parts: string[] = [];
  let chunk: number[] = [];
  for (let k = 0; k < bytes.length; k += 4) {
    const cp = view.getUint32(k, endian === 'le');
    if (cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff)) return null;
    chunk.push(cp);
    if (chunk.length === 8192) {
      parts.push(String.fromCodePoint(...chunk));
      chunk = [];
    }
  }
  parts.push(String.fromCodePoint(...chunk));
  return parts.join('');
}

function isWindows1252Family(label: string): boolean {
  if (label === 'us-ascii' || label === 'ascii') return false; // 7-bit: nothing to reinterpret
  try {
    return new TextDecoder(label).encoding === 'windows-1252';
  } catch {
    return false;
  }
}

/** Does the text contain a multi-byte UTF-8 sequence (a lead byte followed by a continuation byte)? */
function hasUtf8Sequences(b: Uint8Array): boolean {
  for (let k = 0; k + 1 < b.length; k++) {
    const c = b[k]!;
    if (c >= 0xc2 && c <= 0xf4 && (b[k + 1]! & 0xc0) === 0x80) return true;
  }
  return false;
}

/**
 * Counts well-formed multi-byte UTF-8 sequences and invalid bytes. Legacy 8-bit text almost never forms valid
 * sequences by accident, so "mostly UTF-8" is at least 4 good sequences and at most one bad byte (or one per 20
 * good sequences in longer texts).
 */
function isMostlyUtf8(b: Uint8Array): boolean {
  let good = 0;
  let bad = 0;
  const n = b.length;
  for (let k = 0; k < n; k++) {
    const c = b[k]!;
    if (c < 0x80) continue;
    const need = c >= 0xc2 && c <= 0xdf ? 1 : c >= 0xe0 && c <= 0xef ? 2 : c >= 0xf0 && c <= 0xf4 ? 3 : -1;
    let ok = need > 0 && k + need < n;
    for (let j = 1; ok && j <= need; j++) ok = (b[k + j]! & 0xc0) === 0x80;
    if (ok) {
      good++;
      k += need;
    } else bad++;
  }
  return good >= 4 && bad <= Math.max(1, Math.floor(good / 20));
}

/**
 * Picks the encoding of a feed document and decodes it.
 *
 * Order (RFC 7303 §3 / feedparser `convert_to_utf8`): for `application/xml`-family and `application/*+xml` the
 * HTTP charset, else the XML declaration, else the BOM, else UTF-8; for `text/xml`-family, `text/*+xml` and other
 * `text/*` the HTTP charset, else us-ascii; with no Content-Type the BOM, then the declaration, then UTF-8. Each
 * candidate is tried strictly; if all fail: UTF-8 with replacement characters when the bytes are mostly UTF-8, else
 * a statistical guess (detect.ts), else windows-1252 (which always succeeds). One deliberate deviation from the RFC:
 * a Latin-1/windows-1252 label on bytes that are valid UTF-8 with multi-byte sequences is overridden to UTF-8.
 *
 * @param bytes the document exactly as received
 * @param contentType the HTTP Content-Type header value, if any
 */
export function decodeFeedBytes(bytes: Uint8Array, contentType: string | undefined): DecodedText {
  const sniffed = sniffUnicode(bytes);
  const body = sniffed !== null && sniffed.bomLength > 0 ? bytes.subarray(sniffed.bomLength) : bytes;
  const sniffedWide = sniffed !== null && sniffed.encoding !== 'utf-8';
  // Read the declaration in the sniffed encoding (or as Latin-1: the declaration itself is ASCII).
  let head: string;
  if (sniffedWide) {
    head = decodeStrict(body.subarray(0, 1024 - (1024 % 4)), sniffed.encoding) ?? '';
  } else {
    head = new TextDecoder('latin1').decode(body.subarray(0, 1024));
  }
  let xmlEncoding = declaredXmlEncoding(head);
  if (sniffed !== null && xmlEncoding !== null) {
    // A BOM or a 16/32-bit pattern decides the byte width; a contradicting declaration is a mistake.
    if (sniffedWide !== isWideUnicode(xmlEncoding) || sniffedWide) xmlEncoding = sniffed.encoding;
    else if (sniffed.bomLength > 0) xmlEncoding = 'utf-8';
  } else if (sniffed === null && xmlEncoding !== null && isWideUnicode(xmlEncoding)) {
    xmlEncoding = null; // declared 16/32-bit but the bytes are 8-bit
  }
  const bomEncoding = sniffed?.encoding ?? null;

  const { mediaType, charset: httpCharset } = parseContentType(contentType);
  // Like a declaration, a 16/32-bit charset on bytes that sniff as 8-bit (`<?xml` in ASCII) cannot be right.
  const charset = httpCharset !== null && isWideUnicode(httpCharset) && !sniffedWide ? null : httpCharset;
  let primary: string;
  if (contentType === undefined || mediaType === '') {
    primary = bomEncoding ?? xmlEncoding ?? 'utf-8';
  } else if (
    mediaType === 'application/xml' || mediaType === 'application/xml-dtd' ||
    mediaType === 'application/xml-external-parsed-entity' ||
    (mediaType.startsWith('application/') && mediaType.endsWith('+xml'))
  ) {
    primary = charset ?? xmlEncoding ?? bomEncoding ?? 'utf-8';
  } else if (mediaType.startsWith('text/')) {
    primary = charset ?? 'us-ascii';
  } else {
    primary = charset ?? xmlEncoding ?? bomEncoding ?? 'utf-8';
  }
  // A 16/32-bit document cannot be us-ascii or any 8-bit charset, and its BOM / `<?` pattern knows the byte order
  // better than a bare "utf-16" label: trust the bytes.
  if (bomEncoding !== null && bomEncoding !== 'utf-8') primary = bomEncoding;

  const tried = new Set<string>();
  const attempt = (label: string | null): DecodedText | null => {
    if (label === null || tried.has(label)) return null;
    tried.add(label);
    const text = decodeStrict(body, label);
    return text === null ? null : { text, encoding: label };
  };
  const declared = attempt(primary) ?? attempt(xmlEncoding) ?? attempt(bomEncoding) ?? attempt('utf-8');
  if (declared !== null) {
    // Latin-1 / windows-1252 declarations (often a server default) on bytes that are valid UTF-8 with multi-byte
    // sequences: the label is wrong — legacy text essentially never forms valid UTF-8 by accident.
    if (isWindows1252Family(declared.encoding) && hasUtf8Sequences(body)) {
      const utf8 = decodeStrict(body, 'utf-8');
      if (utf8 !== null) return { text: utf8, encoding: 'utf-8' };
    }
    return declared;
  }
  // Mostly-valid UTF-8 with a stray bad byte (a truncated character, one pasted Latin-1 byte) is still UTF-8:
  // decoding it as a legacy charset would garble every other non-ASCII character.
  if (isMostlyUtf8(body)) return { text: new TextDecoder('utf-8').decode(body), encoding: 'utf-8' };
  const guess = guessEncoding(body);
  const guessed = attempt(guess);
  if (guessed !== null) return guessed;
  return { text: new TextDecoder('windows-1252').decode(body), encoding: 'windows-1252' };
}
