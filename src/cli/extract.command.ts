/**
 * `newsdesk extract <url-or-file>`: one page → its article as JSON.
 * `newsdesk extract --batch <in.jsonl> [--jobs N]`: lines `{ "id", "url", "html" }` → one JSON line per input on
 * stdout, in input order: `{ "id", "title", "byline", "published", "text", "html" }`, or `{ "id", "error" }` for a
 * page that fails (the batch goes on). Pages are extracted on worker threads; a progress bar is drawn on stderr
 * when stderr is a terminal. The `html` is the extractor's output, not yet sanitized (pipeline/sanitize does that).
 *
 * URLs need a fetcher: pass one to {@link makeRegisterExtract} (the composition root wires the SSRF-safe client);
 * without one, `extract <url>` fails with a clear message and exit code 2.
 */
import { createReadStream } from 'node:fs';
import { readFile, stat } from 'node:fs/promises';
import { availableParallelism } from 'node:os';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { createInterface } from 'node:readline';
import { Worker } from 'node:worker_threads';
import cliProgress from 'cli-progress';
import { extractArticle } from '../pipeline/extract/index.ts';
import type { CliContext, RegisterCommand } from './context.ts';
import type { ExtractTask, ExtractTaskResult } from './extract.worker.ts';

/** A fetched page (what the SSRF-safe fetch stage returns, reduced to what extraction needs). */
export interface FetchedPage {
  /** Final URL after redirects. */
  url: string;
  body: Uint8Array;
  /** charset parameter of the Content-Type header, if any. */
  charset?: string;
}

export interface ExtractCommandDeps {
  /** Fetches a page for `extract <url>`; absent → URLs are refused with a clear error. */
  fetchPage?: (url: string) => Promise<FetchedPage>;
}

const WORKER_URL = new URL('./extract.worker.mjs', import.meta.url);

/** Builds the `extract` command with its dependencies (a page fetcher for URL arguments). */
export function makeRegisterExtract(deps: ExtractCommandDeps = {}): RegisterCommand {
  return (program, ctx) => {
    program
      .command('extract')
      .description('extract the article of a page (file or URL), or of every line of a JSONL batch')
      .argument('[url-or-file]', 'page to extract: an http(s) URL or an HTML file')
      .option('--batch <in.jsonl>', 'JSONL input, one {"id","url","html"} per line; "-" reads stdin')
      .option('--jobs <n>', 'worker threads for --batch (default: number of cores)')
      .option('--url <url>', 'page address for a file argument (resolves links, supplies URL dates)')
      .action(async (target: string | undefined, opts: { batch?: string; jobs?: string; url?: string }) => {
        if (opts.batch) {
          const jobs = opts.jobs === undefined ? availableParallelism() : Number(opts.jobs);
          if (!Number.isInteger(jobs) || jobs < 1 || jobs > 256) {
            ctx.io.stderr.write(`newsdesk extract: --jobs must be an integer from 1 to 256, got ${opts.jobs}\n`);
            ctx.setExitCode(2);
            return;
          }
          await runBatch(ctx, opts.batch, jobs);
          return;
        }
        if (!target) {
          ctx.io.stderr.write('newsdesk extract: give a URL or a file, or --batch <in.jsonl>\n');
          ctx.setExitCode(2);
          return;
        }
        await runOne(ctx, deps, target, opts.url);
      });
  };
}

/** The command as registered by the CLI program (no fetcher yet: URL arguments are refused). */
export const registerExtract: RegisterCommand = makeRegisterExtract();

async function runOne(ctx: CliContext, deps: ExtractCommandDeps, target: string, urlOpt: string | undefined): Promise<void> {
  let body: Uint8Array;
  let url: string;
  let charset: string | undefined;
  if (/^https?:\/\//i.test(target)) {
    if (!deps.fetchPage) {
      ctx.io.stderr.write('newsdesk extract: fetching URLs is not wired in yet; save the page and run `newsdesk extract <file> --url <address>`\n');
      ctx.setExitCode(2);
      return;
    }
    try {
      const page = await deps.fetchPage(target);
      ({ body, url, charset } = page);
    } catch (err) {
      ctx.io.stderr.write(`newsdesk extract: could not fetch ${target}: ${err instanceof Error ? err.message : String(err)}\n`);
      ctx.setExitCode(1);
      return;
    }
  } else {
    try {
      body = new Uint8Array(await readFile(target));
    } catch (err) {
      ctx.io.stderr.write(`newsdesk extract: cannot read ${target}: ${(err as NodeJS.ErrnoException).code ?? String(err)}\n`);
      ctx.setExitCode(2);
      return;
    }
    url = urlOpt ?? pathToFileURL(resolve(target)).href;
  }
  const res = extractArticle(body, { url, ...(charset ? { charset } : {}) });
  if (!res.ok) {
    ctx.io.stderr.write(`newsdesk extract: ${res.error.kind}: ${res.error.message}\n`);
    ctx.setExitCode(1);
    return;
  }
  ctx.io.stdout.write(JSON.stringify(res.value, null, 2) + '\n');
}

interface PoolWorker {
  worker: Worker;
  busy: ExtractTask | null;
}

/**
 * Streams the batch through a pool of `jobs` workers, writing results in input order. At most `jobs × 4` pages
 * are held in memory at once (reading pauses while the window is full). A worker that dies fails only the page
 * it was working on and is replaced.
 */
async function runBatch(ctx: CliContext, input: string, jobs: number): Promise<void> {
  let totalBytes = 0;
  let stream: NodeJS.ReadableStream;
  if (input === '-') stream = ctx.io.stdin;
  else {
    try {
      totalBytes = (await stat(input)).size;
    } catch (err) {
      ctx.io.stderr.write(`newsdesk extract: cannot read ${input}: ${(err as NodeJS.ErrnoException).code ?? String(err)}\n`);
      ctx.setExitCode(2);
      return;
    }
    stream = createReadStream(input);
  }
  const bar = ctx.io.stderr.isTTY && totalBytes > 0
    ? new cliProgress.SingleBar({ stream: ctx.io.stderr as NodeJS.WriteStream, format: 'extract [{bar}] {percentage}% | {pages} pages | {errors} errors', hideCursor: true }, cliProgress.Presets.shades_classic)
    : null;
  bar?.start(totalBytes, 0, { pages: 0, errors: 0 });

  const window = jobs * 4;
  const done = new Map<number, string>();
  const queue: ExtractTask[] = [];
  let nextToWrite = 0;
  let seq = 0;
  let pages = 0;
  let errors = 0;
  let bytesRead = 0;
  let wake: (() => void) | null = null;
  const notify = (): void => {
    const w = wake;
    wake = null;
    w?.();
  };

  const flush = (): void => {
    let line = done.get(nextToWrite);
    while (line !== undefined) {
      ctx.io.stdout.write(line + '\n');
      done.delete(nextToWrite);
      nextToWrite++;
      line = done.get(nextToWrite);
    }
  };
  const complete = (s: number, line: string, failed: boolean): void => {
    pages++;
    if (failed) errors++;
    done.set(s, line);
    flush();
    bar?.update(bytesRead, { pages, errors });
    notify();
  };

  const pool: PoolWorker[] = [];
  const dispatch = (): void => {
    for (const pw of pool) {
      if (pw.busy || queue.length === 0) continue;
      const task = queue.shift() as ExtractTask;
      pw.busy = task;
      pw.worker.postMessage(task);
    }
  };
  const spawn = (): PoolWorker => {
    const pw: PoolWorker = { worker: new Worker(WORKER_URL), busy: null };
    pw.worker.on('message', (r: ExtractTaskResult) => {
      pw.busy = null;
      complete(r.seq, r.line, r.failed);
      dispatch();
    });
    const onDeath = (reason: string): void => {
      const lost = pw.busy;
      pw.busy = null;
      const i = pool.indexOf(pw);
      if (i >= 0) pool.splice(i, 1);
      if (lost) complete(lost.seq, JSON.stringify({ id: lost.id, error: `worker failed: ${reason}` }), true);
      if (!closing) {
        pool.push(spawn());
        dispatch();
      }
    };
    pw.worker.on('error', (err) => onDeath(err.message));
    pw.worker.on('exit', (code) => {
      if (pool.includes(pw)) onDeath(`exited with code ${code}`);
    });
    return pw;
  };
  let closing = false;
  for (let i = 0; i < jobs; i++) pool.push(spawn());

  const rl = createInterface({ input: stream, crlfDelay: Infinity });
  for await (const raw of rl) {
    bytesRead += Buffer.byteLength(raw) + 1;
    if (!raw.trim()) continue;
    const s = seq++;
    let rec: { id?: unknown; url?: unknown; html?: unknown };
    try {
      rec = JSON.parse(raw) as typeof rec;
    } catch {
      complete(s, JSON.stringify({ id: null, error: 'invalid JSON line' }), true);
      continue;
    }
    const id = rec?.id ?? null;
    if (typeof rec?.html !== 'string') {
      complete(s, JSON.stringify({ id, error: 'missing "html" string' }), true);
      continue;
    }
    queue.push({ seq: s, id, url: typeof rec.url === 'string' ? rec.url : '', html: rec.html });
    dispatch();
    while (s - nextToWrite >= window) await new Promise<void>((r) => (wake = r));
  }
  while (nextToWrite < seq) await new Promise<void>((r) => (wake = r));
  closing = true;
  await Promise.all(pool.map((pw) => pw.worker.terminate()));
  bar?.update(totalBytes, { pages, errors });
  bar?.stop();
  if (errors > 0 && errors === pages) ctx.setExitCode(1);
}
