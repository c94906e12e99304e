/**
 * Debian's Chromium driven by playwright-core, launched the one way this project does it: headless, no sandbox
 * (root), no background networking, a fresh profile. CI installs chromium through .ci/run; elsewhere a missing
 * browser is a visible skip.
 */
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { requirePostgres } from '../../src/config/test-env.ts';

export const CHROMIUM = '/usr/bin/chromium';

/** Why browser tests cannot run here (a skip reason), or false. Under CI a missing browser is not skipped. */
export function browserSkip(): string | false {
  if (existsSync(CHROMIUM) || requirePostgres()) return false;
  return `${CHROMIUM} not installed (apt-get install -y chromium)`;
}

/** A browser context on a fresh profile (playwright takes --user-data-dir through launchPersistentContext). */
export async function launchChromium(viewport = { width: 1280, height: 1000 }): Promise<BrowserContext> {
  return chromium.launchPersistentContext(mkdtempSync(join(tmpdir(), 'newsdesk-chromium-')), {
    executablePath: CHROMIUM,
    viewport,
    headless: true,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}

let axeSource: string | undefined;

/**
 * WCAG 2.0/2.1 A and AA violations on the page as axe-core finds them, as `rule (impact): n× target` lines. Run
 * through the DevTools protocol, so the reader's CSP (no inline scripts) does not stop it and the page is unchanged.
 */
export async function accessibilityViolations(page: Page): Promise<string[]> {
  axeSource ??= readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
  return page.evaluate(
    `${axeSource}; axe.run(document, { runOnly: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] })
      .then((r) => r.violations.map((v) => v.id + ' (' + v.impact + '): ' + v.nodes.length + '× ' + v.nodes[0].target.join(' ')))`,
  ) as Promise<string[]>;
}
