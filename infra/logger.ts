import pino from 'pino';

/** The structured JSON logger type used across the service. */
export type Logger = pino.Logger;

/** Creates the service logger: one JSON object per line on stdout. */
export function createLogger(level: string, name = 'complaint-orchestrator'): Logger {
  return pino({ name, level, timestamp: pino.stdTimeFunctions.isoTime });
}
