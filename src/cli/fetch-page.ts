/**
 * One page fetched for a CLI command (`extract <url>`) through the same SSRF-guarded client ingest uses, with the
 * configured limits. Failures throw with the fetcher's precise message.
 */
import type { Config } from '../config/index.ts';
import { createFetcher } from '../pipeline/fetch/index.ts';

export async function fetchPage(config: Config, url: string): Promise<{ url: string; body: Uint8Array; charset?: string }> {
  const fetcher = createFetcher({
    allowPrivate: config.fetchAllowPrivate,
    timeoutMs: config.fetchTimeoutMs,
    maxBytes: config.fetchMaxBytes,
    userAgent: config.userAgent,
  });
  try {
    const r = await fetcher.fetch({ url, accept: 'text/html,application/xhtml+xml;q=0.9,*/*;q=0.5' });
    if (!r.ok) throw new Error(`${r.error.kind}: ${r.error.message}`);
    if (r.status !== 200) throw new Error(`unexpected HTTP ${r.status}`);
    const charset = r.contentType?.match(/charset=["']?([\w.:-]+)/i)?.[1];
    return { url: r.url, body: r.body, ...(charset ? { charset } : {}) };
  } finally {
    await fetcher.close();
  }
}
