/**
 * Whole-corpus JSON Lines input for the engine commands (`copies --in`, `cluster --in`): every non-blank line is
 * parsed and validated with a zod schema; ids must be unique. The first bad line stops the run with its 1-based
 * line number, so a corpus is processed whole or not at all.
 */
import type { z } from 'zod';

export function parseJsonlCorpus<S extends z.ZodType<{ id: string }>>(
  content: string,
  schema: S,
): { ok: true; articles: Array<z.output<S>> } | { ok: false; error: string } {
  const articles: Array<z.output<S>> = [];
  const seen = new Set<string>();
  const lines = content.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!.trim();
    if (!line) continue;
    let json: unknown;
    try {
      json = JSON.parse(line);
    } catch {
      return { ok: false, error: `line ${i + 1}: not JSON` };
    }
    const r = schema.safeParse(json);
    if (!r.success) return { ok: false, error: `line ${i + 1}: ${r.error.issues.map((x) => `${x.path.join('.')}: ${x.message}`).join('; ')}` };
    if (seen.has(r.data.id)) return { ok: false, error: `line ${i + 1}: duplicate id ${JSON.stringify(r.data.id)}` };
    seen.add(r.data.id);
    articles.push(r.data);
  }
  return { ok: true, articles };
}
