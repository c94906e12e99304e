import { test } from 'node:test';
import assert from 'node:assert/strict';
import { silentLogger } from '../lib/logger.ts';
import { createRepos } from '../storage/index.ts';
import { openTestDatabase } from '../storage/testing.ts';
import { removeRepeatedParagraphs } from '../pipeline/extract/index.ts';
import { createArticleCleaner } from './cleaning.service.ts';

const p1 = 'The bridge will reopen next month after repairs that lasted most of the summer, officials said.';
const p2 = 'Traffic will use the northern route until then, and buses will run every ten minutes.';

test('a body printed twice comes out once, in text and in HTML', () => {
  const html = `<p>${p1}</p><p>${p2}</p><p>${p1}</p><p>${p2}</p>`;
  const r = removeRepeatedParagraphs({ text: [p1, p2, p1, p2].join('\n\n'), html });
  assert.equal(r.removed, 2);
  assert.equal(r.text, `${p1}\n\n${p2}`);
  assert.equal(r.html, `<p>${p1}</p><p>${p2}</p>`);
  const untouched = removeRepeatedParagraphs({ text: `${p1}\n\n${p2}`, html: `<p>${p1}</p><p>${p2}</p>` });
  assert.equal(untouched.removed, 0);
});

test('site boilerplate is learnt across pages of a host, removed, and the learner survives a restart', async () => {
  const t = await openTestDatabase('sqlite');
  try {
    const repos = createRepos(t.database);
    const wall = 'Sign up to read this article and get unlimited access to our journalism.';
    const cleaner = await createArticleCleaner({ repos, logger: silentLogger() });
    let last = { text: '', html: '', removed: 0 };
    for (let i = 0; i < 5; i++) {
      const body = `Story number ${i} tells its own news about the river and the town council meeting.`;
      last = cleaner.clean(`https://paper.example/news/${i}`, { text: `${body}\n\n${wall}`, html: `<p>${body}</p><p>${wall}</p>` });
    }
    assert.equal(last.removed, 1);
    assert.doesNotMatch(last.text + last.html, /Sign up to read/);
    assert.match(last.text, /Story number 4/);
    // Another host has not shown it on enough pages: kept.
    const other = cleaner.clean('https://other.example/a', { text: `Hello there from another site.\n\n${wall}`, html: '' });
    assert.match(other.text, /Sign up to read/);
    await cleaner.flush();
    const again = await createArticleCleaner({ repos, logger: silentLogger() });
    const r = again.clean('https://paper.example/news/9', { text: `Fresh story about the harbour.\n\n${wall}`, html: `<p>Fresh story about the harbour.</p><p>${wall}</p>` });
    assert.equal(r.removed, 1, 'learnt state was persisted');
  } finally {
    await t.cleanup();
  }
});
