// Downloading the default guest (public/guest, described by its manifest.json) with
// progress the page can show.

export interface GuestFile {
  path: string;
  size: number;
  sha256: string;
}

export interface GuestManifest {
  kernelRelease: string;
  cmdline: string;
  packages: { name: string; version: string }[];
  files: { kernel: GuestFile; initrd?: GuestFile; disk?: GuestFile };
}

export interface Progress {
  loaded: number;
  total: number;
}

function isFile(f: unknown): f is GuestFile {
  const g = f as Partial<GuestFile> | null;
  return typeof g === 'object' && g !== null && typeof g.path === 'string' && Number.isSafeInteger(g.size) && g.size! >= 0 && typeof g.sha256 === 'string';
}

/** The parts of apps/guest's manifest the page boots from; undefined when they are not all there. */
export function parseManifest(json: unknown): GuestManifest | undefined {
  if (typeof json !== 'object' || json === null) return undefined;
  const m = json as Record<string, unknown>;
  const files = m.files as Record<string, unknown> | undefined;
  if (typeof m.kernelRelease !== 'string' || typeof m.cmdline !== 'string' || !Array.isArray(m.packages)) return undefined;
  if (!files || !isFile(files.kernel)) return undefined;
  if (files.initrd !== undefined && !isFile(files.initrd)) return undefined;
  if (files.disk !== undefined && !isFile(files.disk)) return undefined;
  return {
    kernelRelease: m.kernelRelease,
    cmdline: m.cmdline,
    packages: (m.packages as { name: unknown; version: unknown }[]).filter((p): p is { name: string; version: string } => typeof p?.name === 'string' && typeof p?.version === 'string'),
    files: files as GuestManifest['files'],
  };
}

/** Percentage for the progress bar: whole numbers, 100 only when everything arrived. */
export function percent(p: Progress): number {
  if (p.total <= 0) return p.loaded > 0 ? 100 : 0;
  if (p.loaded >= p.total) return 100;
  return Math.min(99, Math.floor((p.loaded * 100) / p.total));
}

export function formatBytes(n: number): string {
  if (n >= 1 << 20) return `${(n / (1 << 20)).toFixed(1)} MiB`;
  if (n >= 1 << 10) return `${(n / (1 << 10)).toFixed(1)} KiB`;
  return `${n} B`;
}

/** A decoded answer (see fetchBytes) may be this many times the listed size, and no more. */
const MAX_DECODED_RATIO = 64;
const MAX_DECODED_BYTES = 1 << 30;

/**
 * Fetches `url` into one array, calling `onBytes` with each piece's length as it arrives;
 * the pieces add up to exactly `size` when the download completes. The size is known
 * from the manifest, which also catches a truncated answer.
 *
 * Some static servers (Vite's preview among them) send a .gz file with
 * "Content-Encoding: gzip", so the browser hands over the decompressed bytes. For an
 * initramfs that is harmless (Linux unpacks a plain cpio archive as well), so such an
 * answer is accepted whatever its length, up to a bound.
 */
export async function fetchBytes(url: string, size: number, onBytes: (n: number) => void, fetchFn: typeof fetch = fetch): Promise<Uint8Array> {
  const res = await fetchFn(url);
  if (!res.ok) throw new Error(`${url}: HTTP ${res.status}`);
  const decoded = (res.headers.get('content-encoding') ?? 'identity') !== 'identity';
  const limit = decoded ? Math.min(MAX_DECODED_BYTES, Math.max(size, size * MAX_DECODED_RATIO)) : size;
  const parts: Uint8Array[] = [];
  let at = 0;
  let reported = 0;
  const report = (n: number) => {
    const r = Math.min(size, n);
    if (r > reported) onBytes(r - reported);
    reported = Math.max(reported, r);
  };
  const reader = res.body?.getReader();
  if (!reader) {
    const all = new Uint8Array(await res.arrayBuffer());
    parts.push(all);
    at = all.length;
  } else {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      if (at + value.length > limit) {
        await reader.cancel();
        throw new Error(`${url}: more than the ${size} bytes the manifest lists`);
      }
      parts.push(value);
      at += value.length;
      // A decoded answer's length says nothing about progress: stay below 100% until it ends.
      report(decoded ? Math.min(at, size - 1) : at);
    }
  }
  if (at > limit || (!decoded && at !== size) || at === 0) throw new Error(`${url}: expected ${size} bytes, got ${at}`);
  report(size);
  if (parts.length === 1 && parts[0]!.byteOffset === 0 && parts[0]!.byteLength === parts[0]!.buffer.byteLength) return parts[0]!;
  const out = new Uint8Array(at);
  let o = 0;
  for (const p of parts) { out.set(p, o); o += p.length; }
  return out;
}

/** Downloads the kernel and initrd the manifest names, reporting progress over both. */
export async function downloadGuest(
  baseUrl: string, m: GuestManifest, onProgress: (p: Progress) => void, fetchFn: typeof fetch = fetch,
): Promise<{ kernel: Uint8Array; initrd?: Uint8Array }> {
  const wanted = [m.files.kernel, ...(m.files.initrd ? [m.files.initrd] : [])];
  const p: Progress = { loaded: 0, total: wanted.reduce((s, f) => s + f.size, 0) };
  onProgress({ ...p });
  const got = await Promise.all(wanted.map((f) => fetchBytes(new URL(f.path, baseUrl).href, f.size, (n) => {
    p.loaded += n;
    onProgress({ ...p });
  }, fetchFn)));
  return got.length > 1 ? { kernel: got[0]!, initrd: got[1]! } : { kernel: got[0]! };
}
