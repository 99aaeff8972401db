// The boundary between the CPU and the machine's I/O side. The CPU package knows nothing
// about devices: its privileged I/O instructions (SERVC, the channel-subsystem
// instructions, CHSC, DIAGNOSE 0x500) call this interface, and it asks the interface
// for pending interruptions. packages/devices implements it; packages/machine wires it.
//
// Addresses given to the host are ABSOLUTE (the CPU has already applied DAT/prefixing
// and checked the access for the operand the instruction itself fetches or stores, where
// the architecture says the CPU does). Return values: a condition code 0..3, or a
// negative number -PGM.x meaning "raise this program interruption" (e.g. -PGM.OPERAND).

export interface IoInterruption {
  /** Subchannel-identification word (stored at lowcore 0xb8). */
  sid: number;
  /** Interruption parameter from the ORB (lowcore 0xbc). */
  param: number;
  /** Interruption-identification word: ISC in bits 2-4, adapter bit 0 (lowcore 0xc0). */
  word: number;
}

export interface IoHost {
  /** SERVICE CALL with command word `command` and SCCB at absolute `sccb`. */
  servc(command: number, sccb: number): number;

  /** START SUBCHANNEL: `sid` from GPR 1, ORB at absolute `orb`. */
  ssch(sid: number, orb: number): number;
  /** STORE SUBCHANNEL into a 52-byte SCHIB at absolute `schib`. */
  stsch(sid: number, schib: number): number;
  /** MODIFY SUBCHANNEL from the SCHIB at absolute `schib`. */
  msch(sid: number, schib: number): number;
  /** TEST SUBCHANNEL into the IRB at absolute `irb`. */
  tsch(sid: number, irb: number): number;
  csch(sid: number): number;
  hsch(sid: number): number;
  xsch(sid: number): number;
  rsch(sid: number): number;
  /** STORE CHANNEL REPORT WORD at absolute `addr` (CC 0 stored, 1 none pending). */
  stcrw(addr: number): number;
  /** CHANNEL SUBSYSTEM CALL with the request block at absolute `block`. */
  chsc(block: number): number;

  /**
   * DIAGNOSE 0x500 (KVM hypercalls; function code in GPR 1, arguments GPR 2..4).
   * Returns 0 when the call completed, with the value for GPR 2 in diag500Gpr2Hi/Lo
   * (a full 64-bit value: QEMU answers a bad notification with -EINVAL, which Linux
   * tests as negative), or a negative -PGM code.
   */
  diag500(fn: number, a2hi: number, a2lo: number, a3hi: number, a3lo: number, a4hi: number, a4lo: number): number;
  /** GPR 2 after the last diag500 that completed, as halves. */
  readonly diag500Gpr2Hi: number;
  readonly diag500Gpr2Lo: number;

  /**
   * The highest-priority pending I/O interruption whose ISC is enabled in `iscMask`
   * (CR6 bits 32-39 as an 8-bit mask, ISC 0 = 0x80), removed from the pending set; or
   * null. The TPI instruction and interruption delivery both use it.
   */
  takeIo(iscMask: number): IoInterruption | null;
  /** Whether any I/O interruption is pending for `iscMask` (without taking it). */
  ioPending(iscMask: number): boolean;

  /**
   * The parameter of a pending service-signal external interruption (SCCB address with
   * the event-pending bit), removed; or -1 when none is pending.
   */
  takeServiceSignal(): number;
  serviceSignalPending(): boolean;

  /**
   * Earliest host time (performance.now() milliseconds) at which some asynchronous device
   * work completes, or Infinity; an enabled-wait CPU sleeps until then or a timer.
   */
  nextDeadline(): number;
}
