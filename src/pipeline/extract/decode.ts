/**
 * Bytes → text for HTML pages, following the order of the WHATWG "encoding sniffing algorithm"
 * (https://html.spec.whatwg.org/multipage/parsing.html#encoding-sniffing-algorithm), simplified:
 * BOM → transport charset (Content-Type, if the caller has one) → `<meta charset>` / `<meta http-equiv
 * content="…charset=…">` in the first 4 KiB → UTF-8 if the bytes are valid UTF-8 → windows-1252.
 */
import iconv from 'iconv-lite';

/** How far into the document a charset declaration is looked for (the spec says 1024 bytes; real pages
 * put long `<head>` preambles first, so we look a little further). */
const PRESCAN_BYTES = 4096;

export interface DecodedHtml {
  text: string;
  /** WHATWG encoding name actually used, e.g. "utf-8", "windows-1252", "gbk". */
  encoding: string;
  /** Where the encoding came from. */
  source: 'bom' | 'transport' | 'meta' | 'sniffed-utf8' | 'default';
}

/**
 * Decodes an HTML document's bytes into a string.
 * @param bytes raw response body.
 * @param transportCharset charset from the HTTP Content-Type header, if known (wins over `<meta>` as in browsers).
 * @returns text plus the encoding used. Never throws: unknown labels fall back to the next rule; undecodable
 *   bytes become U+FFFD.
 */
export function decodeHtml(bytes: Uint8Array, transportCharset?: string): DecodedHtml {
  const bom = sniffBom(bytes);
  if (bom) return { text: decodeWith(bytes.subarray(bom.length), bom.encoding), encoding: bom.encoding, source: 'bom' };
  const fromTransport = transportCharset ? normalizeLabel(transportCharset) : null;
  if (fromTransport) return { text: decodeWith(bytes, fromTransport), encoding: fromTransport, source: 'transport' };
  const declared = prescanMetaCharset(bytes);
  if (declared) {
    // A page that declares a UTF-16 charset in ASCII-compatible bytes is really UTF-8 (spec rule).
    const enc = declared.startsWith('utf-16') ? 'utf-8' : declared;
    return { text: decodeWith(bytes, enc), encoding: enc, source: 'meta' };
  }
  try {
    const text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    return { text, encoding: 'utf-8', source: 'sniffed-utf8' };
  } catch {
    return { text: decodeWith(bytes, 'windows-1252'), encoding: 'windows-1252', source: 'default' };
  }
}

function sniffBom(b: Uint8Array): { encoding: string; length: number } | null {
  if (b[0] === 0xef && b[1] === 0xbb && b[2] === 0xbf) return { encoding: 'utf-8', length: 3 };
  if (b[0] === 0xfe && b[1] === 0xff) return { encoding: 'utf-16be', length: 2 };
  if (b[0] === 0xff && b[1] === 0xfe) return { encoding: 'utf-16le', length: 2 };
  return null;
}

/** Finds a charset declared in a `<meta>` tag within the first PRESCAN_BYTES bytes (read as latin1, which maps
 * bytes 1:1 so ASCII markup is found in any ASCII-compatible encoding). */
export function prescanMetaCharset(bytes: Uint8Array): string | null {
  const head = Buffer.from(bytes.buffer, bytes.byteOffset, Math.min(bytes.length, PRESCAN_BYTES)).toString('latin1');
  const metaRe = /<meta\b([^>]*)>/gi;
  let m: RegExpExecArray | null;
  while ((m = metaRe.exec(head)) !== null) {
    const attrs = m[1] ?? '';
    const direct = /\bcharset\s*=\s*["']?\s*([\w.:-]+)/i.exec(attrs);
    if (direct?.[1]) {
      const enc = normalizeLabel(direct[1]);
      if (enc) return enc;
    }
  }
  return null;
}

/** Maps a charset label to a WHATWG encoding name we can decode, or null when unknown. */
export function normalizeLabel(label: string): string | null {
  const l = label.trim().toLowerCase().replace(/^["']|["']$/g, '');
  if (!l) return null;
  try {
    const enc = new TextDecoder(l).encoding;
    // The spec treats these labels as windows-1252 (browsers do too): latin1 pages routinely use 0x80–0x9F.
    return enc;
  } catch {
    if (iconv.encodingExists(l)) return l;
    return null;
  }
}

function decodeWith(bytes: Uint8Array, encoding: string): string {
  // Node's ICU decoder reports "windows-1252" for latin1 labels but maps 0x80–0x9F to C1 controls; the
  // WHATWG table maps them to “ ” € … as browsers do.
  if (encoding === 'windows-1252') return iconv.decode(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length), 'win1252');
  try {
    return new TextDecoder(encoding).decode(bytes);
  } catch {
    if (iconv.encodingExists(encoding)) return iconv.decode(Buffer.from(bytes), encoding);
    return new TextDecoder('utf-8').decode(bytes);
  }
}
