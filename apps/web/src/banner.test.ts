import { describe, expect, it } from 'vitest';
import { bannerLines, summarizeManifest, TITLE } from './banner.ts';

describe('page banner', () => {
  it('names the default guest from its manifest', () => {
    const guest = summarizeManifest({
      kernelRelease: '6.1.0-50-s390x',
      packages: [
        { name: 'linux-image-6.1.0-50-s390x', version: '6.1.176-1' },
        { name: 'busybox-static', version: '1:1.35.0-4+deb12u1+b1' },
      ],
    });
    const lines = bannerLines(guest);
    expect(lines[0]).toBe(TITLE);
    expect(lines).toContain('Default guest: Debian Linux 6.1.0-50-s390x, busybox 1:1.35.0-4+deb12u1+b1.');
  });

  it('says how to build the guest when there is no usable manifest', () => {
    for (const bad of [undefined, null, 'text', {}, { kernelRelease: 1, packages: [] }]) {
      expect(summarizeManifest(bad)).toBeUndefined();
    }
    expect(bannerLines(undefined)).toContain('No default guest is built yet (run `pnpm guest`).');
  });
});
