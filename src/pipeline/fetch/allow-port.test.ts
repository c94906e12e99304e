import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createFetcher } from './index.ts';

async function listen(): Promise<{ server: Server; port: number }> {
  const server = createServer((_req, res) => res.end('ok'));
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  return { server, port: (server.address() as AddressInfo).port };
}

test('an ip:port allow-list entry permits that port only', async () => {
  const allowed = await listen();
  const other = await listen();
  const fetcher = createFetcher({ allowPrivate: [`127.0.0.1:${allowed.port}`], timeoutMs: 5000, maxBytes: 1024, userAgent: 't' });
  try {
    const ok = await fetcher.fetch({ url: `http://127.0.0.1:${allowed.port}/` });
    assert.equal(ok.ok, true);
    const blocked = await fetcher.fetch({ url: `http://127.0.0.1:${other.port}/` });
    assert.equal(blocked.ok, false);
    assert.equal(!blocked.ok && blocked.error.kind, 'blocked-address');
  } finally {
    await fetcher.close();
    allowed.server.close();
    other.server.close();
  }
});
