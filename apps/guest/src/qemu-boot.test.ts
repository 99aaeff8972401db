/**
 * Boots the built guest in QEMU, the reference machine, exactly as a person would
 * use it: wait for the banner and the prompt, type a command, power off.
 */
import { describe, expect, it } from 'vitest';
import { readManifest } from './manifest.ts';
import { DEFAULT_GUEST_DIR } from './paths.ts';
import { BANNER } from './guest-files.ts';
import { QemuGuest } from './qemu.ts';
import { findTool } from './tools.ts';

const manifest = readManifest(DEFAULT_GUEST_DIR);
const qemu = findTool('qemu-system-s390x', process.env.PATH);
const skipReason = !manifest
  ? 'public/guest has no manifest: run `pnpm guest` first'
  : !qemu
    ? 'qemu-system-s390x is not installed (apt-get install qemu-system-misc)'
    : undefined;

// CI builds the guest before testing, so a skip there would hide a broken pipeline.
const mustRun = process.env.CI === 'true' || process.env.CI === '1';

describe('the reference guest under qemu-system-s390x', () => {
  it.skipIf(skipReason !== undefined && !mustRun)(
    `boots to a shell, runs uname -m and powers off${skipReason ? ` (skipped: ${skipReason})` : ''}`,
    async () => {
      if (skipReason) throw new Error(skipReason);
      const guest = QemuGuest.start({ qemu: qemu!, guestDir: DEFAULT_GUEST_DIR, manifest: manifest! });
      try {
        await guest.waitFor(new RegExp(`${BANNER} \\(Linux \\S+ s390x\\)`), 90_000);
        await guest.waitFor(/^~ # $/m, 30_000);
        const promptMs = guest.elapsedMs();
        const initAt = /\[\s*(\d+\.\d+)\] Run \/init as init process/.exec(guest.text)?.[1];

        guest.send('uname -m\n');
        await guest.waitFor(/^uname -m\ns390x\n~ # $/m, 20_000);

        guest.send('cat /mnt/hello.txt\n');
        await guest.waitFor(/^Hello from the ztab data disk\.$/m, 20_000);

        guest.send('poweroff\n');
        expect(await guest.waitForExit(30_000)).toBe(0);
        expect(guest.text).toContain('Requesting system poweroff');

        console.log(
          `qemu-system-s390x: prompt after ${(promptMs / 1000).toFixed(2)} s wall` +
            (initAt ? `, /init started at ${initAt} s guest uptime` : '') +
            `, whole session ${(guest.elapsedMs() / 1000).toFixed(2)} s`,
        );
      } finally {
        guest.kill();
      }
    },
    180_000,
  );
});
