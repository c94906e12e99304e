/**
 * A stoppable work loop: runs `tick` again at once while it finds work, sleeps `idleMs` when it found none, and
 * stops after the tick in flight when asked. `wake()` cuts a sleep short (new work arrived). Errors thrown by a
 * tick are handed to `onError` and the loop goes on after a sleep.
 */
export interface Poller {
  start(): void;
  wake(): void;
  /** Resolves once the tick in flight (if any) has finished. */
  stop(): Promise<void>;
}

export function createPoller(tick: () => Promise<number>, idleMs: number, onError: (err: unknown) => void): Poller {
  let running = false;
  let loop: Promise<void> | null = null;
  let wakeUp: (() => void) | null = null;

  async function run(): Promise<void> {
    while (running) {
      let found = 0;
      try {
        found = await tick();
      } catch (err) {
        onError(err);
      }
      if (!running) break;
      if (found === 0) {
        await new Promise<void>((resolve) => {
          const timer = setTimeout(resolve, idleMs);
          wakeUp = () => {
            clearTimeout(timer);
            resolve();
          };
        });
        wakeUp = null;
      }
    }
  }

  return {
    start() {
      if (running) return;
      running = true;
      loop = run();
    },
    wake() {
      wakeUp?.();
    },
    async stop() {
      running = false;
      wakeUp?.();
      await loop;
    },
  };
}
