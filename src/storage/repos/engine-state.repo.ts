/**
 * Named snapshots of engine state (JSON text): the story clusterer, the per-host boilerplate learner; and leases
 * (which process runs a singleton engine). The only code that writes `engine_state`.
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

    /**
     * Takes or renews the lease `name` for `holder` (any unique process id): granted when nobody holds it, when
     * `holder` already does, or when the holder has not renewed it for `ttlMs`. One atomic upsert, so two processes
     * racing for a free lease cannot both get it.
     * @returns whether `holder` holds the lease now (until `now + ttlMs` unless renewed).
     */
    async tryLease(name: string, holder: string, ttlMs: number, now = Date.now()): Promise<boolean> {
      const key = `lease:${name}`;
      await db
        .insertInto('engine_state')
        .values({ name: key, state: holder, updated_at: now })
        .onConflict((oc) =>
          oc
            .column('name')
            .doUpdateSet({ state: holder, updated_at: now })
            .where((eb) => eb.or([eb('engine_state.state', '=', holder), eb('engine_state.updated_at', '<', now - ttlMs)])),
        )
        .execute();
      return (await this.load(key)) === holder;
    },

    /** Gives the lease up at once (a clean shutdown), when `holder` holds it. */
    async releaseLease(name: string, holder: string): Promise<void> {
      await db.deleteFrom('engine_state').where('name', '=', `lease:${name}`).where('state', '=', holder).execute();
    },
  };
}

export type EngineStateRepo = ReturnType<typeof createEngineStateRepo>;
