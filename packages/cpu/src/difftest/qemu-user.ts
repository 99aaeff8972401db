// Running a test program under qemu-s390x for the oracle harnesses. QEMU 7.2's user mode
// now and then never finishes a run it finished a moment before (seen once in CI: the
// general oracle's chunk, normally 2 s, still spinning after 6 minutes). A synchronous
// child that never exits would hang the whole test run, since a test timeout cannot
// interrupt it; so each run is bounded, and a run that overstays is tried again.
import { execFileSync } from 'node:child_process';

/** Longest a single oracle run may take; the slowest takes a few seconds. */
const RUN_MS = 120_000;
const ATTEMPTS = 3;

/** stdout of `qemu-s390x args...`; throws if it fails, or overstays ATTEMPTS times. */
export function qemuUser(args: string[], opts: { input?: Uint8Array; maxBuffer?: number; timeoutMs?: number } = {}): Buffer {
  const ms = opts.timeoutMs ?? RUN_MS;
  for (let k = 1; ; k++) {
    try {
      return execFileSync('qemu-s390x', args, { input: opts.input, maxBuffer: opts.maxBuffer ?? 1 << 30, timeout: ms, killSignal: 'SIGKILL' });
    } catch (e) {
      const err = e as NodeJS.ErrnoException & { signal?: string | null };
      const overstayed = err.code === 'ETIMEDOUT' || err.signal === 'SIGKILL';
      if (!overstayed) throw e;
      if (k >= ATTEMPTS) throw new Error(`qemu-s390x ${args.join(' ')}: still running after ${ms / 1000} s, ${ATTEMPTS} times`);
    }
  }
}
