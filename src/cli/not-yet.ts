import { NotImplementedError } from '../domain/errors.js';

/** The action of a command whose issue has not landed: it says so and exits 1. */
export function notYet(command: string, issue: number, what: string) {
  return async (): Promise<never> => {
    throw new NotImplementedError(
      `divbot ${command}: not available yet — ${what} lands with issue #${issue}`,
    );
  };
}
