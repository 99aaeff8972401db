// virtio-console (virtio 1.x section 5.3) with one port and no multiport: receive queue
// 0 carries host input to the guest (/dev/hvc0), transmit queue 1 guest output.

import type { ConsoleBackend } from './backends.ts';
import type { GuestRam } from './guest-ram.ts';
import { VirtioDevice } from './virtio.ts';

export const VIRTIO_ID_CONSOLE = 3;
/** Input bytes held while the guest has no receive buffers. */
export const CONSOLE_INPUT_MAX = 4096;

export class VirtioConsole extends VirtioDevice {
  readonly deviceId = VIRTIO_ID_CONSOLE;
  /** cols u16, rows u16, max_nr_ports u32, emerg_wr u32. */
  readonly configLen = 12;
  private readonly cfg = new Uint8Array(12);
  private pendingIn = new Uint8Array(0);
  backend: ConsoleBackend | null;

  constructor(ram: GuestRam, backend: ConsoleBackend | null = null, opts: { queueSize?: number } = {}) {
    const qs = opts.queueSize ?? 128;
    super(ram, [qs, qs], 0);
    this.backend = backend;
  }

  readConfig(): Uint8Array {
    this.cfg.fill(0);
    this.put32(this.cfg, 4, 1);
    return this.cfg;
  }

  protected override onReset(): void { this.pendingIn = new Uint8Array(0); }

  /** Host keystrokes; returns how many bytes were taken. */
  input(bytes: Uint8Array): number {
    const room = CONSOLE_INPUT_MAX - this.pendingIn.length;
    const n = Math.min(room, bytes.length);
    if (n <= 0) return 0;
    const next = new Uint8Array(this.pendingIn.length + n);
    next.set(this.pendingIn);
    next.set(bytes.subarray(0, n), this.pendingIn.length);
    this.pendingIn = next;
    this.flushIn();
    return n;
  }

  private flushIn(): void {
    const q = this.queues[0]!;
    let done = false;
    while (this.pendingIn.length > 0 && q.ready && (this.status & 4)) {
      const el = q.pop();
      if (!el) break;
      const n = el.writeIn(this.ram, 0, this.pendingIn, 0, Math.min(el.inBytes, this.pendingIn.length));
      this.pendingIn = this.pendingIn.slice(n);
      q.push(el, n);
      done = true;
    }
    this.checkBroken(0);
    if (done) this.notifyQueue(0);
  }

  handleQueue(index: number): void {
    if (index === 0) { this.flushIn(); return; }
    if (index !== 1) return;
    const q = this.queues[1]!;
    let done = false;
    for (let n = 0; n < q.num; n++) {
      const el = q.pop();
      if (!el) break;
      const len = Math.min(el.outBytes, 1 << 20);
      if (len > 0) this.backend?.write(el.readOut(this.ram, 0, len));
      q.push(el, 0);
      done = true;
    }
    if (done) this.notifyQueue(1);
  }
}
