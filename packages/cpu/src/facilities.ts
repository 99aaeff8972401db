// Facilities ztab installs and reports through STFLE. Debian 12's kernel is built for z10
// and refuses to boot without 0, 1, 18, 21, 25, 27, 32, 33, 34, 35; its userland is
// built for z196 and uses facility 45. Vector, crypto (MSA), DFP, HFP multiply-add and
// transactional execution are deliberately absent.
export const DEFAULT_FACILITIES: readonly number[] = [
  0, // N3 instructions
  1, // z/Architecture installed
  2, // z/Architecture active
  3, // DAT enhancement
  7, // STFLE
  8, // EDAT-1
  18, // long displacement
  19, // long displacement, high performance
  21, // extended immediate
  22, // extended-translation 3 enhancement
  24, // extended-translation 2 enhancement
  25, // store clock fast
  26, // parsing enhancement
  27, // MVCOS
  30, // extended-translation 3
  31, // extract CPU time
  32, // compare-and-swap-and-store
  33, // compare-and-swap-and-store 2
  34, // general-instructions extension
  35, // execute extensions
  37, // floating-point extension
  41, // floating-point-support enhancement
  45, // distinct-operands, high-word, interlocked-access 1, load/store-on-condition 1, population-count
];
