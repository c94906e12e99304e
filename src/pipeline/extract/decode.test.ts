import { test } from 'node:test';
import assert from 'node:assert/strict';
import { decodeHtml } from './index.ts';

const bytes = (s: string, enc: BufferEncoding = 'utf8') => new Uint8Array(Buffer.from(s, enc));

test('BOM wins over a contradicting meta charset', () => {
  const b = new Uint8Array([0xef, 0xbb, 0xbf, ...bytes('<meta charset="iso-8859-1"><p>Grüße</p>')]);
  const d = decodeHtml(b);
  assert.equal(d.source, 'bom');
  assert.match(d.text, /Grüße/);
});

test('meta charset and http-equiv are honoured', () => {
  assert.match(decodeHtml(bytes('<meta charset="ISO-8859-1"><p>Grüße</p>', 'latin1')).text, /Grüße/);
  const d = decodeHtml(bytes('<meta http-equiv="Content-Type" content="text/html; charset=windows-1252"><p>caf\u00e9</p>', 'latin1'));
  assert.equal(d.encoding, 'windows-1252');
  assert.equal(d.source, 'meta');
  assert.match(d.text, /café/);
});

test('windows-1252 bytes 0x80–0x9F map to typographic characters, as browsers do', () => {
  const b = new Uint8Array([...bytes('<meta charset="iso-8859-1"><p>'), 0x93, 0x68, 0x69, 0x94, 0x20, 0x80]);
  assert.match(decodeHtml(b).text, /“hi” €/);
});

test('undeclared: valid UTF-8 is UTF-8, otherwise windows-1252', () => {
  assert.equal(decodeHtml(bytes('<p>Grüße</p>')).encoding, 'utf-8');
  const d = decodeHtml(bytes('<p>Grüße</p>', 'latin1'));
  assert.equal(d.encoding, 'windows-1252');
  assert.match(d.text, /Grüße/);
});

test('transport charset overrides meta; unknown labels fall through', () => {
  assert.match(decodeHtml(bytes('<meta charset="utf-8"><p>Grüße</p>', 'latin1'), 'iso-8859-1').text, /Grüße/);
  assert.equal(decodeHtml(bytes('<meta charset="no-such-charset"><p>x</p>')).source, 'sniffed-utf8');
});

test('other encodings: Shift_JIS and GBK', () => {
  const sjis = new Uint8Array([...bytes('<meta charset="shift_jis"><p>'), 0x93, 0xfa, 0x96, 0x7b]); // 日本
  assert.match(decodeHtml(sjis).text, /日本/);
  const gbk = new Uint8Array([...bytes('<meta charset="gb2312"><p>'), 0xd6, 0xd0, 0xce, 0xc4]); // 中文
  assert.match(decodeHtml(gbk).text, /中文/);
});
