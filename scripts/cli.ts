/**
 * What a one-shot command does at its end: exits with the code `main` returns (0 done, 2 refused with a
 * message), 1 with the message of a configuration error or the stack of anything else.
 */
import { ConfigError } from '../infra/config';

/** Writes why a command refuses, for its exit code 2. */
export function refuse(message: string): number {
  process.stderr.write(`${message}\n`);
  return 2;
}

/** Runs a command's `main` and exits with its code. */
export function runCommand(main: () => Promise<number>): void {
  main().then(
    (code) => process.exit(code),
    (error: unknown) => {
      process.stderr.write(`${error instanceof ConfigError ? error.message : (error as Error).stack}\n`);
      process.exit(1);
    },
  );
}
