// Decimal (packed and zoned) instructions, conversions between binary and decimal, and
// the edit instructions.
import { F, FAC, R, type InsnDef } from '../table.ts';

const { CC, TRAP } = F;

export const decimal: InsnDef[] = [
  // Packed-decimal arithmetic: data exceptions on invalid digits or signs, decimal
  // overflow (AP, SP, ZAP, SRP) and decimal divide (DP).
  R(0xfa, 'ap', 'SS-b', CC | TRAP),
  R(0xfb, 'sp', 'SS-b', CC | TRAP),
  R(0xfc, 'mp', 'SS-b', TRAP),
  R(0xfd, 'dp', 'SS-b', TRAP),
  R(0xf8, 'zap', 'SS-b', CC | TRAP),
  R(0xf9, 'cp', 'SS-b', CC | TRAP),
  R(0xf0, 'srp', 'SS-c', CC | TRAP),
  R(0xebc0, 'tp', 'RSL-a', CC),
  // Format conversions between zoned, packed, ASCII and Unicode digits.
  R(0xf2, 'pack', 'SS-b'),
  R(0xe9, 'pka', 'SS-f', TRAP),
  R(0xe1, 'pku', 'SS-f', TRAP),
  R(0xf3, 'unpk', 'SS-b'),
  R(0xea, 'unpka', 'SS-a', CC | TRAP),
  R(0xe2, 'unpku', 'SS-a', CC | TRAP),
  R(0xf1, 'mvo', 'SS-b'),
  R(0xd1, 'mvn', 'SS-a'),
  R(0xd3, 'mvz', 'SS-a'),
  // Edit: pattern-driven formatting of packed digits; EDMK also marks the first
  // significant digit's address in GR1.
  R(0xde, 'ed', 'SS-a', CC | TRAP),
  R(0xdf, 'edmk', 'SS-a', CC | TRAP),
  // Binary <-> packed decimal.
  R(0x4f, 'cvb', 'RX-a', TRAP),
  R(0xe306, 'cvby', 'RXY-a', TRAP, FAC.LONG_DISP),
  R(0xe30e, 'cvbg', 'RXY-a', TRAP, FAC.ZARCH),
  R(0x4e, 'cvd', 'RX-a'),
  R(0xe326, 'cvdy', 'RXY-a', 0, FAC.LONG_DISP),
  R(0xe32e, 'cvdg', 'RXY-a', 0, FAC.ZARCH),
];
