// What one case produced, in the compact form stored in the fixtures: only what differs
// from the case's inputs is listed. Both the oracle's records and ztab's final state are
// turned into this shape, then compared field by field in a fixed order so that the
// report can name the first differing field.

import { BUF_SIZE } from './layout.ts';
import type { Case } from './cases.ts';

export interface Outcome {
  /** 0 fell through, 1 branched to the landing pad, 2 signal, 3 ztab went elsewhere. */
  k: number;
  /** Signal: [signo, si_code, si_addr (hex), PSW address (hex)]. */
  sig?: [number, number, string, string];
  /** ztab only, kind 3: where the PSW pointed. */
  ia?: string;
  cc: number;
  pm: number;
  /** Addressing mode as PSW EA/BA bits: 0 = 24, 1 = 31, 3 = 64. */
  am: number;
  /** Changed GPRs/FPRs (16 hex digits) and access registers (8). */
  g?: Record<string, string>;
  f?: Record<string, string>;
  a?: Record<string, string>;
  fpc?: string;
  /** Changed runs of the buffer: [offset, hex bytes]. */
  m?: [number, string][];
  /** The oracle did not produce a record for this case (it crashed or hung): skip it. */
  x?: string;
}

export const hex8 = (v: number) => (v >>> 0).toString(16).padStart(8, '0');
export const hex16 = (hi: number, lo: number) => hex8(hi) + hex8(lo);

/** Build an outcome from final state (both sides use this; `s` is the final state). */
export function makeOutcome(c: Case, init: Uint8Array, s: {
  k: number; sig?: [number, number, string, string]; ia?: string; cc: number; pm: number; am: number;
  g: ArrayLike<number>; f: ArrayLike<number>; a: ArrayLike<number>; fpc: number; buf: Uint8Array;
}): Outcome {
  const o: Outcome = { k: s.k, cc: s.cc, pm: s.pm, am: s.am };
  if (s.sig) o.sig = s.sig;
  if (s.ia !== undefined) o.ia = s.ia;
  for (let i = 0; i < 16; i++) {
    if (s.g[2 * i] !== c.g[2 * i] || s.g[2 * i + 1] !== c.g[2 * i + 1]) (o.g ??= {})[i] = hex16(s.g[2 * i + 1]!, s.g[2 * i]!);
    if (s.f[2 * i] !== c.f[2 * i] || s.f[2 * i + 1] !== c.f[2 * i + 1]) (o.f ??= {})[i] = hex16(s.f[2 * i + 1]!, s.f[2 * i]!);
    if (s.a[i] !== c.a[i]) (o.a ??= {})[i] = hex8(s.a[i]!);
  }
  if ((s.fpc >>> 0) !== c.fpc) o.fpc = hex8(s.fpc);
  const runs: [number, string][] = [];
  for (let i = 0; i < BUF_SIZE; i++) {
    if (s.buf[i] === init[i]) continue;
    let j = i;
    let h = '';
    while (j < BUF_SIZE && s.buf[j] !== init[j]) { h += s.buf[j]!.toString(16).padStart(2, '0'); j++; }
    runs.push([i, h]);
    i = j;
  }
  if (runs.length) o.m = runs;
  return o;
}

function regDiff(name: string, e: Record<string, string> | undefined, z: Record<string, string> | undefined, n: number): string | null {
  for (let i = 0; i < n; i++) {
    const a = e?.[i], b = z?.[i];
    if (a !== b) return `${name}${i}: oracle ${a ?? 'unchanged'}, ztab ${b ?? 'unchanged'}`;
  }
  return null;
}

const SIGNAMES: Record<number, string> = { 4: 'SIGILL', 5: 'SIGTRAP', 7: 'SIGBUS', 8: 'SIGFPE', 11: 'SIGSEGV' };
const describe = (o: Outcome) =>
  o.k === 0 ? 'fall-through' : o.k === 1 ? 'branch' : o.k === 2 ? `${SIGNAMES[o.sig![0]] ?? o.sig![0]}/${o.sig![1]}` : `ia=${o.ia}`;

/**
 * The first field in which ztab's outcome differs from the oracle's, or null. The field
 * name comes first ("kind", "psw", "cc", "g3", "f0", "fpc", "a2", "mem", "pm", "amode").
 */
/**
 * Rows whose results depend on the host's clock: their stored values and registers are
 * not compared (kind, signal, CC and the rest still are), and the oracle-reproduction
 * check leaves them out.
 */
export const VOLATILE: ReadonlySet<string> = new Set(['stck', 'stckf', 'stcke', 'ectg', 'stpt', 'stckc']);

export function firstDiff(e: Outcome, z: Outcome, volatile = false): string | null {
  // QEMU never raises the fixed-point-overflow interruption (it ignores PSW bit 20), but
  // the architecture does when the program mask enables it: an instruction that ends
  // with CC 3 under that mask must give SIGFPE/FPE_INTOVF after completing. Accept ztab's
  // interruption there and compare the completed state.
  if (e.k !== 2 && e.cc === 3 && (e.pm & 8) !== 0 && z.k === 2 && z.sig![0] === 8 && z.sig![1] === 2) {
    const { sig: _sig, ...rest } = z;
    z = { ...rest, k: e.k };
  }
  if (e.k !== z.k) return `kind: oracle ${describe(e)}, ztab ${describe(z)}`;
  if (e.k === 2) {
    const [es, ec, ea, ep] = e.sig!, [zs, zc, za, zp] = z.sig!;
    if (es !== zs || ec !== zc) return `kind: oracle ${describe(e)}, ztab ${describe(z)}`;
    // A fault reports the page, as a translation-exception identification does; the byte
    // within it depends on how each side walks a multi-byte operand. qemu-user reports 0
    // when the guest address is beyond what the host can map (a non-canonical host
    // address faults without an address), so there is nothing to compare then.
    const sameAddr = es === 11 ? ea === '0000000000000000' || ea.slice(0, 13) === za.slice(0, 13) : ea === za;
    if (!sameAddr) return `si_addr: oracle ${ea}, ztab ${za}`;
    if (ep !== zp) return `psw: oracle ${ep}, ztab ${zp}`;
  }
  if (e.cc !== z.cc) return `cc: oracle ${e.cc}, ztab ${z.cc}`;
  if (volatile) { e = { ...e }; z = { ...z }; delete e.g; delete z.g; delete e.m; delete z.m; }
  const g = regDiff('g', e.g, z.g, 16); if (g) return g;
  const f = regDiff('f', e.f, z.f, 16); if (f) return f;
  if (e.fpc !== z.fpc) return `fpc: oracle ${e.fpc ?? 'unchanged'}, ztab ${z.fpc ?? 'unchanged'}`;
  const a = regDiff('a', e.a, z.a, 16); if (a) return a;
  const em = JSON.stringify(e.m ?? []), zm = JSON.stringify(z.m ?? []);
  if (em !== zm) return `mem: oracle ${em.slice(0, 120)}, ztab ${zm.slice(0, 120)}`;
  if (e.pm !== z.pm) return `pm: oracle ${e.pm}, ztab ${z.pm}`;
  if (e.am !== z.am) return `amode: oracle ${e.am}, ztab ${z.am}`;
  return null;
}
