// Binary floating point in short, long and extended formats, the floating-point-register
// moves and sign operations, and the FPC register instructions.
//
// The floating-point-extension facility (37) gave several BFP instructions M3/M4 fields
// without new opcodes (LEDBR/LEDBRA, CFEBR/CFEBRA, ...). The table keeps one row per
// opcode, named by the original mnemonic, with the RRF-e format so both fields are
// always decoded; the semantics decide what a non-zero field means.
import { F, FAC, R, type InsnDef } from '../table.ts';

const { CC, TRAP } = F;
const T = TRAP;
const TC = TRAP | CC;
const { BASE, LONG_DISP, FP_EXT, FPS_ENH } = FAC;
const RRF_E = 'R1,M3,R2,M4';

export const bfp: InsnDef[] = [
  // ---- floating-point-register loads, stores and moves (no FPC effects)
  R(0x78, 'le', 'RX-a'),
  R(0xed64, 'ley', 'RXY-a', 0, LONG_DISP),
  R(0x68, 'ld', 'RX-a'),
  R(0xed65, 'ldy', 'RXY-a', 0, LONG_DISP),
  R(0x70, 'ste', 'RX-a'),
  R(0xed66, 'stey', 'RXY-a', 0, LONG_DISP),
  R(0x60, 'std', 'RX-a'),
  R(0xed67, 'stdy', 'RXY-a', 0, LONG_DISP),
  R(0x38, 'ler', 'RR'),
  R(0x28, 'ldr', 'RR'),
  R(0xb365, 'lxr', 'RRE', T),
  R(0xb374, 'lzer', 'RRE', 0, BASE, 'R1'),
  R(0xb375, 'lzdr', 'RRE', 0, BASE, 'R1'),
  R(0xb376, 'lzxr', 'RRE', T, BASE, 'R1'),
  R(0xb370, 'lpdfr', 'RRE', 0, FPS_ENH),
  R(0xb371, 'lndfr', 'RRE', 0, FPS_ENH),
  R(0xb373, 'lcdfr', 'RRE', 0, FPS_ENH),
  R(0xb372, 'cpsdr', 'RRF-b', 0, FPS_ENH, 'R1,R3,R2'),
  R(0xb3cd, 'lgdr', 'RRE', 0, FPS_ENH),
  R(0xb3c1, 'ldgr', 'RRE', 0, FPS_ENH),

  // ---- FPC register
  R(0xb384, 'sfpc', 'RRE', T, BASE, 'R1'),
  R(0xb385, 'sfasr', 'RRE', T, FPS_ENH, 'R1'),
  R(0xb38c, 'efpc', 'RRE', 0, BASE, 'R1'),
  R(0xb29d, 'lfpc', 'S', T),
  R(0xb2bd, 'lfas', 'S', T, FPS_ENH),
  R(0xb29c, 'stfpc', 'S'),
  R(0xb299, 'srnm', 'S'),
  R(0xb2b8, 'srnmb', 'S', T, FP_EXT),

  // ---- arithmetic
  R(0xb30a, 'aebr', 'RRE', TC),
  R(0xed0a, 'aeb', 'RXE', TC),
  R(0xb31a, 'adbr', 'RRE', TC),
  R(0xed1a, 'adb', 'RXE', TC),
  R(0xb34a, 'axbr', 'RRE', TC),
  R(0xb30b, 'sebr', 'RRE', TC),
  R(0xed0b, 'seb', 'RXE', TC),
  R(0xb31b, 'sdbr', 'RRE', TC),
  R(0xed1b, 'sdb', 'RXE', TC),
  R(0xb34b, 'sxbr', 'RRE', TC),
  R(0xb317, 'meebr', 'RRE', T),
  R(0xed17, 'meeb', 'RXE', T),
  R(0xb31c, 'mdbr', 'RRE', T),
  R(0xed1c, 'mdb', 'RXE', T),
  R(0xb34c, 'mxbr', 'RRE', T),
  R(0xb30c, 'mdebr', 'RRE', T),
  R(0xed0c, 'mdeb', 'RXE', T),
  R(0xb307, 'mxdbr', 'RRE', T),
  R(0xed07, 'mxdb', 'RXE', T),
  R(0xb30d, 'debr', 'RRE', T),
  R(0xed0d, 'deb', 'RXE', T),
  R(0xb31d, 'ddbr', 'RRE', T),
  R(0xed1d, 'ddb', 'RXE', T),
  R(0xb34d, 'dxbr', 'RRE', T),
  R(0xb30e, 'maebr', 'RRD', T, BASE, 'R1,R3,R2'),
  R(0xed0e, 'maeb', 'RXF', T, BASE, 'R1,R3,D2(X2,B2)'),
  R(0xb31e, 'madbr', 'RRD', T, BASE, 'R1,R3,R2'),
  R(0xed1e, 'madb', 'RXF', T, BASE, 'R1,R3,D2(X2,B2)'),
  R(0xb30f, 'msebr', 'RRD', T, BASE, 'R1,R3,R2'),
  R(0xed0f, 'mseb', 'RXF', T, BASE, 'R1,R3,D2(X2,B2)'),
  R(0xb31f, 'msdbr', 'RRD', T, BASE, 'R1,R3,R2'),
  R(0xed1f, 'msdb', 'RXF', T, BASE, 'R1,R3,D2(X2,B2)'),
  R(0xb314, 'sqebr', 'RRE', T),
  R(0xed14, 'sqeb', 'RXE', T),
  R(0xb315, 'sqdbr', 'RRE', T),
  R(0xed15, 'sqdb', 'RXE', T),
  R(0xb316, 'sqxbr', 'RRE', T),
  R(0xb353, 'diebr', 'RRF-b', TC, BASE, 'R1,R3,R2,M4'),
  R(0xb35b, 'didbr', 'RRF-b', TC, BASE, 'R1,R3,R2,M4'),

  // ---- comparison and test
  R(0xb309, 'cebr', 'RRE', TC),
  R(0xed09, 'ceb', 'RXE', TC),
  R(0xb319, 'cdbr', 'RRE', TC),
  R(0xed19, 'cdb', 'RXE', TC),
  R(0xb349, 'cxbr', 'RRE', TC),
  R(0xb308, 'kebr', 'RRE', TC),
  R(0xed08, 'keb', 'RXE', TC),
  R(0xb318, 'kdbr', 'RRE', TC),
  R(0xed18, 'kdb', 'RXE', TC),
  R(0xb348, 'kxbr', 'RRE', TC),
  // The second-operand address of TEST DATA CLASS is a bit mask, not a storage access.
  R(0xed10, 'tceb', 'RXE', CC),
  R(0xed11, 'tcdb', 'RXE', CC),
  R(0xed12, 'tcxb', 'RXE', TC),

  // ---- sign operations
  R(0xb302, 'ltebr', 'RRE', TC),
  R(0xb312, 'ltdbr', 'RRE', TC),
  R(0xb342, 'ltxbr', 'RRE', TC),
  R(0xb303, 'lcebr', 'RRE', TC),
  R(0xb313, 'lcdbr', 'RRE', TC),
  R(0xb343, 'lcxbr', 'RRE', TC),
  R(0xb301, 'lnebr', 'RRE', TC),
  R(0xb311, 'lndbr', 'RRE', TC),
  R(0xb341, 'lnxbr', 'RRE', TC),
  R(0xb300, 'lpebr', 'RRE', TC),
  R(0xb310, 'lpdbr', 'RRE', TC),
  R(0xb340, 'lpxbr', 'RRE', TC),

  // ---- format conversions between BFP formats
  R(0xb304, 'ldebr', 'RRE', T),
  R(0xed04, 'ldeb', 'RXE', T),
  R(0xb305, 'lxdbr', 'RRE', T),
  R(0xed05, 'lxdb', 'RXE', T),
  R(0xb306, 'lxebr', 'RRE', T),
  R(0xed06, 'lxeb', 'RXE', T),
  R(0xb344, 'ledbr', 'RRF-e', T, BASE, RRF_E),
  R(0xb345, 'ldxbr', 'RRF-e', T, BASE, RRF_E),
  R(0xb346, 'lexbr', 'RRF-e', T, BASE, RRF_E),
  R(0xb357, 'fiebr', 'RRF-e', T, BASE, RRF_E),
  R(0xb35f, 'fidbr', 'RRF-e', T, BASE, RRF_E),
  R(0xb347, 'fixbr', 'RRF-e', T, BASE, RRF_E),

  // ---- conversions from fixed point
  R(0xb394, 'cefbr', 'RRF-e', T, BASE, RRF_E),
  R(0xb395, 'cdfbr', 'RRF-e', T, BASE, RRF_E),
  R(0xb396, 'cxfbr', 'RRF-e', T, BASE, RRF_E),
  R(0xb3a4, 'cegbr', 'RRF-e', T, BASE, RRF_E),
  R(0xb3a5, 'cdgbr', 'RRF-e', T, BASE, RRF_E),
  R(0xb3a6, 'cxgbr', 'RRF-e', T, BASE, RRF_E),
  R(0xb390, 'celfbr', 'RRF-e', T, FP_EXT, RRF_E),
  R(0xb391, 'cdlfbr', 'RRF-e', T, FP_EXT, RRF_E),
  R(0xb392, 'cxlfbr', 'RRF-e', T, FP_EXT, RRF_E),
  R(0xb3a0, 'celgbr', 'RRF-e', T, FP_EXT, RRF_E),
  R(0xb3a1, 'cdlgbr', 'RRF-e', T, FP_EXT, RRF_E),
  R(0xb3a2, 'cxlgbr', 'RRF-e', T, FP_EXT, RRF_E),

  // ---- conversions to fixed point
  R(0xb398, 'cfebr', 'RRF-e', TC, BASE, RRF_E),
  R(0xb399, 'cfdbr', 'RRF-e', TC, BASE, RRF_E),
  R(0xb39a, 'cfxbr', 'RRF-e', TC, BASE, RRF_E),
  R(0xb3a8, 'cgebr', 'RRF-e', TC, BASE, RRF_E),
  R(0xb3a9, 'cgdbr', 'RRF-e', TC, BASE, RRF_E),
  R(0xb3aa, 'cgxbr', 'RRF-e', TC, BASE, RRF_E),
  R(0xb39c, 'clfebr', 'RRF-e', TC, FP_EXT, RRF_E),
  R(0xb39d, 'clfdbr', 'RRF-e', TC, FP_EXT, RRF_E),
  R(0xb39e, 'clfxbr', 'RRF-e', TC, FP_EXT, RRF_E),
  R(0xb3ac, 'clgebr', 'RRF-e', TC, FP_EXT, RRF_E),
  R(0xb3ad, 'clgdbr', 'RRF-e', TC, FP_EXT, RRF_E),
  R(0xb3ae, 'clgxbr', 'RRF-e', TC, FP_EXT, RRF_E),
];
