// Bounds-checked access to guest absolute storage for the device side.
//
// Every address a device model touches comes from the guest (SCCB, ORB, CCW, IDAW,
// virtqueue descriptor), so nothing here may throw or reach outside the RAM view. Loads
// outside RAM return 0 and stores are dropped; both set the sticky `fault` flag so that
// the caller can turn the access into the architected error (program check, channel
// program check, virtio device error) after the fact, or callers check `ok()` first.

/** 2^32, for composing 64-bit guest addresses from two 32-bit halves. */
const TWO32 = 4294967296;

/**
 * A 64-bit guest address as a JS number. Addresses at or above 2^53 cannot be exact, and
 * no RAM lives there, so they collapse to one value that every bounds check rejects.
 */
export function addr64(hi: number, lo: number): number {
  hi >>>= 0;
  if (hi >= 0x200000) return Number.MAX_SAFE_INTEGER;
  return hi * TWO32 + (lo >>> 0);
}

export class GuestRam {
  readonly u8: Uint8Array;
  readonly size: number;
  private readonly dv: DataView;
  /** Set by any out-of-range access; cleared by the caller. */
  fault = false;
  /**
   * Told about every bulk write (DMA of data buffers: write() and fill()), so that code
   * translated from those bytes can be dropped. Control-block stores (w8..w64) are not
   * reported: guests do not execute their rings and status blocks.
   */
  onWrite: ((a: number, len: number) => void) | null = null;

  constructor(u8: Uint8Array) {
    this.u8 = u8;
    this.size = u8.length;
    this.dv = new DataView(u8.buffer, u8.byteOffset, u8.byteLength);
  }

  /** Whether [addr, addr+len) lies inside RAM (len may be 0). */
  ok(addr: number, len: number): boolean {
    return addr >= 0 && len >= 0 && addr <= this.size && len <= this.size - addr;
  }

  private chk(addr: number, len: number): boolean {
    if (addr >= 0 && addr <= this.size - len) return true;
    this.fault = true;
    return false;
  }

  r8(a: number): number { return this.chk(a, 1) ? this.u8[a]! : 0; }
  r16(a: number): number { return this.chk(a, 2) ? this.dv.getUint16(a, false) : 0; }
  r32(a: number): number { return this.chk(a, 4) ? this.dv.getUint32(a, false) : 0; }
  r16le(a: number): number { return this.chk(a, 2) ? this.dv.getUint16(a, true) : 0; }
  r32le(a: number): number { return this.chk(a, 4) ? this.dv.getUint32(a, true) : 0; }
  /** Big-endian doubleword as an address number (see addr64). */
  r64addr(a: number): number { return this.chk(a, 8) ? addr64(this.dv.getUint32(a, false), this.dv.getUint32(a + 4, false)) : 0; }
  /** Little-endian doubleword as an address number. */
  r64addrLe(a: number): number { return this.chk(a, 8) ? addr64(this.dv.getUint32(a + 4, true), this.dv.getUint32(a, true)) : 0; }

  w8(a: number, v: number): void { if (this.chk(a, 1)) this.u8[a] = v; }
  w16(a: number, v: number): void { if (this.chk(a, 2)) this.dv.setUint16(a, v, false); }
  w32(a: number, v: number): void { if (this.chk(a, 4)) this.dv.setUint32(a, v >>> 0, false); }
  w16le(a: number, v: number): void { if (this.chk(a, 2)) this.dv.setUint16(a, v, true); }
  w32le(a: number, v: number): void { if (this.chk(a, 4)) this.dv.setUint32(a, v >>> 0, true); }
  w64(a: number, hi: number, lo: number): void {
    if (this.chk(a, 8)) { this.dv.setUint32(a, hi >>> 0, false); this.dv.setUint32(a + 4, lo >>> 0, false); }
  }

  /** Copy guest bytes into `dst` (all or nothing). */
  read(a: number, dst: Uint8Array, off = 0, len = dst.length - off): boolean {
    if (!this.chk(a, len) || off < 0 || off + len > dst.length) { this.fault = true; return false; }
    dst.set(this.u8.subarray(a, a + len), off);
    return true;
  }

  /** Copy `src` bytes into guest storage (all or nothing). */
  write(a: number, src: Uint8Array, off = 0, len = src.length - off): boolean {
    if (!this.chk(a, len) || off < 0 || off + len > src.length) { this.fault = true; return false; }
    this.u8.set(src.subarray(off, off + len), a);
    this.onWrite?.(a, len);
    return true;
  }

  fill(a: number, len: number, v: number): boolean {
    if (!this.chk(a, len)) return false;
    this.u8.fill(v, a, a + len);
    this.onWrite?.(a, len);
    return true;
  }
}
