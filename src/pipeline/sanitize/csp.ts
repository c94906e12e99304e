/**
 * The Content-Security-Policy for pages that show stored article HTML: defence in depth behind the sanitizer (the
 * sanitizer alone must hold; test/e2e/sanitize-xss.test.ts checks both with and without this policy).
 */
import { EMBED_FRAME_ORIGINS } from './embeds.ts';

/**
 * Directives for article HTML, as a map the http layer can extend (e.g. add its own `script-src 'self'` for the
 * reader UI) before serialising with {@link serializeCsp}. No scripts, objects, forms or base changes; images from
 * anywhere (feeds hot-link them) and data: images; media from anywhere; frames only from the allowed players.
 */
export const ARTICLE_CSP_DIRECTIVES: Readonly<Record<string, readonly string[]>> = Object.freeze({
  'default-src': ["'none'"],
  'img-src': ['*', 'data:'],
  'media-src': ['*'],
  'style-src': ["'self'"],
  'frame-src': [...EMBED_FRAME_ORIGINS],
  'base-uri': ["'none'"],
  'form-action': ["'none'"],
  'object-src': ["'none'"],
  'script-src': ["'none'"],
});

/** `{ 'default-src': ["'none'"] }` → `default-src 'none'` (directives joined by `; `). */
export function serializeCsp(directives: Readonly<Record<string, readonly string[]>>): string {
  return Object.entries(directives)
    .map(([name, values]) => [name, ...values].join(' '))
    .join('; ');
}

/** The article CSP as a header value. */
export const ARTICLE_CSP: string = serializeCsp(ARTICLE_CSP_DIRECTIVES);
