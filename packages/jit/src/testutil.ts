// Test support: assemble s390x source with binutils and run it on a flat-memory CPU.
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { RAM_BASE, createCpu, type Cpu } from '@ztab/cpu';

const cache = new Map<string, Uint8Array>();

/** Machine code of `src` (GNU as syntax, z196), as a flat binary starting at its first byte. */
export function assemble(src: string): Uint8Array {
  const hit = cache.get(src);
  if (hit) return hit;
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ztab-jit-'));
  try {
    fs.writeFileSync(path.join(dir, 'a.s'), src + '\n');
    execFileSync('s390x-linux-gnu-as', ['-march=z196', '-m64', '-o', path.join(dir, 'a.o'), path.join(dir, 'a.s')]);
    execFileSync('s390x-linux-gnu-objcopy', ['-O', 'binary', '-j', '.text', path.join(dir, 'a.o'), path.join(dir, 'a.bin')]);
    const out = new Uint8Array(fs.readFileSync(path.join(dir, 'a.bin')));
    cache.set(src, out);
    return out;
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

/** Copy bytes into absolute storage without going through the CPU (a loader). */
export function poke(c: Cpu, addr: number, bytes: Uint8Array): void {
  c.u8.set(bytes, RAM_BASE + addr);
}

/** A CPU whose SVC 0 stops the run and whose program interruptions stop it with the code. */
export function machine(ram = 1 << 20): Cpu & { pgms: number[] } {
  const c = createCpu(ram) as Cpu & { pgms: number[] };
  c.pgms = [];
  c.svcHook = (cc) => { cc.stopReason = 'svc'; };
  c.programHook = (cc, code) => { c.pgms.push(code); cc.stopReason = `pgm ${code}`; };
  return c;
}
