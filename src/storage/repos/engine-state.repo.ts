/**
 * Named snapshots of engine state (JSON text): the story clusterer, the per-host boilerplate learner. The only code
 * that writes `engine_state`.
 */
import type { Kysely } from 'kysely';
import type { Schema } from '../schema.ts';

export function createEngineStateRepo(db: Kysely<Schema>) {
  return {
    /** The snapshot saved under `name`, or undefined. */
    async load(name: string): Promise<string | undefined> {
      return (await db.selectFrom('engine_state').select('state').where('name', '=', name).executeTakeFirst())?.state;
    },

    async save(name: string, state: string, now = Date.now()): Promise<void> {
      await db
        .insertInto('engine_state')
        .values({ name, state, updated_at: now })
        .onConflict((oc) => oc.column('name').doUpdateSet({ state, updated_at: now }))
        .execute();
    },
  };
}

export type EngineStateRepo = ReturnType<typeof createEngineStateRepo>;
