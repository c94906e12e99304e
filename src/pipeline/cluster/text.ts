/**
 * Text views of an article for story clustering: Unicode-aware tokens, language, capitalised names, numbers.
 * Everything here is a pure function of the article text; weighting (IDF) happens in the clusterer.
 */

/** Scripts written without spaces: word boundaries need ICU's dictionary segmentation (Intl.Segmenter). */
const UNSPACED_SCRIPT = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Thai}\p{Script=Lao}\p{Script=Khmer}\p{Script=Myanmar}]/u;
/** A word: letters/marks, digits inside allowed ("covid19"); apostrophes split off ("reid's" → "reid"). */
const WORD = /[\p{L}\p{M}][\p{L}\p{M}\p{N}]*|\p{N}+(?:[.,]\p{N}+)*/gu;

/**
 * Stopword lists (function words) for the languages we detect by vocabulary. Short, hand-picked from the Snowball
 * stopword lists (snowballstem.org, BSD licence): used both to drop function words and to guess the language.
 */
const STOPWORDS: Record<string, readonly string[]> = {
  en: ('a about above after again against all also am an and any are as at be because been before being below between both but by ' +
    'can could did do does doing down during each few for from further had has have having he her here hers herself him himself his how ' +
    'i if in into is it its itself just me more most my myself no nor not now of off on once only or other our ours ourselves out over own ' +
    'said same she should so some such than that the their theirs them themselves then there these they this those through to too under ' +
    'until up very was we were what when where which while who whom why will with would you your yours yourself yourselves s t ' +
    'says say told according one two new year years last first may us mr mrs ms get got like since still many much well another ' +
    'even back way make made week day today yesterday monday tuesday wednesday thursday friday saturday sunday time around').split(' '),
  fr: ('au aux avec ce ces dans de des du elle en et eux il ils je la le les leur lui ma mais me même mes moi mon ne nos notre nous on ou ' +
    'par pas pour qu que qui sa se ses son sur ta te tes toi ton tu un une vos votre vous été est sont était ont avait cette ces aussi plus').split(' '),
  de: ('aber alle als also am an auch auf aus bei bin bis bist da damit dann der den des dem die das dass du er es ein eine einem einen einer ' +
    'eines für hat hatte ich ihr im in ist ja kein mit nach nicht noch nur oder sich sie sind so über um und uns von vor war wie wir wird zu zum zur').split(' '),
  es: ('al algo como con de del el ella ellos en entre era es esta este esto están fue ha hay la las le les lo los más me mi muy no nos o para ' +
    'pero por que se ser si sin sobre su sus también te un una uno unos y ya fueron según').split(' '),
  it: ('al alla alle anche che chi con da dal dalla degli dei del della delle di e ed era gli ha hanno il in io la le lei lo loro lui ma mi ' +
    'nei nel nella non per più quella quello questa questo se si sono su sua suo tra un una uno è stato').split(' '),
  pt: ('ao aos as com como da das de do dos e ela ele eles em entre era essa esse esta este foi há isso já mais mas na nas no nos não o os ou ' +
    'para pela pelo por que se sem ser seu sua são também um uma à é').split(' '),
  nl: ('aan al als bij dat de die dit een en er het hij hem haar heeft hun ik in is je maar met na naar niet nog of om ook op over te tot ' +
    'uit van voor was wat werd wij zal ze zich zij zijn').split(' '),
};
const STOPSETS: Record<string, ReadonlySet<string>> = Object.fromEntries(
  Object.entries(STOPWORDS).map(([k, v]) => [k, new Set(v)]),
);
const ALL_STOP = new Set(Object.values(STOPWORDS).flat());
/** stopword → the languages listing it (one lookup per word when guessing the language). */
const STOP_LANGUAGES = new Map<string, string[]>();
for (const [lang, words] of Object.entries(STOPWORDS)) {
  for (const w of new Set(words)) STOP_LANGUAGES.set(w, [...(STOP_LANGUAGES.get(w) ?? []), lang]);
}

/**
 * Primary language subtag of a BCP-47 tag, lower-cased ("en-GB" → "en"); null for empty or "und".
 */
export function normalizeLanguageTag(tag: string | null | undefined): string | null {
  if (!tag) return null;
  const primary = tag.trim().toLowerCase().split(/[-_]/)[0] ?? '';
  return primary === '' || primary === 'und' ? null : primary;
}

/**
 * Guesses the language of a text: by stopword hits for the languages above (≥ 3 hits and a clear lead),
 * otherwise by script ("zh", "ja", "ko", "ru" for Cyrillic, "ar", "el", "he", "hi" …, "und-latn" for Latin text
 * with too little evidence — compatible with every Latin-script language, see languagesCompatible). The guess only has to keep languages apart, not name them perfectly: two articles
 * with different guesses never share a story.
 *
 * @param text plain text (title + body)
 * @returns a lower-case tag
 */
export function detectLanguage(text: string): string {
  const sample = text.slice(0, 4000);
  if (/[\p{Script=Hiragana}\p{Script=Katakana}]/u.test(sample)) return 'ja';
  if (/\p{Script=Hangul}/u.test(sample)) return 'ko';
  if (/\p{Script=Han}/u.test(sample)) return 'zh';
  const counts = new Map<string, number>();
  for (const m of sample.toLowerCase().matchAll(WORD)) {
    for (const lang of STOP_LANGUAGES.get(m[0]) ?? []) counts.set(lang, (counts.get(lang) ?? 0) + 1);
  }
  const ranked = [...counts.entries()].sort((a, b) => b[1] - a[1]);
  const best = ranked[0];
  const second = ranked[1]?.[1] ?? 0;
  if (best && best[1] >= 3 && best[1] >= 1.5 * second) return best[0];
  const scripts: Array<[RegExp, string]> = [
    [/\p{Script=Cyrillic}/u, 'ru'], [/\p{Script=Arabic}/u, 'ar'], [/\p{Script=Greek}/u, 'el'], [/\p{Script=Hebrew}/u, 'he'],
    [/\p{Script=Devanagari}/u, 'hi'], [/\p{Script=Thai}/u, 'th'], [/\p{Script=Georgian}/u, 'ka'], [/\p{Script=Armenian}/u, 'hy'],
  ];
  for (const [re, tag] of scripts) if (re.test(sample)) return tag;
  // Too few function words to tell (a headline, a caption): "some Latin-script language", compatible with any.
  return UNDETERMINED_LATIN;
}

/** Tag for Latin-script text whose language could not be told (see languagesCompatible). */
export const UNDETERMINED_LATIN = 'und-latn';
const LATIN_LANGUAGES = new Set(['und-latn', ...Object.keys(STOPWORDS)]);

/**
 * Whether two articles' languages allow them in one story: equal tags, or an undetermined Latin-script text with a
 * Latin-script language we detect (a short English headline is not kept apart from English coverage).
 */
export function languagesCompatible(a: string, b: string): boolean {
  if (a === b) return true;
  return (a === UNDETERMINED_LATIN && LATIN_LANGUAGES.has(b)) || (b === UNDETERMINED_LATIN && LATIN_LANGUAGES.has(a));
}

/** Index scope of a language: the Latin-script languages above share one (candidates are then filtered by
 * languagesCompatible); any other tag is its own scope. */
export function languageScope(lang: string): string {
  return LATIN_LANGUAGES.has(lang) ? 'latn' : lang;
}

/**
 * Harman's "S" stemmer (Harman 1991, "How effective is suffixing?", JASIS 42(1)): folds English plurals only —
 * conservative on purpose, since over-stemming merges different names.
 */
export function stemEnglishPlural(w: string): string {
  if (w.length <= 3 || !w.endsWith('s')) return w;
  if (w.endsWith('ies') && !w.endsWith('eies') && !w.endsWith('aies')) return w.slice(0, -3) + 'y';
  if (w.endsWith('es') && !w.endsWith('aes') && !w.endsWith('ees') && !w.endsWith('oes')) return w.slice(0, -1);
  if (!w.endsWith('us') && !w.endsWith('ss')) return w.slice(0, -1);
  return w;
}

/** Raw word tokens of a text with their original case; ICU segmentation for unspaced scripts. */
export function segmentWords(text: string): string[] {
  const normalized = text.normalize('NFKC');
  if (!UNSPACED_SCRIPT.test(normalized)) return normalized.match(WORD) ?? [];
  const out: string[] = [];
  const seg = new Intl.Segmenter(undefined, { granularity: 'word' });
  for (const s of seg.segment(normalized)) if (s.isWordLike) out.push(s.segment);
  return out;
}

const IS_NUMBER = /^\p{N}/u;
const ORDINAL_SUFFIX = new Set(['st', 'nd', 'rd', 'th']);

/**
 * Content terms of a text: lower-cased words without stopwords, numbers and one-letter words; English plurals
 * folded. Order kept (duplicates kept: callers count term frequency).
 *
 * @param lang language tag from detectLanguage / normalizeLanguageTag
 */
export function contentTerms(text: string, lang: string): string[] {
  const stop = STOPSETS[lang] ?? ALL_STOP;
  const out: string[] = [];
  for (const raw of segmentWords(text)) {
    const w = raw.toLowerCase();
    if (IS_NUMBER.test(w) || stop.has(w)) continue;
    if (w.length < 2 && !UNSPACED_SCRIPT.test(w)) continue;
    if (ORDINAL_SUFFIX.has(w)) continue;
    out.push(lang === 'en' ? stemEnglishPlural(w) : w);
  }
  return out;
}

/**
 * Numbers in a text ("33", "2008", "7.2"; "81st" → "81"), as written. Single digits are skipped: they are mostly
 * list markers and counts too common to tell events apart.
 */
export function numberTerms(text: string): string[] {
  const out: string[] = [];
  for (const m of text.matchAll(/\p{N}+(?:[.,]\p{N}+)*/gu)) {
    const n = m[0].replace(/,(?=\d{3}\b)/g, '');
    if (n.length >= 2) out.push(n);
  }
  return out;
}

const CAPITALISED = /^\p{Lu}/u;

/**
 * Names in a text by capitalisation (a cheap stand-in for named-entity recognition, which would need a model):
 * capitalised words that are not stopwords, and each run of two or more capitalised words as one phrase
 * ("tara reid"). A sentence-initial word counts only if it is also capitalised elsewhere mid-sentence; lines in
 * Title Case (headlines) are skipped because case says nothing there. Caseless scripts yield nothing.
 *
 * @returns lower-cased name terms; phrases joined by a space
 */
export function nameTerms(text: string): string[] {
  const lines = text.normalize('NFKC').split(/\n+/);
  const sentences: string[][] = [];
  for (const line of lines) {
    const words = line.match(WORD) ?? [];
    const letters = words.filter((w) => !IS_NUMBER.test(w) && w.length > 3);
    if (letters.length >= 3 && letters.filter((w) => CAPITALISED.test(w)).length / letters.length >= 0.7) continue;
    for (const sentence of line.split(/(?<=[.!?:;"”])\s+/)) {
      const ws = sentence.match(WORD);
      if (ws && ws.length > 0) sentences.push(ws);
    }
  }
  const midSentence = new Set<string>();
  for (const ws of sentences) for (let i = 1; i < ws.length; i++) if (CAPITALISED.test(ws[i]!)) midSentence.add(ws[i]!);
  const out: string[] = [];
  for (const ws of sentences) {
    let run: string[] = [];
    const flush = (): void => {
      if (run.length >= 2) out.push(run.join(' '));
      run = [];
    };
    for (let i = 0; i < ws.length; i++) {
      const w = ws[i]!;
      const lower = w.toLowerCase();
      const isName = CAPITALISED.test(w) && !ALL_STOP.has(lower) && w.length > 1 && (i > 0 || midSentence.has(w));
      if (isName) {
        out.push(lower);
        run.push(lower);
      } else flush();
    }
    flush();
  }
  return out;
}
