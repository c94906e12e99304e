import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig, redactConfig, ConfigError } from './index.ts';

test('defaults apply when nothing is set', () => {
  const c = loadConfig({});
  assert.equal(c.port, 8080);
  assert.equal(c.host, '127.0.0.1');
  assert.equal(c.dataDir, './data');
  assert.equal(c.databaseUrl, '');
});

test('environment overrides, *_FILE secrets are read, secrets are redacted', () => {
  const dir = mkdtempSync(join(tmpdir(), 'nd-config-'));
  writeFileSync(join(dir, 'secret'), 's3cret\n');
  const c = loadConfig({
    NEWSDESK_PORT: '9090',
    NEWSDESK_SESSION_SECRET_FILE: join(dir, 'secret'),
    DATABASE_URL: 'postgres://u:pw@db/x',
    NEWSDESK_FETCH_ALLOW_PRIVATE: '127.0.0.1, 10.0.0.0/8',
  });
  assert.equal(c.port, 9090);
  assert.equal(c.sessionSecret, 's3cret');
  assert.deepEqual(c.fetchAllowPrivate, ['127.0.0.1', '10.0.0.0/8']);
  const shown = redactConfig(c);
  assert.equal(shown.sessionSecret, '[redacted]');
  assert.equal(shown.databaseUrl, 'postgres://u:[redacted]@db/x');
});

test('an invalid value names the env var and what is allowed', () => {
  assert.throws(() => loadConfig({ NEWSDESK_PORT: '70000' }), (err: Error) => {
    assert.ok(err instanceof ConfigError);
    assert.match(err.message, /NEWSDESK_PORT/);
    assert.match(err.message, /65535/);
    return true;
  });
  assert.throws(() => loadConfig({ NEWSDESK_LOG_LEVEL: 'loud' }), /NEWSDESK_LOG_LEVEL.*"info"/s);
  assert.throws(() => loadConfig({ DATABASE_URL: 'mysql://x' }), /DATABASE_URL.*postgres/);
  assert.throws(() => loadConfig({ NEWSDESK_FETCH_ALLOW_PRIVATE: '10.0.0.0/33' }), /NEWSDESK_FETCH_ALLOW_PRIVATE.*CIDR/);
  assert.throws(() => loadConfig({ NEWSDESK_FETCH_ALLOW_PRIVATE: 'intranet.local' }), /NEWSDESK_FETCH_ALLOW_PRIVATE/);
});

test('a config file sets values and rejects unknown keys', () => {
  const dir = mkdtempSync(join(tmpdir(), 'nd-config-'));
  writeFileSync(join(dir, 'ok.json'), JSON.stringify({ port: 7000 }));
  writeFileSync(join(dir, 'bad.json'), JSON.stringify({ prot: 7000 }));
  assert.equal(loadConfig({}, join(dir, 'ok.json')).port, 7000);
  assert.equal(loadConfig({ NEWSDESK_PORT: '7100' }, join(dir, 'ok.json')).port, 7100);
  assert.throws(() => loadConfig({}, join(dir, 'bad.json')), /unknown key "prot"/);
});
