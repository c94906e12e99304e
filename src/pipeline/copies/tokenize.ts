/**
 * Tokenization for copy detection: the word stream, the content vocabulary and the spin-resistant "skeleton".
 *
 * The skeleton keeps what a synonym spinner does not change (DSpin's "immutable" words, Zhang et al., NDSS 2014;
 * SpotSigs' stopword antecedents, Theobald et al., SIGIR 2008): closed-class function words, digit runs,
 * sentence punctuation and the *shape* of names (a capitalized content word becomes the placeholder `^`, since
 * spinners swap "Ned Price" for "Ned Value" but keep the capital). Content words are dropped entirely, so a
 * one-to-many substitution ("head coach" → "caput private instructor") leaves the skeleton intact.
 */

/**
 * Closed-class English words (articles, pronouns, common prepositions, conjunctions, auxiliaries, modals).
 * Thesaurus-based spinners (WordNet-style dictionaries) list open-class words; words with a common adverb or
 * adjective reading ("after", "but", "next", "over", "up") are left out on purpose because spinners do swap them.
 */
export const FUNCTION_WORDS: ReadonlySet<string> = new Set([
  'a', 'an', 'the', 'this', 'that', 'these', 'those', 'its', 'it', "it's", 'his', 'her', 'hers', 'he', 'she',
  'him', 'they', 'them', 'their', 'theirs', 'we', 'us', 'our', 'ours', 'you', 'your', 'i', 'me', 'my', 'mine',
  'who', 'whom', 'whose', 'which', 'what', 'where', 'when', 'why', 'how', 'there', 'here',
  'of', 'to', 'in', 'on', 'at', 'by', 'for', 'with', 'from', 'into', 'onto', 'upon', 'as', 'than', 'per',
  'between', 'among', 'during', 'without', 'within', 'against', 'toward', 'towards', 'via',
  'and', 'or', 'nor', 'if', 'so', 'because', 'although', 'though', 'while', 'whether', 'unless',
  'is', 'are', 'was', 'were', 'be', 'been', 'being', 'am', 'has', 'had', 'have', 'having', 'does', 'did', 'do',
  'will', 'would', 'shall', 'should', 'can', 'could', 'may', 'might', 'must',
  'not', "n't", 'no', 'any', 'each', 'every', 'some', 'such', 'both', 'either', 'neither',
]);

/** One token of the word stream: the lower-cased form and whether the original started with a capital. */
export interface Token {
  /** Lower-cased word, digit-bearing word, or a punctuation mark (one of `.,;:?!"()`). */
  readonly norm: string;
  readonly kind: 'word' | 'number' | 'punct';
  readonly capitalized: boolean;
}

// Letters/digits with inner apostrophes or hyphens; or one punctuation mark. Curly quotes are folded first.
const TOKEN_RE = /[\p{L}\p{N}]+(?:['’][\p{L}]+)*|[.,;:?!"()]/gu;

/** Splits text into tokens (words, numbers, sentence punctuation). Paragraph breaks are ignored on purpose:
 * scrapers re-flow paragraphs, so no signal may depend on them. */
export function tokenize(text: string): Token[] {
  const folded = text.replace(/[“”„«»]/g, '"').replace(/[‘’]/g, "'");
  const out: Token[] = [];
  for (const m of folded.matchAll(TOKEN_RE)) {
    const raw = m[0];
    const c = raw.charCodeAt(0);
    if (raw.length === 1 && '.,;:?!"()'.includes(raw)) {
      out.push({ norm: raw, kind: 'punct', capitalized: false });
    } else if (/\p{N}/u.test(raw)) {
      // Keep digit runs only: "76ers" and a spun "76erbiums" both give "76".
      out.push({ norm: (raw.match(/\p{N}+/gu) ?? []).join('·'), kind: 'number', capitalized: false });
    } else {
      const lower = raw.toLowerCase();
      out.push({ norm: lower, kind: 'word', capitalized: raw !== lower && c === raw.toUpperCase().charCodeAt(0) });
    }
  }
  return out;
}

/** The skeleton token of one token, or null when a spinner may rewrite it (an ordinary content word). */
export function skeletonToken(t: Token): string | null {
  if (t.kind === 'punct' || t.kind === 'number') return t.norm;
  if (FUNCTION_WORDS.has(t.norm)) return t.norm;
  if (t.capitalized) return '^';
  return null;
}

/** Whether a token is a content word worth keeping in the vocabulary (spin diff, unspun check). */
export function isContentWord(t: Token): boolean {
  return t.kind === 'word' && t.norm.length >= 3 && !FUNCTION_WORDS.has(t.norm);
}
