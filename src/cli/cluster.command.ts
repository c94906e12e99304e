/**
 * `newsdesk cluster --in <articles.jsonl>`: story clustering over a JSONL corpus (one `{ id, date | null, title,
 * text, source?, url?, lang? }` per line; `.gz` accepted), processed in date order — input order breaks ties, and
 * undated articles come after dated ones in input order — through the production online clusterer with a fresh
 * in-memory store and its periodic repair. Prints one `{ id, story }` line per input line, in input order, with the
 * story as it stands after all articles (merged ids resolved); `--no-repair` prints the pure online assignment.
 * Exit 1 when the file cannot be read or a line is not a valid article (the message names the line).
 */
import { readFile } from 'node:fs/promises';
import { gunzipSync } from 'node:zlib';
import { z } from 'zod';
import { clusterCorpus, type ClusterArticle } from '../pipeline/cluster/index.ts';
import type { RegisterCommand } from './context.ts';
import { parseJsonlCorpus } from './jsonl.ts';

const ArticleLine = z.object({
  id: z.union([z.string().min(1), z.number()]).transform((id) => String(id)),
  date: z.string().nullish().transform((d) => d ?? null),
  title: z.string().nullish().transform((t) => t ?? ''),
  text: z.string().nullish().transform((t) => t ?? ''),
  source: z.string().nullish(),
  url: z.string().nullish(),
  lang: z.string().nullish(),
});

/** Parses a JSONL corpus; returns the articles or the first error (1-based line number). */
export function parseClusterCorpus(content: string): { ok: true; articles: ClusterArticle[] } | { ok: false; error: string } {
  return parseJsonlCorpus(content, ArticleLine);
}

export const registerCluster: RegisterCommand = (program, ctx) => {
  program
    .command('cluster')
    .description('group a JSONL corpus of articles into stories with the online clusterer; prints { id, story } per line')
    .requiredOption('--in <articles.jsonl>', 'one article per line: { "id", "date" | null, "title", "text", "source"?, "url"?, "lang"? }')
    .option('--no-repair', 'print the pure online assignment (no periodic merge/split repair)')
    .option('--storyline', 'also print each story\'s storyline id')
    .action(async (opts: { in: string; repair: boolean; storyline?: boolean }) => {
      let content: string;
      try {
        const raw = await readFile(opts.in);
        content = (opts.in.endsWith('.gz') ? gunzipSync(raw) : raw).toString('utf8');
      } catch (err) {
        ctx.io.stderr.write(`newsdesk cluster: cannot read ${opts.in}: ${(err as Error).message}\n`);
        ctx.setExitCode(1);
        return;
      }
      const parsed = parseClusterCorpus(content);
      if (!parsed.ok) {
        ctx.io.stderr.write(`newsdesk cluster: ${opts.in} ${parsed.error}\n`);
        ctx.setExitCode(1);
        return;
      }
      const { assignments } = clusterCorpus(parsed.articles, opts.repair ? {} : { repairEvery: 0 });
      let out = '';
      for (const a of assignments) {
        out += JSON.stringify(opts.storyline ? { id: a.id, story: a.story, storyline: a.storyline } : { id: a.id, story: a.story }) + '\n';
      }
      ctx.io.stdout.write(out);
    });
};
