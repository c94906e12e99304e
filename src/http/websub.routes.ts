/** WebSub subscriber callbacks: GET = the hub verifies intent; POST = the hub distributes content. */
import { Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import type { IngestDeps } from '../pipeline/ingest.ts';
import { receivePush, verifyIntent } from '../services/websub.service.ts';

/** Largest pushed feed document accepted, bytes (the fetcher's own cap for feeds). */
const MAX_PUSH_BYTES = 15 * 1024 * 1024;

export function websubRoutes(ingest: IngestDeps): Hono {
  const app = new Hono();
  app.get('/websub/callback/:feedId', async (c) => {
    const challenge = await verifyIntent(ingest, c.req.param('feedId'), {
      mode: c.req.query('hub.mode'),
      topic: c.req.query('hub.topic'),
      challenge: c.req.query('hub.challenge'),
      leaseSeconds: c.req.query('hub.lease_seconds'),
      reason: c.req.query('hub.reason'),
    });
    return challenge === null ? c.text('unknown subscription', 404) : c.text(challenge, 200);
  });
  app.post(
    '/websub/callback/:feedId',
    bodyLimit({ maxSize: MAX_PUSH_BYTES, onError: (c) => c.text('payload too large', 413) }),
    async (c) => {
      const body = new Uint8Array(await c.req.arrayBuffer());
      const r = await receivePush(ingest, c.req.param('feedId'), body, {
        signature: c.req.header('x-hub-signature'),
        contentType: c.req.header('content-type'),
      });
      return r.result === 'unknown' ? c.text('unknown subscription', 404) : c.body(null, 202);
    },
  );
  return app;
}
