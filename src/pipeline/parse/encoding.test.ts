import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import iconv from 'iconv-lite';
import { decodeFeedBytes, parseFeed } from './index.ts';

const fixture = (name: string): Uint8Array => readFileSync(new URL(`./testdata/${name}`, import.meta.url));
const canonical = (label: string): string => new TextDecoder(label === 'gb2312' ? 'gb18030' : label).encoding;

function titleOf(bytes: Uint8Array, contentType?: string): { title: string | null; encoding: string } {
  const r = parseFeed(bytes, contentType === undefined ? {} : { contentType });
  if (!r.ok) assert.fail(r.error.message);
  return { title: r.value.feed.title, encoding: r.value.encoding };
}

test('BOMs and UTF-16/32 patterns are recognised', () => {
  assert.deepEqual(titleOf(fixture('utf16le-bom.xml')), { title: 'Sixteen ✓', encoding: 'utf-16le' });
  assert.deepEqual(titleOf(fixture('utf16be-nobom.xml')), { title: 'Sixteen ✓', encoding: 'utf-16be' });
  assert.deepEqual(titleOf(fixture('utf32be-nobom.xml')), { title: 'Sixteen ✓', encoding: 'utf-32be' });
  const bom8 = new Uint8Array([0xef, 0xbb, 0xbf, ...new TextEncoder().encode('<rss><channel><title>é</title></channel></rss>')]);
  assert.deepEqual(titleOf(bom8), { title: 'é', encoding: 'utf-8' });
});

test('declared ISO-8859-1 decodes as windows-1252 (smart quotes survive)', () => {
  const { title, encoding } = titleOf(fixture('windows1252-declared-latin1.xml'));
  assert.equal(title, 'Café “quotes”');
  assert.equal(canonical(encoding), 'windows-1252');
});

test('a declared legacy CJK encoding is honoured', () => {
  assert.deepEqual(titleOf(fixture('shiftjis-declared.xml')), { title: '町のニュース', encoding: 'shift_jis' });
});

test('the HTTP charset wins over the XML declaration (RFC 7303)', () => {
  const bytes = iconv.encode('<?xml version="1.0" encoding="utf-8"?><rss><channel><title>Grüße</title></channel></rss>', 'windows-1252');
  assert.deepEqual(titleOf(bytes, 'application/rss+xml; charset=windows-1252'), { title: 'Grüße', encoding: 'windows-1252' });
  // Quoted and spaced parameters as servers send them.
  assert.equal(titleOf(bytes, 'application/xml;charset= "windows-1252"').encoding, 'windows-1252');
});

test('text/xml without a charset means us-ascii; application/xml falls back to the declaration', () => {
  const ascii = new TextEncoder().encode('<?xml version="1.0" encoding="iso-8859-1"?><rss><channel><title>plain</title></channel></rss>');
  assert.equal(titleOf(ascii, 'text/xml').encoding, 'us-ascii');
  assert.equal(titleOf(ascii, 'application/xml').encoding, 'iso-8859-1');
  assert.equal(titleOf(ascii).encoding, 'iso-8859-1');
  // A bogus parameter is not a charset.
  assert.equal(titleOf(ascii, 'text/xml; charset:iso-8859-1').encoding, 'us-ascii');
});

test('a wrong declared charset falls back to one that decodes', () => {
  const bytes = iconv.encode('<?xml version="1.0" encoding="utf-8"?><rss><channel><title>naïve café</title></channel></rss>', 'windows-1252');
  const { title, encoding } = titleOf(bytes);
  assert.equal(title, 'naïve café');
  assert.equal(canonical(encoding), 'windows-1252');
});

test('undeclared legacy encodings are guessed', () => {
  const cases: Array<[string, string, string | null]> = [
    ['koi8r-undeclared.xml', 'koi8-r', 'Новости города'],
    ['cp1251-undeclared.xml', 'windows-1251', 'Новости города'],
    ['eucjp-undeclared.xml', 'euc-jp', '町のニュース'],
    ['gb2312-undeclared.xml', 'gb18030', '城市新闻'],
    ['windows1255-undeclared.xml', 'windows-1255', 'חדשות העיר'],
    ['big5-undeclared.xml', 'big5', null],
    ['euckr-undeclared.xml', 'euc-kr', null],
    ['sjis-undeclared.xml', 'shift_jis', null],
    ['tis620-undeclared.xml', 'windows-874', null],
    ['french1252-undeclared.xml', 'windows-1252', null],
    ['polish-iso88592-undeclared.xml', 'iso-8859-2', null],
  ];
  for (const [file, expected, title] of cases) {
    const got = titleOf(fixture(file));
    assert.equal(canonical(got.encoding), expected, file);
    if (title !== null) assert.equal(got.title, title, file);
  }
});

test('decodeFeedBytes strips the BOM and reports the label', () => {
  const d = decodeFeedBytes(new Uint8Array([0xff, 0xfe, 0x3c, 0x00, 0x61, 0x00, 0x3e, 0x00]), undefined);
  assert.deepEqual(d, { text: '<a>', encoding: 'utf-16le' });
});

test('valid UTF-8 mislabelled as ISO-8859-1 is read as UTF-8', () => {
  const bytes = new TextEncoder().encode('<?xml version="1.0" encoding="ISO-8859-1"?><rss><channel><title>Café – naïve</title></channel></rss>');
  assert.deepEqual(titleOf(bytes), { title: 'Café – naïve', encoding: 'utf-8' });
  assert.deepEqual(titleOf(bytes, 'text/html; charset=iso-8859-1'), { title: 'Café – naïve', encoding: 'utf-8' });
});

test('UTF-16 without BOM and with leading whitespace is recognised by its NUL pattern', () => {
  const le = iconv.encode('\n  <rss><channel><title>Ωmega</title></channel></rss>', 'utf-16le');
  assert.deepEqual(titleOf(le), { title: 'Ωmega', encoding: 'utf-16le' });
  const be = iconv.encode('\n  <rss><channel><title>Ωmega</title></channel></rss>', 'utf-16be');
  assert.deepEqual(titleOf(be), { title: 'Ωmega', encoding: 'utf-16be' });
});

test('a 16/32-bit HTTP charset on 8-bit bytes is ignored, as a declaration would be', () => {
  const bytes = new TextEncoder().encode('<?xml version="1.0" encoding="utf-8"?><rss><channel><title>Café</title></channel></rss>');
  assert.deepEqual(titleOf(bytes, 'application/xml; charset=utf-16'), { title: 'Café', encoding: 'utf-8' });
  assert.deepEqual(titleOf(bytes, 'text/xml; charset=utf-32'), { title: 'Café', encoding: 'utf-8' });
  // …while a real UTF-16 document keeps it.
  const wide = new Uint8Array(iconv.encode('<rss><channel><title>Café</title></channel></rss>', 'utf16-le', { addBOM: true }));
  assert.equal(titleOf(wide, 'application/xml; charset=utf-16').title, 'Café');
});

test('undeclared Greek and DOS Cyrillic are guessed (Greek in either code page is named ISO-8859-7, as chardet does)', () => {
  const greek = 'Ειδήσεις της πόλης: σήμερα άνοιξε μια νέα βιβλιοθήκη στο κέντρο, όπου μπορείτε να διαβάσετε βιβλία.';
  const russian = 'Новости города: сегодня в центре открылась новая библиотека, где можно читать книги бесплатно.';
  const doc = (t: string): string => `<rss version="2.0"><channel><title>${t}</title><item><description>${t}</description></item></channel></rss>`;
  for (const enc of ['iso-8859-7', 'windows-1253']) {
    assert.deepEqual(titleOf(new Uint8Array(iconv.encode(doc(greek), enc))), { title: greek, encoding: 'iso-8859-7' }, enc);
  }
  assert.deepEqual(titleOf(new Uint8Array(iconv.encode(doc(russian), 'cp866'))), { title: russian, encoding: 'ibm866' });
});
