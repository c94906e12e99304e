/** Short stable hashes (SHA-256, base64url, 22 chars ≈ 128 bits) for identity keys and content change detection. */
import { createHash } from 'node:crypto';

export function shortHash(...parts: Array<string | null | undefined>): string {
  const h = createHash('sha256');
  for (const p of parts) h.update((p ?? '') + '\u0000');
  return h.digest('base64url').slice(0, 22);
}

/** SHA-256 of raw bytes (a fetched document), base64url, 22 chars ≈ 128 bits. */
export function bytesHash(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('base64url').slice(0, 22);
}
