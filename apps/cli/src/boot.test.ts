// Acceptance: `pnpm ztab` boots the default guest and is driven through its console, the
// way a user types at it. The disk is a copy of the guest's data.img given as a writable
// -drive, so that what the guest writes can be looked for in the file after poweroff.
// qemu-system-s390x boots the same files in the same run for the boot-time comparison.
//
// The boot is slow while the interpreter runs at a few million instructions per second
// (xz decompression alone is ~2.5 G instructions), so the steps carry long timeouts:
// ZTAB_BOOT_TIMEOUT (seconds, default 900; measured 2026-11-21: ztab 165.5 s, qemu-system-s390x 3.7 s;
// ~420 s on the same 2-core host under a load of 10) bounds the boot to the prompt.
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { copyFileSync, existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';

const repoRoot = fileURLToPath(new URL('../../../', import.meta.url));
const guest = join(repoRoot, 'public/guest');
const HAVE_GUEST = ['vmlinuz', 'initramfs.cpio.gz', 'data.img', 'manifest.json'].every((f) => existsSync(join(guest, f)));
const BOOT_S = Number(process.env.ZTAB_BOOT_TIMEOUT ?? 900);
const PROMPT = '~ # ';

/** A console session: everything the guest printed, and waiting for text to appear. */
export class Session {
  out = '';
  exitCode: number | null = null;
  private readonly exited: Promise<number>;
  private mark = 0;
  constructor(readonly child: ChildProcessWithoutNullStreams) {
    child.stdout.on('data', (d: Buffer) => { this.out += d.toString('latin1'); });
    child.stderr.on('data', (d: Buffer) => { this.out += d.toString('latin1'); });
    this.exited = new Promise((r) => child.on('exit', (code) => { this.exitCode = code ?? -1; r(this.exitCode); }));
  }
  /** Waits until `text` appears after the last mark; returns what came since the mark. */
  async waitFor(text: string, seconds: number): Promise<string> {
    const t0 = Date.now();
    for (;;) {
      const i = this.out.indexOf(text, this.mark);
      if (i >= 0) {
        const got = this.out.slice(this.mark, i + text.length);
        this.mark = i + text.length;
        return got;
      }
      if (this.exitCode !== null) throw new Error(`exited (${this.exitCode}) before '${text}'; last output:\n${this.out.slice(-1500)}`);
      if (Date.now() - t0 > seconds * 1000) throw new Error(`no '${text}' after ${seconds} s; last output:\n${this.out.slice(-1500)}`);
      await new Promise((r) => setTimeout(r, 100));
    }
  }
  /** Types a command line and returns its output (up to the next prompt). */
  async run(cmd: string, seconds = 300): Promise<string> {
    this.child.stdin.write(`${cmd}\n`);
    const got = await this.waitFor(PROMPT, seconds);
    // Drop the echoed command line.
    const nl = got.indexOf('\n');
    return (nl >= 0 ? got.slice(nl + 1) : got).slice(0, -PROMPT.length);
  }
  wait(seconds: number): Promise<number> {
    return Promise.race([this.exited, new Promise<number>((_, rej) => setTimeout(() => rej(new Error(`still running after ${seconds} s`)), seconds * 1000))]);
  }
}

describe.skipIf(!HAVE_GUEST)('pnpm ztab boots the default guest (public/guest)', () => {
  const manifest = HAVE_GUEST ? JSON.parse(readFileSync(join(guest, 'manifest.json'), 'utf8')) as { cmdline: string } : { cmdline: '' };
  const dir = mkdtempSync(join(tmpdir(), 'ztab-boot-'));
  const disk = join(dir, 'data.img');
  if (HAVE_GUEST) copyFileSync(join(guest, 'data.img'), disk);
  let s: Session | null = null;
  const marker = `ztab-was-here-${process.pid}`;

  afterAll(() => { s?.child.kill('SIGKILL'); });

  it('boots to the busybox prompt', async () => {
    const t0 = performance.now();
    const child = spawn('pnpm', ['-s', 'ztab', '-m', '512', '-append', manifest.cmdline,
      '-kernel', join(guest, 'vmlinuz'), '-initrd', join(guest, 'initramfs.cpio.gz'),
      '-drive', `file=${disk},if=virtio,format=raw`], { cwd: repoRoot });
    s = new Session(child);
    await s.waitFor(PROMPT, BOOT_S);
    const ztabS = (performance.now() - t0) / 1000;
    const q0 = performance.now();
    const q = new Session(spawn('qemu-system-s390x', ['-M', 's390-ccw-virtio', '-nographic', '-m', '512',
      '-kernel', join(guest, 'vmlinuz'), '-initrd', join(guest, 'initramfs.cpio.gz'), '-append', manifest.cmdline,
      '-drive', `file=${join(guest, 'data.img')},if=virtio,format=raw`, '-snapshot', '-no-reboot']));
    await q.waitFor(PROMPT, 300).finally(() => q.child.kill('SIGKILL'));
    const qemuS = (performance.now() - q0) / 1000;
    process.stdout.write(`boot to '${PROMPT}': ztab ${ztabS.toFixed(1)} s, qemu-system-s390x ${qemuS.toFixed(1)} s\n`);
  }, (BOOT_S + 400) * 1000);

  it('uname -m prints s390x', async () => {
    expect((await s!.run('uname -m')).trim()).toBe('s390x');
  }, 600_000);

  it('dmesg has no Oops, BUG or WARNING', async () => {
    const d = await s!.run('dmesg', 600);
    expect(d.length).toBeGreaterThan(1000);
    expect(d).not.toMatch(/Oops|BUG|WARNING|illegal operation/);
  }, 600_000);

  it('/dev/vda is ext4 and a file written there reaches the backing file after poweroff (checked below)', async () => {
    const m = await s!.run('grep vda /proc/mounts || (mkdir -p /mnt && mount -t ext4 /dev/vda /mnt && grep vda /proc/mounts)', 600);
    expect(m).toMatch(/\/dev\/vda \S+ ext4/);
    await s!.run(`echo ${marker} > /mnt/marker.txt && sync`, 600);
  }, 600_000);

  it('eth0 exists', async () => {
    expect(await s!.run('cat /sys/class/net/eth0/address', 600)).toMatch(/52:54:00:12:34:56/);
  }, 600_000);

  it('virtio-rng gives 16 bytes', async () => {
    expect((await s!.run('cat /dev/hwrng | head -c 16 | wc -c', 600)).trim()).toBe('16');
  }, 600_000);

  it('reboot returns to the shell', async () => {
    s!.child.stdin.write('reboot\n');
    await s!.waitFor('Linux version', 600);
    await s!.waitFor(PROMPT, BOOT_S);
  }, (BOOT_S + 700) * 1000);

  it('poweroff exits 0 and the file is in the backing file', async () => {
    s!.child.stdin.write('poweroff\n');
    expect(await s!.wait(600)).toBe(0);
    expect(readFileSync(disk).includes(Buffer.from(marker))).toBe(true);
  }, 700_000);
});
