/**
 * Sanitize stage: the allow-list for article HTML we store and show (sanitizeHtml), the CSP pages showing it
 * should send (ARTICLE_CSP), and HTML → plain text (htmlToText). Pure: strings in, strings out. Imports only
 * domain, lib and npm packages (sanitize-html, linkedom) — never storage, http or other stages.
 */
export { sanitizeHtml, type SanitizeOptions } from './sanitize.ts';
export { htmlToText } from './html-to-text.ts';
export { ARTICLE_CSP, ARTICLE_CSP_DIRECTIVES, serializeCsp } from './csp.ts';
export { EMBED_FRAME_ORIGINS } from './embeds.ts';
