/** Structured logs (pino) to stderr, so stdout stays clean for commands that print JSON. */
import { pino, type Logger } from 'pino';

export type { Logger };

export function createLogger(level: string, name = 'newsdesk'): Logger {
  return pino({ name, level }, pino.destination({ dest: 2, sync: false }));
}

/** A logger that drops everything (tests, library use). */
export function silentLogger(): Logger {
  return pino({ level: 'silent' });
}
