/** Full-text job: fetch an article's page, extract, clean, sanitize and store it (see pipeline/ingest.fetchFullText). */
import { z } from 'zod';
import { defineJob } from '../queue.ts';

export const fullTextJob = defineJob({
  name: 'article.full-text',
  schema: z.object({ articleId: z.string().min(1).max(64) }),
  maxAttempts: 3,
  leaseMs: 2 * 60_000,
  backoffMs: 30_000,
});
