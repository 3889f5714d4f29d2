// The exit-code contract (DESIGN.md): 0 nothing blocks; 1 findings block; 2 could not run;
// 3 aborted, or approval needed in non-interactive mode.
import { DrydockError } from '../errors.js';

export const EXIT = Object.freeze({ OK: 0, BLOCKED: 1, CANNOT_RUN: 2, ABORTED: 3 });

export function exitCodeFor(error: unknown): number {
  if (!(error instanceof DrydockError)) return EXIT.CANNOT_RUN;
  switch (error.code) {
    case 'ABORTED':
    case 'CANCELLED':
    case 'APPROVAL_REQUIRED':
      return EXIT.ABORTED;
    case 'EXECUTION':
      return EXIT.BLOCKED;
    default:
      return EXIT.CANNOT_RUN;
  }
}
