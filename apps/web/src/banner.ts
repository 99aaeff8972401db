/** What the page prints before the guest's console output. */

export interface GuestSummary {
  kernelRelease: string;
  packages: { name: string; version: string }[];
}

export const TITLE = 'ztab: an s390x (z/Architecture) virtual machine in a browser tab';

export function bannerLines(guest: GuestSummary | undefined): string[] {
  const lines = [TITLE, ''];
  if (guest) {
    const busybox = guest.packages.find((p) => p.name === 'busybox-static');
    lines.push(`Default guest: Debian Linux ${guest.kernelRelease}${busybox ? `, busybox ${busybox.version}` : ''}.`);
    lines.push('Below is the guest\'s SCLP VT220 console. Ctrl+Shift+C / Ctrl+Shift+V copy and paste.');
  } else {
    lines.push('No default guest is built yet (run `pnpm guest`).');
  }
  lines.push('');
  return lines;
}

/** Reads the guest manifest's summary; anything unexpected counts as no guest. */
export function summarizeManifest(json: unknown): GuestSummary | undefined {
  if (typeof json !== 'object' || json === null) return undefined;
  const { kernelRelease, packages } = json as Partial<GuestSummary>;
  if (typeof kernelRelease !== 'string' || !Array.isArray(packages)) return undefined;
  return { kernelRelease, packages: packages.filter((p) => typeof p?.name === 'string' && typeof p?.version === 'string') };
}
