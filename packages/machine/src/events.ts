// What a running machine tells its host (the CLI now, the browser worker later). Plain
// data, so that it can cross a worker boundary by structured clone.

export interface MachineExit {
  /** Process exit status the CLI uses: 0 power-off or reboot with -no-reboot, 1 a guest failure. */
  code: number;
  reason: 'poweroff' | 'reboot' | 'disabled-wait' | 'halted' | 'error';
  message: string;
  /** PSW mask halves and instruction address of the CPU that ended the run, when one did. */
  psw?: [number, number, number];
}

export type MachineStatus =
  | { kind: 'ipl'; count: number; entry: number }
  | { kind: 'reboot'; subcode: number }
  /** The JIT finished loading (ready) or could not be loaded (the interpreter goes on alone). */
  | { kind: 'jit'; ready: boolean; error?: string }
  | { kind: 'exit'; exit: MachineExit };

export interface MachineEvents {
  /** Bytes the guest wrote to the SCLP VT220 console. */
  console?(bytes: Uint8Array): void;
  status?(s: MachineStatus): void;
}
