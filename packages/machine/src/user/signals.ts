// Signals: program interruptions mapped to the signal Linux (and qemu-user) sends, the
// s390x signal frames of arch/s390/kernel/signal.c (rt_sigframe for SA_SIGINFO
// handlers, the old sigframe otherwise), sigreturn/rt_sigreturn, and default actions.

import { PGM, RAM_BASE } from '@ztab/cpu';
import { SA, SI, SIG } from './abi.ts';
import type { Kernel } from './kernel.ts';
import { NO_RETURN, setReg, type SyscallResult } from './kernel.ts';

export interface SigAction { handler: number; flags: number; restorer: number; maskLo: number; maskHi: number }

/** Default action is to dump core (and the shell reports "core dumped"). */
const CORE = new Set<number>([SIG.QUIT, SIG.ILL, SIG.TRAP, SIG.ABRT, SIG.BUS, SIG.FPE, SIG.SEGV, SIG.XCPU, SIG.XFSZ, SIG.SYS]);
/** Default action is to ignore (stop/continue signals are ignored too: no job control here). */
const IGNORE = new Set<number>([SIG.CHLD, SIG.CONT, SIG.URG, SIG.WINCH, SIG.STOP, SIG.TSTP, SIG.TTIN, SIG.TTOU]);

const RT_FRAME = 808;     // rt_sigframe without _sigregs_ext (no vector registers)
const RT_INFO = 168;
const RT_UC = 296;
const UC_STACK = 16;
const UC_MCONTEXT = 40;
const UC_SIGMASK = 384;
const OLD_FRAME = 536;    // sigframe without _sigregs_ext
const OLD_SC = 160;
const OLD_SREGS = 176;
const OLD_SIGNO = 520;
const OLD_SVC = 528;

export function isBlocked(k: Kernel, sig: number): boolean {
  const p = k.proc;
  return sig <= 32 ? ((p.maskLo >>> (sig - 1)) & 1) !== 0 : ((p.maskHi >>> (sig - 33)) & 1) !== 0;
}

/** A program interruption of the running process. */
export function programCheck(k: Kernel, code: number): void {
  const c = k.cpu;
  const pc = c.cur;
  let sig: number, si: number, addr = pc;
  switch (code & 0x7f) {
    case PGM.OPERATION: case PGM.PRIVILEGED:
      sig = SIG.ILL; si = SI.ILL_ILLOPC; break;
    case PGM.EXECUTE: case PGM.SPECIFICATION: case PGM.SPECIAL_OPERATION: case PGM.OPERAND:
      sig = SIG.ILL; si = SI.ILL_ILLOPN; break;
    case PGM.FIXED_OVERFLOW: sig = SIG.FPE; si = SI.FPE_INTOVF; break;
    case PGM.FIXED_DIVIDE: sig = SIG.FPE; si = SI.FPE_INTDIV; break;
    case PGM.DECIMAL_OVERFLOW: sig = SIG.FPE; si = SI.FPE_INTOVF; break;
    case PGM.DECIMAL_DIVIDE: sig = SIG.FPE; si = SI.FPE_INTDIV; break;
    case PGM.DATA: {
      const dxc = (c.fpc >>> 8) & 0xff;
      if (dxc === 0xff || (dxc & 0xf8) === 0) { sig = SIG.ILL; si = SI.ILL_ILLOPN; break; }
      sig = SIG.FPE;
      si = dxc & 0x80 ? SI.FPE_FLTINV : dxc & 0x40 ? SI.FPE_FLTDIV : dxc & 0x20 ? SI.FPE_FLTOVF : dxc & 0x10 ? SI.FPE_FLTUND : SI.FPE_FLTRES;
      break;
    }
    case PGM.PROTECTION: case PGM.PAGE_TRANSLATION: case PGM.SEGMENT_TRANSLATION: case PGM.ADDRESSING:
      // Access faults nullify: the handler returns to the faulting instruction.
      sig = SIG.SEGV;
      si = code === PGM.PROTECTION ? SI.SEGV_ACCERR : SI.SEGV_MAPERR;
      addr = c.faultAddr;
      c.ia = pc;
      break;
    default:
      sig = SIG.ILL; si = SI.ILL_ILLOPN;
  }
  k.lastFault = describeFault(k, code, pc) + (sig === SIG.SEGV ? ` accessing page 0x${addr.toString(16)}` : '');
  forceSignal(k, sig, si, addr, code);
}

function describeFault(k: Kernel, code: number, pc: number): string {
  const b: string[] = [];
  for (let i = 0; i < 6; i++) {
    const a = pc + i;
    b.push(k.mm.ok(a, 1, false) ? k.mm.u8[RAM_BASE + a]!.toString(16).padStart(2, '0') : '??');
  }
  return `program interruption 0x${code.toString(16)} at 0x${pc.toString(16)} (bytes ${b.join('')})`;
}

/**
 * A synchronous signal: if it is blocked or ignored, Linux resets it to the default
 * action and unblocks it (force_sig_fault), so the process dies.
 */
export function forceSignal(k: Kernel, sig: number, code: number, addr: number, intCode = 0): void {
  const act = k.proc.actions[sig]!;
  if (act.handler === 1 || isBlocked(k, sig)) {
    act.handler = 0;
    if (sig <= 32) k.proc.maskLo &= ~(1 << (sig - 1));
  }
  deliver(k, sig, code, 0, addr, intCode);
}

/** Deliver the pending, unblocked signals (after a syscall). */
export function deliverPending(k: Kernel): void {
  const p = k.proc;
  for (let guard = 0; guard < 64 && !p.exited; guard++) {
    const idx = p.pending.findIndex((s) => !isBlocked(k, s.sig));
    if (idx < 0) return;
    const s = p.pending.splice(idx, 1)[0]!;
    deliver(k, s.sig, s.code, s.pid, s.addr, 0);
  }
}

/** Queue a signal sent by kill/tgkill/raise or the kernel to the current process. */
export function sendSignal(k: Kernel, sig: number, code: number, pid: number): void {
  const p = k.proc;
  if (sig === SIG.KILL) { k.exitProcess(p, sig, true); return; }
  if (!p.pending.some((s) => s.sig === sig)) p.pending.push({ sig, code, pid, addr: 0 });
}

function deliver(k: Kernel, sig: number, code: number, pid: number, addr: number, intCode: number): void {
  const p = k.proc;
  const act = p.actions[sig]!;
  if (act.handler === 1) return;
  if (act.handler === 0) {
    if (IGNORE.has(sig)) return;
    k.exitProcess(p, CORE.has(sig) ? sig | 0x80 : sig, true);
    return;
  }
  if (!setupFrame(k, sig, code, pid, addr, intCode, act)) {
    // The frame could not be written: Linux forces SIGSEGV.
    p.actions[SIG.SEGV]!.handler = 0;
    k.exitProcess(p, SIG.SEGV | 0x80, true);
    return;
  }
  if (!(act.flags & SA.NODEFER)) {
    if (sig <= 32) p.maskLo |= 1 << (sig - 1); else p.maskHi |= 1 << (sig - 33);
  }
  p.maskLo = (p.maskLo | act.maskLo) & ~((1 << (SIG.KILL - 1)) | (1 << (SIG.STOP - 1)));
  p.maskHi |= act.maskHi;
  if (act.flags & SA.RESETHAND) { act.handler = 0; act.flags = 0; }
}

/** Store the registers as a _sigregs at `a` (validated by the caller). */
function saveSigregs(k: Kernel, a: number): void {
  const c = k.cpu, mm = k.mm;
  mm.s32(a, (c.pswMaskHi() | 0x07040000) >>> 0);
  mm.s32(a + 4, c.pswMaskLo());
  mm.s64(a + 8, c.ia);
  for (let n = 0; n < 16; n++) { mm.s32(a + 16 + 8 * n, c.r[2 * n + 1]!); mm.s32(a + 20 + 8 * n, c.r[2 * n]!); }
  for (let n = 0; n < 16; n++) mm.s32(a + 144 + 4 * n, c.ar[n]!);
  mm.s32(a + 208, c.fpc);
  mm.s32(a + 212, 0);
  for (let n = 0; n < 16; n++) { mm.s32(a + 216 + 8 * n, c.f[2 * n + 1]!); mm.s32(a + 220 + 8 * n, c.f[2 * n]!); }
}

/** Load registers from a _sigregs; only the condition code and program mask of the PSW mask are the user's to change. */
function restoreSigregs(k: Kernel, a: number): void {
  const c = k.cpu, mm = k.mm;
  const hi = mm.g32(a);
  c.cc = (hi >>> 12) & 3;
  c.pm = (hi >>> 8) & 15;
  c.ia = mm.g64(a + 8);
  for (let n = 0; n < 16; n++) { c.r[2 * n + 1] = mm.g32(a + 16 + 8 * n); c.r[2 * n] = mm.g32(a + 20 + 8 * n); }
  for (let n = 0; n < 16; n++) c.ar[n] = mm.g32(a + 144 + 4 * n);
  c.fpc = mm.g32(a + 208) & 0xf8fcff77;
  for (let n = 0; n < 16; n++) { c.f[2 * n + 1] = mm.g32(a + 216 + 8 * n); c.f[2 * n] = mm.g32(a + 220 + 8 * n); }
}

function setupFrame(k: Kernel, sig: number, code: number, pid: number, addr: number, intCode: number, act: SigAction): boolean {
  const c = k.cpu, mm = k.mm, p = k.proc;
  const rt = (act.flags & SA.SIGINFO) !== 0;
  const size = rt ? RT_FRAME : OLD_FRAME;
  let sp = k.arg(15);
  const onAlt = p.altSize > 0 && sp > p.altSp && sp <= p.altSp + p.altSize;
  if ((act.flags & SA.ONSTACK) && p.altFlags === 0 && !onAlt) sp = p.altSp + p.altSize;
  const frame = Math.floor((sp - size) / 8) * 8;
  if (!mm.ok(frame, size, true)) return false;
  mm.u8.fill(0, RAM_BASE + frame, RAM_BASE + frame + size);
  mm.s64(frame, k.arg(15)); // back chain
  let restorer: number;
  if (rt) {
    mm.u8[RAM_BASE + frame + 160] = 0x0a;
    mm.u8[RAM_BASE + frame + 161] = 173; // svc rt_sigreturn
    restorer = act.flags & SA.RESTORER ? act.restorer : frame + 160;
    const si = frame + RT_INFO;
    mm.s32(si, sig);
    mm.s32(si + 8, code);
    if (sig === SIG.SEGV || sig === SIG.ILL || sig === SIG.FPE || sig === SIG.BUS || sig === SIG.TRAP) mm.s64(si + 16, addr);
    else { mm.s32(si + 16, pid); mm.s32(si + 20, 0); }
    const uc = frame + RT_UC;
    mm.s64(uc + UC_STACK, p.altSp);
    mm.s32(uc + UC_STACK + 8, p.altSize ? (onAlt ? 1 : p.altFlags) : 2);
    mm.s64(uc + UC_STACK + 16, p.altSize);
    saveSigregs(k, uc + UC_MCONTEXT);
    mm.s32(uc + UC_SIGMASK, p.maskHi);
    mm.s32(uc + UC_SIGMASK + 4, p.maskLo);
    setReg(c, 3, si);
    setReg(c, 4, uc);
    setReg(c, 5, 0);
  } else {
    mm.u8[RAM_BASE + frame + OLD_SVC] = 0x0a;
    mm.u8[RAM_BASE + frame + OLD_SVC + 1] = 119; // svc sigreturn
    restorer = act.flags & SA.RESTORER ? act.restorer : frame + OLD_SVC;
    mm.s32(frame + OLD_SC, p.maskHi);
    mm.s32(frame + OLD_SC + 4, p.maskLo);
    mm.s64(frame + OLD_SC + 8, frame + OLD_SREGS);
    saveSigregs(k, frame + OLD_SREGS);
    mm.s32(frame + OLD_SIGNO, sig);
    setReg(c, 3, frame + OLD_SC);
    if (sig === SIG.SEGV || sig === SIG.ILL || sig === SIG.FPE || sig === SIG.BUS || sig === SIG.TRAP) {
      setReg(c, 4, intCode & 127);
      setReg(c, 5, sig === SIG.SEGV ? addr : 0);
      setReg(c, 6, 0);
    }
  }
  setReg(c, 14, restorer);
  setReg(c, 15, frame);
  setReg(c, 2, sig);
  c.amode = 3;
  c.ia = act.handler;
  return true;
}

/** rt_sigreturn (rt = true) or sigreturn: restore the interrupted context. */
export function sigreturn(k: Kernel, rt: boolean): SyscallResult {
  const mm = k.mm, p = k.proc;
  const frame = k.arg(15);
  const size = rt ? RT_FRAME : OLD_FRAME;
  if (!mm.ok(frame, size, false)) {
    k.exitProcess(p, SIG.SEGV | 0x80, true);
    return NO_RETURN;
  }
  const maskAt = rt ? frame + RT_UC + UC_SIGMASK : frame + OLD_SC;
  p.maskHi = mm.g32(maskAt);
  p.maskLo = mm.g32(maskAt + 4) & ~((1 << (SIG.KILL - 1)) | (1 << (SIG.STOP - 1)));
  if (rt) {
    const st = frame + RT_UC + UC_STACK;
    const flags = mm.g32(st + 8);
    if (!(flags & 1)) { p.altSp = mm.g64(st); p.altFlags = flags; p.altSize = mm.g64(st + 16); }
  }
  restoreSigregs(k, rt ? frame + RT_UC + UC_MCONTEXT : frame + OLD_SREGS);
  return NO_RETURN;
}
