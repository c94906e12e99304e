// Conformance-scorer adapter for the feed parser: node ../shared/tools/feed-conformance-score.mjs
//   --cases ../shared/data/feed-conformance-dev --adapter scripts/parse-adapter.mjs
import { register } from 'tsx/esm/api';

register();
const { parseFeed } = await import('../src/pipeline/parse/index.ts');

export async function parse(bytes, { url, contentType } = {}) {
  const r = parseFeed(bytes, { url: url || undefined, contentType: contentType || undefined });
  if (!r.ok) throw new Error(r.error.message);
  return r.value;
}
