// virtio-rng (virtio 1.x section 5.4): one request queue of device-writable buffers the
// device fills with bytes from the entropy backend.

import type { EntropyBackend } from './backends.ts';
import type { GuestRam } from './guest-ram.ts';
import { VirtioDevice } from './virtio.ts';

export const VIRTIO_ID_RNG = 4;
/** Bytes handed out per request at most (Linux asks for small amounts). */
export const RNG_MAX_REQUEST = 1 << 16;

export class VirtioRng extends VirtioDevice {
  readonly deviceId = VIRTIO_ID_RNG;
  readonly configLen = 0;
  private readonly empty = new Uint8Array(0);

  constructor(ram: GuestRam, readonly backend: EntropyBackend, opts: { queueSize?: number } = {}) {
    super(ram, [opts.queueSize ?? 8], 0);
  }

  readConfig(): Uint8Array { return this.empty; }

  handleQueue(index: number): void {
    if (index !== 0) return;
    const q = this.queues[0]!;
    let done = false;
    for (let n = 0; n < q.num; n++) {
      const el = q.pop();
      if (!el) break;
      const len = Math.min(el.inBytes, RNG_MAX_REQUEST);
      const buf = new Uint8Array(len);
      this.backend.fill(buf);
      el.writeIn(this.ram, 0, buf);
      q.push(el, len);
      done = true;
    }
    if (done) this.notifyQueue(0);
  }
}
