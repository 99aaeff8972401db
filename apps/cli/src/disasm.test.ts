import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { objdumpSkip, requireObjdump } from '../../../packages/isa/src/objdump.ts';
import { runDisasm } from './disasm.ts';

async function run(args: string[]): Promise<{ rc: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const rc = await runDisasm(args, (s) => { out += s; }, (s) => { err += s; });
  return { rc, out, err };
}

describe('ztab --disasm', () => {
  // lgr %r1,%r2; jne .-4; larl %r1,.+8 (bytes written by hand, texts as objdump 2.40 prints them)
  const code = Uint8Array.from([0xb9, 0x04, 0x00, 0x12, 0xa7, 0x74, 0xff, 0xfe, 0xc0, 0x10, 0x00, 0x00, 0x00, 0x04]);
  const dir = mkdtempSync(join(tmpdir(), 'ztab-cli-disasm-'));
  const raw = join(dir, 'code.bin');
  writeFileSync(raw, code);
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('prints raw code at --base in objdump layout', async () => {
    const r = await run([raw, '--base', '0x1000']);
    expect(r.rc).toBe(0);
    expect(r.out).toContain('    1000:\tb9 04 00 12       \tlgr\t%r1,%r2');
    expect(r.out).toContain('    1004:\ta7 74 ff fe       \tjne\t0x1000');
    expect(r.out).toContain('    1008:\tc0 10 00 00 00 04 \tlarl\t%r1,0x1010');
  });

  it.skipIf(objdumpSkip())('--compare agrees with objdump on the same bytes', async () => {
    requireObjdump();
    const r = await run(['--compare', raw, '--base', '4096']);
    expect(r.out).toContain('3 instructions, 0 mismatches');
    expect(r.rc).toBe(0);
  });

  it('rejects bad usage with status 2', async () => {
    expect((await run([])).rc).toBe(2);
    expect((await run([raw, '--base', 'x'])).rc).toBe(2);
    expect((await run([join(dir, 'missing')])).rc).toBe(2);
  });
});
