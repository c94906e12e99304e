/**
 * `newsdesk copies --in <corpus.jsonl>`: copy detection over a JSONL corpus (one `{ id, source, url, published,
 * title, text }` per line), processed in publication order through the online detector ingest uses (fresh
 * in-memory store). Prints one `{ id, copyOf, kind, similarity }` line per input line, in input order, as the
 * assignment stands after all articles (re-attributions applied). Exit 1 when the file cannot be read or a line
 * is not a valid article (the message names the line).
 */
import { readFile } from 'node:fs/promises';
import { z } from 'zod';
import { detectCopies } from '../pipeline/copies/index.ts';
import type { CopyArticle } from '../pipeline/copies/index.ts';
import type { RegisterCommand } from './context.ts';
import { parseJsonlCorpus } from './jsonl.ts';

const ArticleLine = z.object({
  id: z.string().min(1),
  source: z.string().default(''),
  url: z.string().nullish().transform((u) => u ?? ''),
  published: z.union([z.string(), z.number()]).nullish().transform((p) => p ?? null),
  title: z.string().nullish().transform((t) => t ?? ''),
  text: z.string().nullish().transform((t) => t ?? ''),
});

/** Parses a JSONL corpus; returns the articles or the first error (1-based line number). */
export function parseCorpus(content: string): { ok: true; articles: CopyArticle[] } | { ok: false; error: string } {
  return parseJsonlCorpus(content, ArticleLine);
}

export const registerCopies: RegisterCommand = (program, ctx) => {
  program
    .command('copies')
    .description(
      'detect copies (syndicated, truncated, boilerplate-wrapped, paragraphs-repeated, spun) in a JSONL corpus and credit originals',
    )
    .requiredOption('--in <corpus.jsonl>', 'one article per line: { "id", "source", "url", "published", "title", "text" }')
    .action(async (opts: { in: string }) => {
      let content: string;
      try {
        content = await readFile(opts.in, 'utf8');
      } catch (err) {
        ctx.io.stderr.write(`newsdesk copies: cannot read ${opts.in}: ${(err as Error).message}\n`);
        ctx.setExitCode(1);
        return;
      }
      const parsed = parseCorpus(content);
      if (!parsed.ok) {
        ctx.io.stderr.write(`newsdesk copies: ${opts.in} ${parsed.error}\n`);
        ctx.setExitCode(1);
        return;
      }
      const verdicts = detectCopies(parsed.articles);
      let out = '';
      for (const v of verdicts) {
        out += JSON.stringify({ id: v.id, copyOf: v.copyOf, kind: v.kind, similarity: v.similarity }) + '\n';
      }
      ctx.io.stdout.write(out);
    });
};
