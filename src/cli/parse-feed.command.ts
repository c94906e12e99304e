/**
 * `newsdesk parse-feed <file|-> [--url U] [--content-type T]`: parses one feed document (bytes as a server sent
 * them) and prints the normalized model as one JSON object; on failure prints `{"error": "..."}` and exits 1.
 * Never fetches anything: the URL is only the base for relative links.
 */
import { readFile } from 'node:fs/promises';
import { parseFeed } from '../pipeline/parse/index.ts';
import type { ParsedFeed } from '../domain/feed.ts';
import type { RegisterCommand } from './context.ts';

async function readAll(stream: NodeJS.ReadableStream): Promise<Uint8Array> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(typeof chunk === 'string' ? Buffer.from(chunk) : Buffer.from(chunk));
  return Buffer.concat(chunks);
}

/** The model with every key present, in the documented order (optional extras such as `hub` kept). */
function toOutput(feed: ParsedFeed): ParsedFeed {
  const f = feed.feed;
  return {
    format: feed.format,
    encoding: feed.encoding,
    feed: {
      title: f.title, link: f.link, description: f.description, language: f.language, updated: f.updated,
      author: f.author, image: f.image, generator: f.generator, id: f.id, icon: f.icon,
      hub: f.hub ?? null, ttlMinutes: f.ttlMinutes ?? null,
    },
    entries: feed.entries.map((e) => ({
      id: e.id, title: e.title, link: e.link, summary: e.summary, content: e.content, published: e.published,
      updated: e.updated, author: e.author, categories: e.categories, enclosures: e.enclosures,
    })),
  };
}

export const registerParseFeed: RegisterCommand = (program, ctx) => {
  program
    .command('parse-feed')
    .description('parse a feed file (RSS, Atom, RDF, JSON Feed) and print the normalized model as JSON')
    .argument('<file>', "feed file, or '-' for stdin")
    .option('--url <url>', 'URL the document was fetched from (base for relative links; never fetched)')
    .option('--content-type <type>', 'HTTP Content-Type sent with it (its charset wins over the XML declaration)')
    .action(async (file: string, opts: { url?: string; contentType?: string }) => {
      let bytes: Uint8Array;
      try {
        bytes = file === '-' ? await readAll(ctx.io.stdin) : await readFile(file);
      } catch (err) {
        ctx.io.stdout.write(JSON.stringify({ error: `cannot read ${file}: ${(err as Error).message}` }) + '\n');
        ctx.setExitCode(1);
        return;
      }
      const result = parseFeed(bytes, {
        ...(opts.url !== undefined && opts.url !== '' ? { url: opts.url } : {}),
        ...(opts.contentType !== undefined && opts.contentType !== '' ? { contentType: opts.contentType } : {}),
      });
      if (!result.ok) {
        ctx.io.stdout.write(JSON.stringify({ error: result.error.message }) + '\n');
        ctx.setExitCode(1);
        return;
      }
      ctx.io.stdout.write(JSON.stringify(toOutput(result.value)) + '\n');
    });
};
