/**
 * An expected failure of the guest builder: a missing tool, a failed download, a
 * package that cannot be found. main.ts prints its message as one line and exits
 * non-zero; anything else that escapes is a bug and keeps its stack trace.
 */
export class GuestError extends Error {
  override name = 'GuestError';
}
