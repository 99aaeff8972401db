/**
 * File-backed disks for virtio-blk: reads and writes go to the file (writes are in the
 * file when the guest's request completes), -snapshot keeps writes in memory over the
 * unchanged file, readonly=on makes the device read-only for the guest.
 */
import { open, type FileHandle } from 'node:fs/promises';
import type { BlockBackend } from '@ztab/machine';
import { OverlayBlock } from '@ztab/machine';
import type { LoadedDrive } from './load.ts';

export class FileBlock implements BlockBackend {
  readonly size: number;
  private constructor(private readonly fh: FileHandle, size: number, readonly readOnly: boolean, readonly path: string) {
    // A trailing partial sector is not addressable, as QEMU rounds a raw image down.
    this.size = size - (size % 512);
  }

  static async open(path: string, size: number, readOnly: boolean): Promise<FileBlock> {
    return new FileBlock(await open(path, readOnly ? 'r' : 'r+'), size, readOnly, path);
  }

  async read(offset: number, dst: Uint8Array): Promise<void> {
    let done = 0;
    // A short read can only come from the file shrinking under us: the rest reads as zeros.
    while (done < dst.length) {
      const { bytesRead } = await this.fh.read(dst, done, dst.length - done, offset + done);
      if (bytesRead === 0) { dst.fill(0, done); return; }
      done += bytesRead;
    }
  }

  async write(offset: number, src: Uint8Array): Promise<void> {
    if (this.readOnly) throw new Error(`${this.path} is read-only`);
    let done = 0;
    while (done < src.length) {
      const { bytesWritten } = await this.fh.write(src, done, src.length - done, offset + done);
      done += bytesWritten;
    }
  }

  async flush(): Promise<void> {
    if (!this.readOnly) await this.fh.datasync();
  }

  async close(): Promise<void> {
    await this.fh.close();
  }
}

export interface OpenedDrive {
  backend: BlockBackend;
  file: FileBlock;
}

/** The backend for one -drive: the file itself, or an in-memory overlay over it (-snapshot). */
export async function openDrive(d: LoadedDrive): Promise<OpenedDrive> {
  const file = await FileBlock.open(d.path, d.size, d.readonly || d.snapshot);
  const backend = d.snapshot ? new OverlayBlock(file, d.readonly) : file;
  return { backend, file };
}
