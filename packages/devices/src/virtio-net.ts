// virtio-net (virtio 1.x section 5.1): receive queue 0, transmit queue 1, no control
// queue, no offloads. Every frame carries a virtio_net_hdr: 10 bytes for a legacy
// driver, 12 (with num_buffers) once VERSION_1 is negotiated. The link is up unless the
// host sets it down (as QEMU: up even without a peer); a change signals the driver.

import type { NetBackend } from './backends.ts';
import type { GuestRam } from './guest-ram.ts';
import { VirtioDevice } from './virtio.ts';

export const VIRTIO_ID_NET = 1;
export const VIRTIO_NET_F_MAC = 1 << 5;
export const VIRTIO_NET_F_STATUS = 1 << 16;
export const VIRTIO_NET_S_LINK_UP = 1;

/** Frames waiting for receive buffers before the oldest are dropped. */
export const NET_RX_BACKLOG = 256;
/** The largest frame accepted from either side (a jumbo-free ethernet frame with VLAN tag). */
export const NET_MAX_FRAME = 1518 + 4;

export class VirtioNet extends VirtioDevice {
  readonly deviceId = VIRTIO_ID_NET;
  readonly configLen = 8;
  private readonly cfg = new Uint8Array(8);
  readonly mac: Uint8Array;
  private backend: NetBackend | null = null;
  linkUp = true;
  private readonly rx: Uint8Array[] = [];
  /** Frames dropped for lack of receive buffers or size. */
  dropped = 0;

  constructor(ram: GuestRam, mac: Uint8Array, opts: { queueSize?: number } = {}) {
    const qs = opts.queueSize ?? 256;
    super(ram, [qs, qs], VIRTIO_NET_F_MAC | VIRTIO_NET_F_STATUS);
    this.mac = mac.slice(0, 6);
  }

  get hdrLen(): number { return this.modern ? 12 : 10; }

  /** Connect the backend; frames sent without one are dropped. */
  attach(backend: NetBackend | null): void {
    this.backend = backend;
    backend?.onReceive((f) => this.receive(f));
  }

  /** Host-side link state (cable pulled / plugged), signalled as a configuration change. */
  setLinkUp(up: boolean): void {
    if (up === this.linkUp) return;
    this.linkUp = up;
    this.configChanged();
  }

  readConfig(): Uint8Array {
    const c = this.cfg;
    c.set(this.mac, 0);
    this.put16(c, 6, this.linkUp ? VIRTIO_NET_S_LINK_UP : 0);
    return c;
  }

  protected override onReset(): void { this.rx.length = 0; }

  /** A frame from the backend for the guest. */
  receive(frame: Uint8Array): void {
    if (frame.length > NET_MAX_FRAME || frame.length === 0) { this.dropped++; return; }
    if (!(this.status & 4) || this.broken) { this.dropped++; return; }
    if (this.rx.length >= NET_RX_BACKLOG) { this.rx.shift(); this.dropped++; }
    this.rx.push(frame.slice());
    this.flushRx();
  }

  private flushRx(): void {
    const q = this.queues[0]!;
    let delivered = false;
    while (this.rx.length > 0 && q.ready) {
      const el = q.pop();
      if (!el) break;
      const frame = this.rx.shift()!;
      const hl = this.hdrLen;
      if (el.inBytes < hl + frame.length) {
        // QEMU drops a frame that does not fit the buffer it was given.
        this.dropped++;
        q.push(el, 0);
        delivered = true;
        continue;
      }
      const hdr = new Uint8Array(hl);
      if (this.modern) hdr[10] = 1; // num_buffers (little-endian)
      el.writeIn(this.ram, 0, hdr);
      el.writeIn(this.ram, hl, frame);
      q.push(el, hl + frame.length);
      delivered = true;
    }
    this.checkBroken(0);
    if (delivered) this.notifyQueue(0);
  }

  handleQueue(index: number): void {
    if (index === 0) { this.flushRx(); return; }
    if (index !== 1) return;
    const q = this.queues[1]!;
    let sent = false;
    for (let n = 0; n < q.num; n++) {
      const el = q.pop();
      if (!el) break;
      const hl = this.hdrLen;
      const total = el.outBytes;
      if (total < hl) { this.error(); return; }
      const len = total - hl;
      if (len > 0 && len <= NET_MAX_FRAME + 64) this.backend?.send(el.readOut(this.ram, hl, len));
      q.push(el, 0);
      sent = true;
    }
    if (sent) this.notifyQueue(1);
  }
}
