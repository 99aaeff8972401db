// STORE SYSTEM INFORMATION and STORE CPU ID: what the machine says about itself.
//
// ztab answers the way QEMU's TCG does (target/s390x/tcg/misc_helper.c): the current
// configuration level is 3 (a virtual machine), levels 1 and 2 describe a basic
// machine and an LPAR with the same CPUs, and 3.2.2 names a KVM guest with the control
// program identifier "KVM/Linux", which is how Linux tells KVM from z/VM. The layouts
// (offsets below) are the SYSIBs of the PoP, as Linux's asm/sysinfo.h reads them.
// Text fields are EBCDIC, padded with blanks.

import type { Cpu } from './cpu.ts';
import { PGM } from './pgm.ts';

/** Machine type reported by STIDP and SYSIB 1.1.1 (z196, the level of the installed facilities). */
export const MACHINE_TYPE = 0x2817;
const NAME = 'ZTAB';

// ASCII -> EBCDIC (code page 037) for the characters the SYSIBs use.
const EBCDIC: Record<string, number> = { ' ': 0x40, '/': 0x61, '.': 0x4b, '-': 0x60 };
for (let k = 0; k < 10; k++) EBCDIC[String(k)] = 0xf0 + k;
for (let k = 0; k < 26; k++) {
  const up = String.fromCharCode(65 + k), lo = String.fromCharCode(97 + k);
  const e = k < 9 ? 0xc1 + k : k < 18 ? 0xd1 + k - 9 : 0xe2 + k - 18;
  EBCDIC[up] = e;
  EBCDIC[lo] = e - 0x40;
}

function put(b: Uint8Array, off: number, s: string, len: number): void {
  for (let k = 0; k < len; k++) b[off + k] = k < s.length ? EBCDIC[s[k]!] ?? 0x40 : 0x40;
}

/**
 * Build the SYSIB for function code fc (1-3), selectors sel1/sel2 into `b` (4 KiB,
 * zeroed). Returns false for combinations that give CC 3.
 */
export function buildSysib(c: Cpu, fc: number, sel1: number, sel2: number, b: Uint8Array): boolean {
  const dv = new DataView(b.buffer, b.byteOffset, b.byteLength);
  let total = 0;
  for (const o of c.cpus) if (o) total++;
  const conf = total;
  if (fc === 1 && sel1 === 1 && sel2 === 1) {
    put(b, 32, NAME, 16); // manufacturer
    put(b, 48, MACHINE_TYPE.toString(16).toUpperCase(), 4);
    put(b, 64, NAME, 16); // model capacity identifier
    put(b, 80, NAME, 16); // sequence code
    put(b, 96, NAME, 4); // plant
    return true;
  }
  if ((fc === 1 || fc === 2) && sel1 === 2 && sel2 === 1) {
    put(b, 80, NAME + NAME + NAME + NAME, 16);
    put(b, 96, NAME, 4);
    dv.setUint16(102, c.cpuAddr);
    return true;
  }
  if (fc === 1 && sel1 === 2 && sel2 === 2) {
    dv.setUint32(32, 0x443afc29); // CPU capability, QEMU's value
    dv.setUint16(36, total);
    dv.setUint16(38, conf);
    dv.setUint16(42, total - conf);
    return true;
  }
  if (fc === 2 && sel1 === 2 && sel2 === 2) {
    b[35] = 0x80; // dedicated LPAR CPUs
    dv.setUint16(36, total);
    dv.setUint16(38, conf);
    dv.setUint16(42, total - conf);
    put(b, 44, NAME, 8);
    dv.setUint32(52, 1000);
    dv.setUint16(72, conf);
    return true;
  }
  if (fc === 3 && sel1 === 2 && sel2 === 2) {
    b[31] = 1; // one VM description
    const v = 32;
    dv.setUint16(v + 4, total);
    dv.setUint16(v + 6, conf);
    dv.setUint16(v + 10, total - conf);
    put(b, v + 12, 'ZTABVM', 8);
    dv.setUint32(v + 20, 1000);
    put(b, v + 24, 'KVM/Linux', 16);
    b[v + 43] = 2; // extended name is UTF-8
    const ext = 'ztabvm';
    for (let k = 0; k < ext.length; k++) b[2048 + k] = ext.charCodeAt(k);
    return true;
  }
  return false;
}

const SYSIB = new Uint8Array(4096);

/** STSI: GR0 function code and selector 1, GR1 selector 2, operand page at `a`. */
export function stsi(c: Cpu, a: number): void {
  const r0 = c.r[0]!, r1 = c.r[2]!;
  const fc = r0 >>> 28;
  if (fc > 3) { c.cc = 3; return; }
  // Reserved: GR0 bits 36-55, GR1 bits 32-47.
  if ((r0 & 0x0fffff00) !== 0 || (r1 & 0xffff0000) !== 0) c.pgm(PGM.SPECIFICATION);
  if (fc === 0) {
    c.r[0] = 0x30000000; // current level 3 in bits 32-35; QEMU replaces the whole register
    c.r[1] = 0;
    c.cc = 0;
    return;
  }
  if (a % 4096 !== 0) c.pgm(PGM.SPECIFICATION);
  SYSIB.fill(0);
  if (!buildSysib(c, fc, r0 & 0xff, r1 & 0xffff, SYSIB)) { c.cc = 3; return; }
  c.probe(a, 4096, true);
  const p = c.wa(a);
  c.u8.set(SYSIB, p);
  c.cc = 0;
}

/**
 * STORE CPU ID: version code, CPU identification (the CPU address in the digits QEMU
 * uses), machine type and the format bit (bit 48: format 1, as z/Architecture models).
 */
export function stidp(c: Cpu, a: number): void {
  if (a & 7) c.pgm(PGM.SPECIFICATION);
  const hi = (0x00 << 24) | ((c.cpuAddr & 0xff) << 16) | 0x0000;
  const lo = (MACHINE_TYPE << 16) | 0x8000;
  c.st64(a, hi >>> 0, lo >>> 0);
}
