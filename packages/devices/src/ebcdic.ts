// EBCDIC code page 500 <-> ISO-8859-1, for the SCLP line-mode console: Linux converts
// line-mode text with its CP 500 table when not running under z/VM, and QEMU's table
// agrees (the oracle checks '!' = 0x4f, ']' = 0x5a). Generated from Python's cp500 codec
// (a bijection on 0..255).

function table(hex: string): Uint8Array {
  const t = new Uint8Array(256);
  for (let k = 0; k < 256; k++) t[k] = parseInt(hex.slice(2 * k, 2 * k + 2), 16);
  return t;
}

export const EBCDIC_TO_LATIN1 = table(
  '000102039c09867f978d8e0b0c0d0e0f101112139d8508871819928f1c1d1e1f80818283840a171b88898a8b8c050607909116939495960498999a9b14159e1a20a0e2e4e0e1e3e5e7f15b2e3c282b2126e9eaebe8edeeefecdf5d242a293b5e2d2fc2c4c0c1c3c5c7d1a62c255f3e3ff8c9cacbc8cdcecfcc603a2340273d22d8616263646566676869abbbf0fdfeb1b06a6b6c6d6e6f707172aabae6b8c6a4b57e737475767778797aa1bfd0dddeaea2a3a5b7a9a7b6bcbdbeac7cafa8b4d77b414243444546474849adf4f6f2f3f57d4a4b4c4d4e4f505152b9fbfcf9faff5cf7535455565758595ab2d4d6d2d3d530313233343536373839b3dbdcd9da9f',
);

export const LATIN1_TO_EBCDIC = table(
  '00010203372d2e2f1605250b0c0d0e0f101112133c3d322618193f271c1d1e1f404f7f7b5b6c507d4d5d5c4e6b604b61f0f1f2f3f4f5f6f7f8f97a5e4c7e6e6f7cc1c2c3c4c5c6c7c8c9d1d2d3d4d5d6d7d8d9e2e3e4e5e6e7e8e94ae05a5f6d79818283848586878889919293949596979899a2a3a4a5a6a7a8a9c0bbd0a107202122232415061728292a2b2c090a1b30311a333435360838393a3b04143eff41aab0b19fb26ab5bdb49a8abacaafbc908feafabea0b6b39dda9b8bb7b8b9ab6465626663679e687471727378757677ac69edeeebefecbf80fdfefbfcadae594445424643479c4854515253585556578c49cdcecbcfcce170dddedbdc8d8edf',
);
