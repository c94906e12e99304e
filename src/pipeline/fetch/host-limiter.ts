/**
 * A keyed semaphore with a minimum spacing between starts: at most `concurrency` holders per key at once, and
 * successive acquisitions of one key start at least `minDelayMs` apart. Used to be polite to each host.
 */

interface KeyState {
  active: number;
  /** Epoch ms of the last start for this key. */
  lastStart: number;
  waiters: Array<() => void>;
  timer: NodeJS.Timeout | null;
}

export interface HostLimiter {
  /**
   * Waits for a slot for `key` (a host name) and resolves to its release function; call it exactly once
   * (extra calls are ignored). Waiters are served in FIFO order per key.
   */
  acquire(key: string): Promise<() => void>;
  /** Keys with active holders or waiters (for tests and diagnostics). */
  size(): number;
}

/**
 * Creates a {@link HostLimiter}.
 * @param concurrency holders per key at once, ≥ 1.
 * @param minDelayMs minimum milliseconds between two starts on one key, ≥ 0.
 * @throws RangeError on invalid arguments.
 */
export function createHostLimiter(concurrency: number, minDelayMs: number): HostLimiter {
  if (!Number.isInteger(concurrency) || concurrency < 1) throw new RangeError(`concurrency must be ≥ 1, got ${concurrency}`);
  if (!Number.isFinite(minDelayMs) || minDelayMs < 0) throw new RangeError(`minDelayMs must be ≥ 0, got ${minDelayMs}`);
  const states = new Map<string, KeyState>();

  const pump = (key: string, state: KeyState): void => {
    while (state.waiters.length > 0 && state.active < concurrency && state.timer === null) {
      const wait = state.lastStart + minDelayMs - Date.now();
      if (minDelayMs > 0 && wait > 0) {
        state.timer = setTimeout(() => {
          state.timer = null;
          pump(key, state);
        }, wait);
        return;
      }
      const next = state.waiters.shift();
      state.active += 1;
      state.lastStart = Date.now();
      next?.();
    }
    if (state.active === 0 && state.waiters.length === 0 && state.timer === null) {
      // Keep an idle key until its spacing has elapsed, or the next request could start too early.
      const wait = state.lastStart + minDelayMs - Date.now();
      if (minDelayMs > 0 && wait > 0) {
        state.timer = setTimeout(() => {
          state.timer = null;
          pump(key, state);
        }, wait);
        state.timer.unref(); // an idle key must not keep the process alive
      } else {
        states.delete(key);
      }
    }
  };

  return {
    acquire(key) {
      let state = states.get(key);
      if (!state) {
        state = { active: 0, lastStart: -Infinity, waiters: [], timer: null };
        states.set(key, state);
      }
      const s = state;
      return new Promise((resolve) => {
        s.waiters.push(() => {
          let released = false;
          resolve(() => {
            if (released) return;
            released = true;
            s.active -= 1;
            pump(key, s);
          });
        });
        s.timer?.ref(); // a pending waiter keeps the process alive, even behind an idle key's timer
        pump(key, s);
      });
    },
    size: () => states.size,
  };
}
