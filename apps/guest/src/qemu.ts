import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { join } from 'node:path';
import type { Manifest } from './manifest.ts';

/** Removes terminal control sequences (busybox asks for the cursor position before each prompt). */
export function stripTerminalControls(text: string): string {
  // eslint-disable-next-line no-control-regex
  return text.replace(/\x1b\[[0-9;?]*[A-Za-z]/g, '').replace(/\r/g, '');
}

export interface QemuOptions {
  qemu: string;
  guestDir: string;
  manifest: Manifest;
  memory?: string;
  extraArgs?: string[];
}

/** The qemu-system-s390x command line for a direct kernel boot of the built guest. */
export function qemuArgs(o: Omit<QemuOptions, 'qemu'>): string[] {
  const f = o.manifest.files;
  return [
    '-M', 's390-ccw-virtio',
    '-nographic',
    '-m', o.memory ?? '512',
    '-kernel', join(o.guestDir, f.kernel.path),
    '-initrd', join(o.guestDir, f.initrd.path),
    '-append', o.manifest.cmdline,
    '-drive', `file=${join(o.guestDir, f.disk.path)},if=virtio,format=raw`,
    // Writes go to a temporary overlay: the built image stays byte-identical.
    '-snapshot',
    '-no-reboot',
    ...(o.extraArgs ?? []),
  ];
}

/** The reference machine: QEMU running the guest on its console, driven like a person at a terminal. */
export class QemuGuest {
  private output = '';
  private cursor = 0;
  private exitCode: number | null | undefined;
  private readonly waiters = new Set<() => void>();
  readonly startedAt = performance.now();

  private constructor(private readonly child: ChildProcessWithoutNullStreams) {
    const take = (chunk: Buffer) => {
      this.output += chunk.toString('latin1');
      this.wake();
    };
    child.stdout.on('data', take);
    child.stderr.on('data', take);
    child.on('exit', (code, signal) => {
      this.exitCode = code ?? (signal ? null : 0);
      this.wake();
    });
  }

  static start(o: QemuOptions): QemuGuest {
    return new QemuGuest(spawn(o.qemu, qemuArgs(o), { stdio: 'pipe' }));
  }

  /** Everything the guest printed so far, control sequences removed. */
  get text(): string {
    return stripTerminalControls(this.output);
  }

  /** Milliseconds since the QEMU process was started. */
  elapsedMs(): number {
    return performance.now() - this.startedAt;
  }

  private wake(): void {
    for (const w of [...this.waiters]) w();
  }

  /**
   * Waits until `pattern` appears in output not yet consumed by an earlier wait,
   * and consumes output up to the end of the match.
   */
  waitFor(pattern: RegExp, timeoutMs: number): Promise<RegExpExecArray> {
    return new Promise((resolve, reject) => {
      const check = () => {
        const rest = this.text.slice(this.cursor);
        const m = pattern.exec(rest);
        if (m) {
          this.cursor += m.index + m[0].length;
          done();
          resolve(m);
        } else if (this.exitCode !== undefined) {
          done();
          reject(new Error(`qemu exited (${this.exitCode}) before ${pattern} appeared:\n${this.tail()}`));
        }
      };
      const timer = setTimeout(() => {
        done();
        reject(new Error(`no ${pattern} within ${timeoutMs} ms:\n${this.tail()}`));
      }, timeoutMs);
      const done = () => {
        clearTimeout(timer);
        this.waiters.delete(check);
      };
      this.waiters.add(check);
      check();
    });
  }

  send(text: string): void {
    this.child.stdin.write(text);
  }

  waitForExit(timeoutMs: number): Promise<number | null> {
    return new Promise((resolve, reject) => {
      const check = () => {
        if (this.exitCode === undefined) return;
        clearTimeout(timer);
        this.waiters.delete(check);
        resolve(this.exitCode);
      };
      const timer = setTimeout(() => {
        this.waiters.delete(check);
        reject(new Error(`qemu still running ${timeoutMs} ms after poweroff:\n${this.tail()}`));
      }, timeoutMs);
      this.waiters.add(check);
      check();
    });
  }

  kill(): void {
    if (this.exitCode === undefined) this.child.kill('SIGKILL');
  }

  private tail(): string {
    return this.text.split('\n').slice(-25).join('\n');
  }
}
