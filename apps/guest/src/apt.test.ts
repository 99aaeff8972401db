import { describe, expect, it } from 'vitest';
import { debFileName, kernelPackageOf, parseDepends, parseStanza, resolvedFrom } from './apt.ts';

const META = `Package: linux-image-s390x
Source: linux
Version: 6.1.176-1
Installed-Size: 13
Architecture: s390x
Provides: linux-image-generic, linux-latest-modules-6.1.0-50-s390x, wireguard-modules (= 1.0.0)
Depends: linux-image-6.1.0-50-s390x (= 6.1.176-1)
Description: Linux for IBM zSeries (meta-package)
 This package depends on the latest Linux kernel
 and modules for use on IBM zSeries.
Size: 1424
SHA256: ab96103974fc39243e72480e3275d2940b397ad760976a32ff25adf48cb6f1cf

Package: linux-image-s390x
Version: 6.1.170-1
`;

describe('apt-cache output', () => {
  it('parses the first stanza, with continuation lines', () => {
    const s = parseStanza(META);
    expect(s.Package).toBe('linux-image-s390x');
    expect(s.Version).toBe('6.1.176-1');
    expect(s.Description).toBe(
      'Linux for IBM zSeries (meta-package)\nThis package depends on the latest Linux kernel\nand modules for use on IBM zSeries.',
    );
    expect(resolvedFrom(s)).toEqual({
      name: 'linux-image-s390x',
      version: '6.1.176-1',
      arch: 's390x',
      sha256: 'ab96103974fc39243e72480e3275d2940b397ad760976a32ff25adf48cb6f1cf',
      size: 1424,
    });
  });

  it('refuses a record without version, architecture, size or hash', () => {
    expect(() => resolvedFrom(parseStanza('Package: x\nVersion: 1\n'))).toThrow(/incomplete package record for x/);
  });

  it('parses Depends: versions, alternatives (first wins) and arch qualifiers', () => {
    expect(parseDepends('libc6 (>= 2.34), a | b, python3:any, linux-image-6.1.0-50-s390x (= 6.1.176-1)')).toEqual([
      { name: 'libc6', relation: '>=', version: '2.34' },
      { name: 'a' },
      { name: 'python3' },
      { name: 'linux-image-6.1.0-50-s390x', relation: '=', version: '6.1.176-1' },
    ]);
    expect(parseDepends('')).toEqual([]);
    expect(() => parseDepends('(= 1)')).toThrow(/cannot parse dependency/);
  });

  it('finds the versioned kernel package behind the linux-image-s390x meta package', () => {
    expect(kernelPackageOf(parseStanza(META))).toEqual({
      name: 'linux-image-6.1.0-50-s390x',
      relation: '=',
      version: '6.1.176-1',
    });
    expect(() => kernelPackageOf({ Package: 'linux-image-s390x', Depends: 'linux-base' })).toThrow(
      /depends on no linux-image-<version>-s390x package/,
    );
  });

  it('names .deb files as apt-get download does, escaping the epoch colon', () => {
    expect(debFileName('busybox-static', '1:1.35.0-4+deb12u1+b1', 's390x')).toBe(
      'busybox-static_1%3a1.35.0-4+deb12u1+b1_s390x.deb',
    );
  });
});
