import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { DATA_DISK_FILES, DATA_DISK_LABEL, DATA_DISK_SIZE_KIB } from './guest-files.ts';
import { setTreeTime } from './initramfs.ts';
import { run } from './tools.ts';

// Fixed identity so that rebuilding from the same recipe yields the same image.
const DISK_UUID = '7a7ab000-0000-4000-8000-000000005390';

/** Writes a small ext4 image holding DATA_DISK_FILES, made by mke2fs -d from a staging tree. */
export function buildDataDisk(
  tools: { mke2fs: string; debugfs: string },
  stagingDir: string,
  out: string,
  epochSeconds: number,
): void {
  rmSync(stagingDir, { recursive: true, force: true });
  mkdirSync(stagingDir, { recursive: true });
  for (const [name, text] of Object.entries(DATA_DISK_FILES)) writeFileSync(join(stagingDir, name), text);
  setTreeTime(stagingDir, epochSeconds);
  rmSync(out, { force: true });
  run(
    tools.mke2fs,
    [
      '-q', '-F', '-t', 'ext4',
      '-L', DATA_DISK_LABEL,
      '-U', DISK_UUID,
      '-E', `hash_seed=${DISK_UUID},root_owner=0:0`,
      '-d', stagingDir,
      out, `${DATA_DISK_SIZE_KIB}k`,
    ],
    'mke2fs',
    { env: { ...process.env, E2FSPROGS_FAKE_TIME: String(epochSeconds) } },
  );
  // mke2fs -d copies each file's ctime, which no one can set on the staging tree, and
  // its owner, which is the builder's; pin both inside the image so that equal inputs
  // give equal bytes, whoever builds.
  const pin = Object.keys(DATA_DISK_FILES).flatMap((name) => [
    `set_inode_field /${name} ctime @${epochSeconds}`,
    `set_inode_field /${name} uid 0`,
    `set_inode_field /${name} gid 0`,
  ]);
  run(tools.debugfs, ['-w', '-f', '-', out], 'debugfs', { input: `${pin.join('\n')}\n` });
}
