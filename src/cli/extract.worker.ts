/**
 * Worker thread of `newsdesk extract --batch`: receives `{ seq, id, url, html }`, answers `{ seq, line }` where
 * `line` is the JSON output line for that input. Loaded through extract.worker.mjs (registers tsx).
 */
import { parentPort } from 'node:worker_threads';
import { extractArticle } from '../pipeline/extract/index.ts';

export interface ExtractTask {
  seq: number;
  id: unknown;
  url: string;
  html: string;
}

export interface ExtractTaskResult {
  seq: number;
  line: string;
  failed: boolean;
}

/** One batch input → its output line (never throws: a bug in extraction becomes an error line). */
export function runExtractTask(task: ExtractTask): ExtractTaskResult {
  try {
    const res = extractArticle(task.html, { url: task.url });
    if (!res.ok) return { seq: task.seq, failed: true, line: JSON.stringify({ id: task.id, error: `${res.error.kind}: ${res.error.message}` }) };
    const a = res.value;
    return {
      seq: task.seq,
      failed: false,
      line: JSON.stringify({ id: task.id, title: a.title, byline: a.byline, published: a.published, text: a.text, html: a.html }),
    };
  } catch (err) {
    return { seq: task.seq, failed: true, line: JSON.stringify({ id: task.id, error: `internal: ${err instanceof Error ? err.message : String(err)}` }) };
  }
}

parentPort?.on('message', (task: ExtractTask) => {
  parentPort?.postMessage(runExtractTask(task));
});
