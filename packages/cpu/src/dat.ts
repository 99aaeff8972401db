// Dynamic address translation: the table walk from an address-space-control element
// (ASCE) through region-first/second/third, segment and page tables to a real address.
//
// The walk is pure: it reads tables and returns the real address or the code of the
// translation exception, so that LRA, TPROT, LPTEA-like callers and the TLB fill share
// it. Table entries are read as absolute addresses (the PoP leaves "real or absolute"
// unpredictable; QEMU reads them as absolute too) and never go through the TLB, keys or
// prefixing. Reference bits are not set for table accesses (the PoP permits either).
//
// Virtual addresses arrive as two 32-bit halves. Index fields (PoP, "Translation
// Process"): RFX bits 0-10, RSX 11-21, RTX 22-32, SX 33-43, PX 44-51, BX 52-63.

import type { Cpu } from './cpu.ts';
import { CR0 } from './lowcore.ts';
import { PGM } from './pgm.ts';
import { RAM_BASE } from './state.ts';

/** Side results of the last datWalk. */
export const W = {
  /** DAT protection found on the path (page, segment or, with EDAT-1, region). */
  prot: false,
  /** Absolute address of the last table entry read (LRA reports it for CC 1/2). */
  entry: 0,
  /** The exception came from the invalid bit of a segment (1) or page (2) table entry. */
  invalid: 0,
  /** The page-table entry (or the large-page segment-table entry) as halves, for LPTEA-like users. */
  eHi: 0,
  eLo: 0,
};

const TWO32 = 4294967296;

// Region/segment table entry bits (low word).
const E_P = 0x200;
const E_FC = 0x400;
const E_I = 0x20;
const E_CS = 0x10;
const E_TT = 0x0c;
const E_TF = 0xc0;
const E_TL = 0x03;
// Page-table entry bits.
const PTE_0 = 0x800;
const PTE_I = 0x400;
const PTE_P = 0x200;

let eh = 0;

/** Read the 8-byte table entry at absolute `a` (low word returned, high in eh), or -1. */
function entry(c: Cpu, a: number): number {
  if (a + 8 > c.ramSize) return -1;
  const p = RAM_BASE + a;
  eh = c.dv.getUint32(p);
  W.entry = a;
  return c.dv.getUint32(p + 4);
}

/**
 * Translate the virtual address ahi:alo through the ASCE asceHi:asceLo. Returns the
 * real address, or -code of the program exception the translation recognises
 * (a translation exception, translation specification, or addressing for a table
 * outside storage).
 */
export function datWalk(c: Cpu, ahi: number, alo: number, asceHi: number, asceLo: number): number {
  W.prot = false;
  W.invalid = 0;
  if (asceLo & 0x20) {
    // Real-space designation: the virtual address is the real address.
    return ahi * TWO32 + alo;
  }
  const edat = (c.cr[0]! & CR0.EDAT) !== 0 && c.facility[8] === 1;
  const priv = (asceLo & 0x100) !== 0;
  const tl = asceLo & 3;
  const rfx = ahi >>> 21;
  const rsx = (ahi >>> 10) & 0x7ff;
  const rtx = ((ahi & 0x3ff) << 1) | (alo >>> 31);
  const sx = (alo >>> 20) & 0x7ff;
  const px = (alo >>> 12) & 0xff;
  // A table origin above 4 GiB can never be in storage (guest storage is below 4 GiB).
  if (asceHi !== 0) return -PGM.ADDRESSING;
  let org = (asceLo & 0xfffff000) >>> 0;
  let e = 0;
  let level = (asceLo >>> 2) & 3; // 3 region-first, 2 region-second, 1 region-third, 0 segment
  switch (level) {
    case 3:
      if ((rfx >>> 9) > tl) return -PGM.REGION_FIRST;
      org += rfx * 8;
      break;
    case 2:
      if (rfx !== 0) return -PGM.ASCE_TYPE;
      if ((rsx >>> 9) > tl) return -PGM.REGION_SECOND;
      org += rsx * 8;
      break;
    case 1:
      if (rfx !== 0 || rsx !== 0) return -PGM.ASCE_TYPE;
      if ((rtx >>> 9) > tl) return -PGM.REGION_THIRD;
      org += rtx * 8;
      break;
    default:
      if (rfx !== 0 || rsx !== 0 || rtx !== 0) return -PGM.ASCE_TYPE;
      if ((sx >>> 9) > tl) return -PGM.SEGMENT_TRANSLATION;
      org += sx * 8;
  }
  // Region levels: 3 reads a region-first entry and indexes the region-second table, ...
  while (level > 0) {
    e = entry(c, org);
    if (e < 0) return -PGM.ADDRESSING;
    const code = level === 3 ? PGM.REGION_FIRST : level === 2 ? PGM.REGION_SECOND : PGM.REGION_THIRD;
    if (e & E_I) return -code;
    if (((e & E_TT) >>> 2) !== level) return -PGM.TRANSLATION_SPEC;
    if (edat && (e & E_P)) W.prot = true;
    const nx = level === 3 ? rsx : level === 2 ? rtx : sx;
    const ncode = level === 3 ? PGM.REGION_SECOND : level === 2 ? PGM.REGION_THIRD : PGM.SEGMENT_TRANSLATION;
    const top = nx >>> 9;
    if (top < ((e & E_TF) >>> 6) || top > (e & E_TL)) return -ncode;
    if (eh !== 0) return -PGM.ADDRESSING;
    org = ((e & 0xfffff000) >>> 0) + nx * 8;
    level--;
  }
  e = entry(c, org);
  if (e < 0) return -PGM.ADDRESSING;
  if (e & E_I) { W.invalid = 1; return -PGM.SEGMENT_TRANSLATION; }
  if (e & E_TT) return -PGM.TRANSLATION_SPEC;
  if ((e & E_CS) && priv) return -PGM.TRANSLATION_SPEC;
  if (e & E_P) W.prot = true;
  if (edat && (e & E_FC)) {
    // EDAT-1 large page: the segment-frame absolute address is bits 0-43.
    W.eHi = eh; W.eLo = e;
    return eh * TWO32 + ((e & 0xfff00000) >>> 0) + (alo & 0xfffff);
  }
  if (eh !== 0) return -PGM.ADDRESSING;
  const pte = entry(c, ((e & 0xfffff800) >>> 0) + px * 8);
  if (pte < 0) return -PGM.ADDRESSING;
  W.eHi = eh; W.eLo = pte;
  if (pte & PTE_I) { W.invalid = 2; return -PGM.PAGE_TRANSLATION; }
  if (pte & PTE_0) return -PGM.TRANSLATION_SPEC;
  if (pte & PTE_P) W.prot = true;
  return eh * TWO32 + ((pte & 0xfffff000) >>> 0) + (alo & 0xfff);
}
