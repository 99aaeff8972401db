// The ztab side of the differential test: run one case in a CPU set up like the oracle's
// Linux process and describe the result as an Outcome.
//
// The CPU runs in the problem state in the 64-bit mode with the AFP-register control on,
// as a Linux process does. Its storage models the oracle process's address space: only
// the two buffer pages (read/write) and the page of the instruction (read-only, like
// program text) exist; anything else is a page-translation exception, which Linux turns
// into SIGSEGV just as qemu-user does for an unmapped page (or a protection exception in
// the reserved holes of the oracle's program image, where qemu-user reports SEGV_ACCERR).

import { Insn, TABLE } from '@ztab/isa';
import { Cpu, PROGRAM_CHECK } from '../cpu.ts';
import { DEFAULT_FACILITIES } from '../facilities.ts';
import { PGM } from '../pgm.ts';
import { SEMANTICS } from '../semantics/index.ts';
import { RAM_BASE, createMemory } from '../state.ts';
import { ENOSYS, initialBuffer, makePatterns, type Case } from './cases.ts';
import { BUF, BUF_SIZE, KIND_FALL, KIND_LAND, KIND_SIGNAL, RESERVED_END, TEXT_BASE } from './layout.ts';
import { hex16, makeOutcome, type Outcome } from './outcome.ts';

const RAM = 16 << 20;

/** A CPU whose storage has the oracle process's holes. */
export class UserCpu extends Cpu {
  /** Page number of the instruction under test (mapped read-only). */
  textPage = -1;
  /** Address of the last access that hit a hole, for si_addr. */
  faultAddr = 0;

  override translate(a: number, write: boolean): number {
    const page = Math.floor(a / 4096);
    if (page >= BUF / 4096 && page < (BUF + BUF_SIZE) / 4096) return a;
    if (page === this.textPage) {
      if (write) { this.faultAddr = a; return this.pgm(PGM.PROTECTION); }
      return a;
    }
    this.faultAddr = a;
    // Holes inside the oracle's reserved image span are inaccessible (see RESERVED_END).
    if (a >= TEXT_BASE && a < RESERVED_END) return this.pgm(PGM.PROTECTION);
    return this.pgm(PGM.PAGE_TRANSLATION);
  }
}

/** Signal and si_code qemu-user (and Linux) deliver for a program interruption. */
export function signalFor(code: number, dxc: number): [number, number] | null {
  switch (code & 0x7f) {
    case PGM.OPERATION: case PGM.PRIVILEGED: return [4, 1]; // SIGILL ILL_ILLOPC
    case PGM.EXECUTE: case PGM.SPECIFICATION: case PGM.SPECIAL_OPERATION: case PGM.OPERAND: return [4, 2]; // ILL_ILLOPN
    case PGM.PROTECTION: return [11, 2]; // SEGV_ACCERR
    case PGM.ADDRESSING: case PGM.SEGMENT_TRANSLATION: case PGM.PAGE_TRANSLATION: case PGM.ASCE_TYPE:
    case PGM.REGION_FIRST: case PGM.REGION_SECOND: case PGM.REGION_THIRD: return [11, 1]; // SEGV_MAPERR
    case PGM.FIXED_OVERFLOW: return [8, 2]; // FPE_INTOVF
    case PGM.FIXED_DIVIDE: return [8, 1]; // FPE_INTDIV
    case PGM.DATA:
      if (dxc === 0) return [4, 2];
      switch (dxc) {
        case 0x80: return [8, 7]; // FPE_FLTINV
        case 0x40: return [8, 3]; // FPE_FLTDIV
        case 0x20: case 0x28: case 0x2c: return [8, 4]; // FPE_FLTOVF
        case 0x10: case 0x18: case 0x1c: return [8, 5]; // FPE_FLTUND
        case 0x08: case 0x0c: return [8, 6]; // FPE_FLTRES
        default: return [8, 0];
      }
    default: return null;
  }
}

export class Runner {
  /** The CPU of the last case run. */
  cpu: UserCpu;
  readonly patterns = makePatterns();
  private code = -1;
  private readonly memory = createMemory(RAM);
  private readonly zero = new Uint8Array(4096);
  private readonly scratch = new Insn();

  constructor() {
    this.cpu = this.fresh();
  }

  /** A new CPU for every case (sharing the one memory), so no state leaks between cases. */
  private fresh(): UserCpu {
    const c = new UserCpu({ memory: this.memory, ramSize: RAM, facilities: DEFAULT_FACILITIES }, SEMANTICS);
    c.programHook = (cpu, code) => { this.code = code; cpu.stopReason = 'pgm'; };
    // The kernel's side of SVC: the numbers the generator uses are unassigned.
    c.svcHook = (cpu) => { cpu.r[5] = 0xffffffff; cpu.r[4] = -ENOSYS >>> 0; };
    return c;
  }

  private fetchFault(at: number): [number, number, string, string] | null {
    const c = this.cpu;
    try {
      c.fetch(at, this.scratch);
      return null;
    } catch (e) {
      if (e !== PROGRAM_CHECK) throw e;
      const s = signalFor(c.pgmCode, 0);
      if (!s) return [-c.pgmCode, 0, '', ''];
      const addr = s[0] === 11 ? c.faultAddr : at;
      return [s[0], s[1], hex16(Math.floor(addr / 4294967296), addr >>> 0), hex16(Math.floor(at / 4294967296), at >>> 0)];
    }
  }

  /** Run one case and describe what ztab did. */
  run(cs: Case): Outcome {
    const c = this.cpu = this.fresh();
    const init = initialBuffer(cs, this.patterns);
    // Flat storage: a mapped page's logical address is its absolute address.
    c.u8.set(init, RAM_BASE + BUF);
    const page = Math.floor(cs.addr / 4096);
    c.u8.set(this.zero, RAM_BASE + page * 4096);
    c.u8.set(cs.insn, RAM_BASE + cs.addr);
    c.textPage = page;
    c.r.set(cs.g);
    c.f.set(cs.f);
    c.ar.set(cs.a);
    c.fpc = cs.fpc;
    c.cc = cs.cc;
    c.pm = cs.pm;
    c.amode = 3;
    c.prob = true;
    c.dat = false;
    c.cr.fill(0);
    c.cr[0] = 0x00040000; // CR0 bit 45: AFP-register control, on in every Linux process
    c.tlbFlush();
    c.stopReason = null;
    c.ia = cs.addr;
    this.code = -1;
    c.faultAddr = 0;
    let k: number, sig: [number, number, string, string] | undefined, ia: string | undefined;
    try {
      c.step();
    } catch (e) {
      if (e === PROGRAM_CHECK) throw new Error('program check escaped the run loop');
      throw e;
    }
    if (this.code >= 0) {
      const s = signalFor(this.code, (c.fpc >>> 8) & 0xff);
      k = KIND_SIGNAL;
      if (!s) sig = [-this.code, 0, '', ''];
      else if (s[0] === 11) sig = [s[0], s[1], hex16(Math.floor(c.faultAddr / 4294967296), c.faultAddr >>> 0), hex16(0, c.cur)];
      else sig = [s[0], s[1], hex16(0, c.cur), hex16(0, c.cur + c.ilen)];
    } else if (c.ia === cs.addr + cs.insn.length) k = KIND_FALL;
    else if (c.ia === cs.land) k = KIND_LAND;
    else {
      // Gone elsewhere: the oracle fetched there next, and a fetch from a hole is its
      // SIGSEGV (with the PSW at the target). Do the same fetch.
      const fault = this.fetchFault(c.ia);
      if (fault) { k = KIND_SIGNAL; sig = fault; } else { k = 3; ia = c.ia.toString(16); }
    }
    const buf = c.u8.slice(RAM_BASE + BUF, RAM_BASE + BUF + BUF_SIZE);
    return makeOutcome(cs, init, {
      k, cc: c.cc, pm: c.pm, am: c.amode, g: c.r, f: c.f, a: c.ar, fpc: c.fpc, buf,
      ...(sig ? { sig } : {}), ...(ia !== undefined ? { ia } : {}),
    });
  }
}

export const ROW_BY_MN = new Map(TABLE.map((d, i) => [d.mn, i]));
