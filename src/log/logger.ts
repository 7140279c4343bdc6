import { pino, type Logger } from 'pino';

/**
 * Structured logs (JSON lines). Rule: log ids, steps, counts and durations, never message
 * text, names, phone numbers or anything a person typed. `LOG_LEVEL` sets the level
 * (default `info`; tests use `silent`).
 */
export function createLogger(level = process.env.LOG_LEVEL ?? 'info'): Logger {
  return pino({ level, base: undefined, redact: { paths: ['text', '*.text', 'intake', '*.intake'], censor: '[redacted]' } });
}

export type { Logger };
