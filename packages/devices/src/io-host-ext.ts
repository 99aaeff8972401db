// What IoSystem offers beyond the CPU's IoHost interface (packages/cpu/src/io-host.ts):
// the machine uses these directly (the CPU has no CRW machine checks yet).

export interface IoHostExt {
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
