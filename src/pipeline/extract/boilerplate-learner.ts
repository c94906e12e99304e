/**
 * Per-host boilerplate learnt online across documents: a text segment (paragraph) that recurs on many pages of
 * one host — a teaser wall, "Sign up to read this article", a newsletter blurb, a "Related stories" list, an
 * app banner — is site chrome, not article text. The idea is the cross-page template detection of Bar-Yossef &
 * Rajagopalan (WWW 2002) and Yi, Liu & Li (KDD 2003, "site style tree"), reduced to paragraph fingerprints.
 *
 * Threshold rule (documented, tested): a segment is boilerplate for a host once it was seen on at least
 * `minPages` distinct pages of that host (default 3) AND on at least `minShare` (default 0.3) of the host's pages
 * observed since the segment was first seen. A real paragraph that two articles happen to quote stays (2 < 3);
 * a quote that recurs on 3 of 100 pages stays too (3% < 30%).
 *
 * State is plain JSON (`toJSON` / `fromJSON`) so ingest can persist it per host.
 */
import { paragraphKey } from './repeated.ts';
import { collapse, escapeHtml, parseDocument, type DomElement } from './dom.ts';

export interface BoilerplateLearnerOptions {
  /** Distinct pages a segment must be seen on (default 3). */
  minPages?: number;
  /** Share of the host's pages (since first sighting) it must be seen on, 0–1 (default 0.3). */
  minShare?: number;
  /** Segments kept per host; least-seen are evicted first (default 4000). */
  maxSegmentsPerHost?: number;
  /** Recent page fingerprints kept per host to count each page once (default 1000). */
  maxPagesRemembered?: number;
  /** Hosts kept; least recently seen are evicted first (default 5000). */
  maxHosts?: number;
}

/** Serializable learner state: version, options and per-host counters (segment fingerprint → counters). */
export interface BoilerplateState {
  version: 1;
  options: Required<BoilerplateLearnerOptions>;
  hosts: Record<string, HostState>;
}

interface HostState {
  /** Pages observed on this host. */
  pages: number;
  /** Logical clock of the last observation (for host eviction). */
  lastSeen: number;
  /** Fingerprints of recently observed pages (URL without fragment). */
  recent: string[];
  /** fingerprint → [pages seen on, host page count when first seen]. */
  segments: Record<string, [number, number]>;
}

const DEFAULTS: Required<BoilerplateLearnerOptions> = {
  minPages: 3,
  minShare: 0.3,
  maxSegmentsPerHost: 4000,
  maxPagesRemembered: 1000,
  maxHosts: 5000,
};

/** Segments shorter than this (normalised) are ignored: "Share", "Foto: dpa" are handled by the extractor. */
const MIN_SEGMENT_CHARS = 12;

/** 53-bit FNV-1a style hash of a string, base36: compact fingerprints keep the persisted state small. */
export function fingerprint(s: string): string {
  let h1 = 0x811c9dc5 ^ 0;
  let h2 = 0x01000193;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    h1 = Math.imul(h1 ^ c, 0x01000193);
    h2 = Math.imul(h2 ^ c, 0x5bd1e995);
  }
  return ((h2 >>> 0) * 0x200000 + ((h1 >>> 0) & 0x1fffff)).toString(36);
}

function hostOf(url: string): string | null {
  try {
    return new URL(url).hostname.toLowerCase().replace(/^www\d?\./, '');
  } catch {
    return null;
  }
}

function pageKey(url: string): string {
  const u = url.split('#')[0] ?? url;
  return fingerprint(u);
}

export class BoilerplateLearner {
  private readonly opts: Required<BoilerplateLearnerOptions>;
  private readonly hosts: Map<string, HostState>;
  private clock = 0;

  constructor(options: BoilerplateLearnerOptions = {}, hosts: Record<string, HostState> = {}) {
    this.opts = { ...DEFAULTS, ...options };
    this.hosts = new Map(Object.entries(hosts));
    for (const h of this.hosts.values()) this.clock = Math.max(this.clock, h.lastSeen);
  }

  /** Restores a learner from {@link toJSON} output. Throws TypeError on a state of another shape/version. */
  static fromJSON(state: unknown): BoilerplateLearner {
    const s = state as Partial<BoilerplateState> | null;
    if (!s || s.version !== 1 || typeof s.hosts !== 'object' || s.hosts === null) {
      throw new TypeError('BoilerplateLearner.fromJSON: not a version-1 boilerplate state');
    }
    return new BoilerplateLearner(s.options ?? {}, s.hosts);
  }

  toJSON(): BoilerplateState {
    return { version: 1, options: { ...this.opts }, hosts: Object.fromEntries(this.hosts) };
  }

  /**
   * Learns from one page of a host: each distinct segment counts once per page, and a page (URL without
   * fragment) already observed recently is not counted again.
   * @param url page address (its hostname, minus "www.", is the host).
   * @param paragraphs the page's extracted paragraphs.
   */
  observe(url: string, paragraphs: readonly string[]): void {
    const host = hostOf(url);
    if (!host) return;
    let st = this.hosts.get(host);
    if (!st) {
      st = { pages: 0, lastSeen: 0, recent: [], segments: {} };
      this.hosts.set(host, st);
      this.evictHosts();
    }
    const pk = pageKey(url);
    if (st.recent.includes(pk)) return;
    st.recent.push(pk);
    if (st.recent.length > this.opts.maxPagesRemembered) st.recent.shift();
    st.pages++;
    st.lastSeen = ++this.clock;
    const seen = new Set<string>();
    // Segments are lines: list items and table rows are joined by single newlines in extracted text.
    for (const p of paragraphs.flatMap((x) => x.split('\n'))) {
      const key = paragraphKey(p);
      if (key.length < MIN_SEGMENT_CHARS) continue;
      const fp = fingerprint(key);
      if (seen.has(fp)) continue;
      seen.add(fp);
      const c = st.segments[fp];
      if (c) c[0]++;
      else st.segments[fp] = [1, st.pages];
    }
    this.evictSegments(st);
  }

  /** Whether `paragraph` is learnt boilerplate on the host of `url` (see the threshold rule above); a
   * multi-line paragraph is when all its lines are. */
  isBoilerplate(url: string, paragraph: string): boolean {
    const lines = paragraph.split('\n').filter((l) => l.trim());
    if (lines.length > 1) return lines.every((l) => this.isBoilerplate(url, l));
    const host = hostOf(url);
    const st = host ? this.hosts.get(host) : undefined;
    if (!st) return false;
    const key = paragraphKey(paragraph);
    if (key.length < MIN_SEGMENT_CHARS) return false;
    const c = st.segments[fingerprint(key)];
    if (!c) return false;
    const [count, firstAt] = c;
    const span = st.pages - firstAt + 1;
    return count >= this.opts.minPages && count / span >= this.opts.minShare;
  }

  /** The paragraphs that are not learnt boilerplate (does not learn). */
  filter(url: string, paragraphs: readonly string[]): string[] {
    return paragraphs.filter((p) => !this.isBoilerplate(url, p));
  }

  /** Observes the page, then filters it: the online use in ingest. */
  process(url: string, paragraphs: readonly string[]): string[] {
    this.observe(url, paragraphs);
    return this.filter(url, paragraphs);
  }

  private evictSegments(st: HostState): void {
    const keys = Object.keys(st.segments);
    if (keys.length <= this.opts.maxSegmentsPerHost) return;
    // Drop the least-seen, oldest segments down to 90% of the cap.
    keys.sort((a, b) => {
      const x = st.segments[a] as [number, number];
      const y = st.segments[b] as [number, number];
      return x[0] - y[0] || x[1] - y[1];
    });
    const drop = keys.length - Math.floor(this.opts.maxSegmentsPerHost * 0.9);
    for (let i = 0; i < drop; i++) delete st.segments[keys[i] as string];
  }

  private evictHosts(): void {
    if (this.hosts.size <= this.opts.maxHosts) return;
    let oldest: string | null = null;
    let min = Infinity;
    for (const [h, st] of this.hosts) if (st.lastSeen < min) [min, oldest] = [st.lastSeen, h];
    if (oldest !== null) this.hosts.delete(oldest);
  }
}

/** Text and HTML of an article with the learner's boilerplate removed. */
export interface CleanedArticleBody {
  text: string;
  html: string;
  /** Segments (paragraphs or list lines) removed as boilerplate. */
  removed: number;
}

/**
 * Online cleaning step for ingest: observes the article's paragraphs for its host, then removes the learnt
 * boilerplate from both its text (paragraphs separated by a blank line) and its HTML (block elements whose
 * text is a boilerplate segment).
 */
export function removeLearntBoilerplate(learner: BoilerplateLearner, url: string, article: { text: string; html: string }): CleanedArticleBody {
  const paragraphs = article.text.split(/\n\s*\n/).map((p) => p.trim()).filter(Boolean);
  learner.observe(url, paragraphs);
  // A list's items sit in one text paragraph (joined by single newlines): filter line by line.
  let removed = 0;
  const kept = paragraphs
    .map((p) =>
      p
        .split('\n')
        .filter((line) => {
          const bad = learner.isBoilerplate(url, line);
          if (bad) removed++;
          return !bad;
        })
        .join('\n'),
    )
    .filter(Boolean);
  if (removed === 0) return { text: article.text, html: article.html, removed };
  const doc = parseDocument(`<!doctype html><html><body>${article.html}</body></html>`);
  const body = doc.body;
  let html = article.html;
  if (body) {
    for (const el of Array.from(body.querySelectorAll('p, li, h1, h2, h3, h4, h5, h6, blockquote, pre, figcaption'))) {
      if (!(el as DomElement).isConnected) continue;
      const t = collapse(el.textContent ?? '');
      if (t && learner.isBoilerplate(url, t)) el.remove();
    }
    for (const list of Array.from(body.querySelectorAll('ul, ol, blockquote'))) {
      if (!collapse(list.textContent ?? '')) list.remove();
    }
    html = body.innerHTML.trim();
  }
  const text = kept.join('\n\n');
  return { text, html: html || `<p>${escapeHtml(text)}</p>`, removed };
}
