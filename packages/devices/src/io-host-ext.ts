// Proposed additions to the CPU's IoHost interface (packages/cpu/src/io-host.ts), which
// IoSystem provides on top of IoHost. They live here because that file belongs to the
// CPU package; the machine can use them through IoSystem directly until then.

export interface IoHostExt {
  /**
   * GR 2 after the last diag500 call that did not ask for a program interruption, as two
   * 32-bit halves. QEMU answers a notification for a bad subchannel or queue with
   * -EINVAL (0xffffffffffffffea), which Linux tests as "cookie < 0"; IoHost.diag500 can
   * only return it as 0xffffffea because negative results mean -PGM. A CPU that sets
   * GR 2 from these fields gives the guest the full value.
   */
  readonly diag500Gpr2Hi: number;
  readonly diag500Gpr2Lo: number;
  /** A channel report word waits for STCRW: the CPU should make a CRW machine check pending. */
  crwPending(): boolean;
  /**
   * Called when an I/O interruption or service signal becomes pending outside a CPU
   * instruction (block backend completion, console input, quiesce request): wake a CPU
   * sleeping in an enabled wait. nextDeadline() stays Infinity because such work has no
   * known completion time.
   */
  onWake: (() => void) | null;
}
