/**
 * `newsdesk sanitize --batch <in.jsonl>`: runs article HTML through exactly the sanitizer ingest uses before storing
 * it. Reads JSON lines `{ "id", "html", "url"? }` (file, or `-` for stdin) and writes one JSON line per input line to
 * stdout, in input order: `{ "id", "html" }`, or `{ "id", "error" }` for a line it cannot use (the batch goes on).
 * Blank lines are skipped. Exit code 0 when the batch ran (even with bad lines; a count goes to stderr), 1 when the
 * input cannot be read or the output written (a closed pipe, as in `| head`, just stops).
 */
import { createReadStream } from 'node:fs';
import { once } from 'node:events';
import { createInterface } from 'node:readline';
import { sanitizeHtml } from '../pipeline/sanitize/index.ts';
import type { RegisterCommand } from './context.ts';

type Id = string | number | null;
export type SanitizeBatchResult = { id: Id; html: string } | { id: Id; error: string };

/**
 * One input line → its output record. Never throws: malformed JSON, a non-object, an id that is not a string or
 * number, a missing or non-string `html`, or a `url` that is neither a string nor null give `{ id, error }` (id null
 * when it cannot be read).
 */
export function sanitizeBatchLine(line: string): SanitizeBatchResult {
  let input: unknown;
  try {
    input = JSON.parse(line);
  } catch (err) {
    return { id: null, error: `invalid JSON: ${(err as Error).message}` };
  }
  if (typeof input !== 'object' || input === null || Array.isArray(input)) {
    return { id: null, error: 'expected a JSON object { "id", "html", "url"? }' };
  }
  const record = input as Record<string, unknown>;
  const id: Id = typeof record.id === 'string' || typeof record.id === 'number' ? record.id : null;
  if (id === null) return { id, error: '"id" must be a string or a number' };
  if (typeof record.html !== 'string') return { id, error: '"html" must be a string' };
  const url = record.url;
  if (url !== undefined && url !== null && typeof url !== 'string') return { id, error: '"url" must be a string or null' };
  try {
    return { id, html: sanitizeHtml(record.html, { baseUrl: url ?? null }) };
  } catch (err) {
    // sanitizeHtml is not expected to throw; if it ever does, one article must not sink the batch.
    return { id, error: `sanitizer failed: ${(err as Error).message}` };
  }
}

export const registerSanitize: RegisterCommand = (program, ctx) => {
  program
    .command('sanitize')
    .description('sanitize article HTML as ingest does: JSON lines {id, html, url?} in, {id, html} lines out, in order')
    .requiredOption('--batch <file>', 'JSON-lines input file, or - for stdin')
    .action(async (opts: { batch: string }) => {
      const stream = opts.batch === '-' ? ctx.io.stdin : createReadStream(opts.batch);
      const out = ctx.io.stdout;
      let ok = 0;
      let failed = 0;
      let writing = false;
      try {
        const lines = createInterface({ input: stream, crlfDelay: Infinity });
        for await (const line of lines) {
          if (line.trim() === '') continue;
          const result = sanitizeBatchLine(line);
          if ('error' in result) failed++;
          else ok++;
          writing = true;
          if (!out.write(JSON.stringify(result) + '\n')) await once(out, 'drain');
          writing = false;
        }
      } catch (err) {
        // The reader went away (`| head`): stop quietly, as Unix tools do.
        if ((err as NodeJS.ErrnoException).code === 'EPIPE') return;
        const what = writing ? 'cannot write output' : `cannot read ${opts.batch}`;
        ctx.io.stderr.write(`newsdesk sanitize: ${what}: ${(err as Error).message}\n`);
        ctx.setExitCode(1);
        return;
      }
      if (failed > 0) ctx.io.stderr.write(`newsdesk sanitize: ${ok} sanitized, ${failed} bad line(s)\n`);
    });
};
