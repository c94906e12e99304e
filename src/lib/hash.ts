/** Short stable hashes (SHA-256, base64url, 22 chars ≈ 128 bits) for identity keys and content change detection. */
import { createHash } from 'node:crypto';

export function shortHash(...parts: Array<string | null | undefined>): string {
  const h = createHash('sha256');
  for (const p of parts) h.update((p ?? '') + '\u0000');
  return h.digest('base64url').slice(0, 22);
}
