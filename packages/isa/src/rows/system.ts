// Privileged and control instructions (PSW, control registers, DAT, storage keys, clocks,
// I/O, SIGP, DIAGNOSE, linkage stack and address-space control) plus the measurement
// and hypervisor-facing instructions the Linux kernel uses. Their semantics land with
// the privileged architecture; until then executing one is an operation exception.
//
// PRIV: privileged-operation exception in the problem state (PoP, "Privileged" in the
// instruction's program exceptions). SEMI: allowed in the problem state subject to
// controls (PSW-key mask, extraction-authority control, secondary-space control, ASN
// authorization) — the semiprivileged instructions of the PoP. Neither: the linkage-stack
// and trap instructions (BAKR, BSG, PR, EREG(G), ESTA, MSTA, TAR, TRAP2/4) run in the
// problem state and fail only with special-operation or ASN exceptions. END: the
// instruction can change the PSW, translation, interruption enablement or pending
// interruptions, so a translated block must not continue past it.
//
// Where QEMU differs (it treats SPKA, MVCP and MVCS as plainly privileged and does not
// check TPROT's privilege), the PoP is followed.
import { F, FAC, R, type InsnDef } from '../table.ts';

const { PRIV, SEMI, END, BRANCH, CC } = F;
const P = PRIV | END;

export const system: InsnDef[] = [
  // PSW and system mask
  R(0x82, 'lpsw', 'S', PRIV | BRANCH | END),
  R(0xb2b2, 'lpswe', 'S', PRIV | BRANCH | END, FAC.ZARCH),
  R(0xeb71, 'lpswey', 'SIY', PRIV | BRANCH | END, FAC.BASE, 'D1(B1)'),
  R(0x80, 'ssm', 'S', P),
  R(0xac, 'stnsm', 'SI', P),
  R(0xad, 'stosm', 'SI', P),
  R(0xb20a, 'spka', 'S', SEMI | END),
  R(0xb20b, 'ipk', 'S', SEMI, FAC.BASE, ''),
  R(0xb219, 'sac', 'S', SEMI | END),
  R(0xb279, 'sacf', 'S', SEMI | END),
  R(0xb224, 'iac', 'RRE', SEMI | CC, FAC.BASE, 'R1'),
  // control registers, prefix, CPU identity
  R(0xb7, 'lctl', 'RS-a', P, FAC.BASE, 'C1,C3,D2(B2)'),
  R(0xeb2f, 'lctlg', 'RSY-a', P, FAC.ZARCH, 'C1,C3,D2(B2)'),
  R(0xb6, 'stctl', 'RS-a', PRIV, FAC.BASE, 'C1,C3,D2(B2)'),
  R(0xeb25, 'stctg', 'RSY-a', PRIV, FAC.ZARCH, 'C1,C3,D2(B2)'),
  R(0xb210, 'spx', 'S', P),
  R(0xb211, 'stpx', 'S', PRIV),
  R(0xb202, 'stidp', 'S', PRIV),
  R(0xb212, 'stap', 'S', PRIV),
  R(0xb2b1, 'stfl', 'S', PRIV),
  R(0xb27d, 'stsi', 'S', PRIV | CC),
  R(0xb9a2, 'ptf', 'RRE', PRIV | CC, FAC.BASE, 'R1'),
  R(0xae, 'sigp', 'RS-a', P | CC),
  R(0x83, 'diag', 'RS-a', P),
  R(0xb214, 'sie', 'S', P),
  // DAT, TLB, storage keys
  R(0xb1, 'lra', 'RX-a', PRIV | CC),
  R(0xe313, 'lray', 'RXY-a', PRIV | CC, FAC.LONG_DISP),
  R(0xe303, 'lrag', 'RXY-a', PRIV | CC, FAC.ZARCH),
  R(0xe501, 'tprot', 'SSE', PRIV | CC),
  R(0xb221, 'ipte', 'RRF-a', P, FAC.BASE, 'R1,R2,R3?,M4?'),
  // Linux treats facility 3 (DAT enhancement) as the presence of IDTE, as QEMU does.
  R(0xb98e, 'idte', 'RRF-b', P, FAC.DAT_ENH, 'R1,R3,R2,M4?'),
  R(0xb98f, 'crdte', 'RRF-b', P | CC, FAC.BASE, 'R1,R3,R2,M4?'),
  R(0xb250, 'csp', 'RRE', P | CC),
  R(0xb98a, 'cspg', 'RRE', P | CC, FAC.DAT_ENH),
  R(0xb20d, 'ptlb', 'S', P, FAC.BASE, ''),
  R(0xb9aa, 'lptea', 'RRF-b', PRIV | CC, FAC.BASE, 'R1,R3,R2,M4'),
  R(0xb229, 'iske', 'RRE', PRIV),
  R(0xb22b, 'sske', 'RRF-c', P, FAC.BASE, 'R1,R2,M3?'),
  R(0xb22a, 'rrbe', 'RRE', PRIV | CC),
  R(0xb9ae, 'rrbm', 'RRE', PRIV),
  R(0xb223, 'ivsk', 'RRE', SEMI),
  R(0xb9af, 'pfmf', 'RRE', PRIV),
  R(0xb9ac, 'irbm', 'RRE', PRIV),
  R(0xb9a1, 'tpei', 'RRE', PRIV | CC),
  R(0xb22c, 'tb', 'RRE', PRIV | CC),
  R(0xb248, 'palb', 'RRE', P, FAC.BASE, ''),
  R(0xb24b, 'lura', 'RRE', PRIV),
  R(0xb905, 'lurag', 'RRE', PRIV, FAC.ZARCH),
  R(0xb246, 'stura', 'RRE', PRIV),
  R(0xb925, 'sturg', 'RRE', PRIV, FAC.ZARCH),
  R(0xb22e, 'pgin', 'RRE', PRIV | CC),
  R(0xb22f, 'pgout', 'RRE', PRIV | CC),
  R(0xe500, 'lasp', 'SSE', P | CC),
  R(0xe502, 'strag', 'SSE', PRIV),
  // clocks and timers
  R(0xb204, 'sck', 'S', P | CC),
  R(0xb206, 'sckc', 'S', P),
  R(0xb207, 'stckc', 'S', PRIV),
  R(0xb208, 'spt', 'S', P),
  R(0xb209, 'stpt', 'S', PRIV),
  R(0x0107, 'sckpf', 'E', PRIV),
  R(0x0104, 'ptff', 'E', SEMI | CC),
  // moves between address spaces and keys
  R(0xc800, 'mvcos', 'SSF', SEMI | CC, FAC.MVCOS),
  R(0xda, 'mvcp', 'SS-d', SEMI | CC),
  R(0xdb, 'mvcs', 'SS-d', SEMI | CC),
  R(0xd9, 'mvck', 'SS-d', SEMI | CC),
  R(0xe50e, 'mvcsk', 'SSE', SEMI),
  R(0xe50f, 'mvcdk', 'SSE', SEMI),
  // I/O (channel subsystem)
  R(0xb233, 'ssch', 'S', P | CC),
  R(0xb234, 'stsch', 'S', PRIV | CC),
  R(0xb232, 'msch', 'S', P | CC),
  R(0xb235, 'tsch', 'S', P | CC),
  R(0xb236, 'tpi', 'S', P | CC),
  R(0xb230, 'csch', 'S', P | CC, FAC.BASE, ''),
  R(0xb231, 'hsch', 'S', P | CC, FAC.BASE, ''),
  R(0xb276, 'xsch', 'S', P | CC, FAC.BASE, ''),
  R(0xb238, 'rsch', 'S', P | CC, FAC.BASE, ''),
  R(0xb23b, 'rchp', 'S', P | CC, FAC.BASE, ''),
  R(0xb237, 'sal', 'S', P, FAC.BASE, ''),
  R(0xb23c, 'schm', 'S', P, FAC.BASE, ''),
  R(0xb239, 'stcrw', 'S', PRIV | CC),
  R(0xb23a, 'stcps', 'S', PRIV),
  R(0xb25f, 'chsc', 'RRE', P | CC),
  R(0xb274, 'siga', 'S', P | CC),
  R(0xb220, 'servc', 'RRE', P | CC),
  // zPCI (not in the PoP; opcodes as Linux's arch/s390/pci and QEMU use them)
  R(0xebd0, 'pcistb', 'RSY-a', P | CC),
  R(0xebd1, 'sic', 'RSY-a', P),
  R(0xb9a0, 'clp', 'RRF-c', P | CC),
  R(0xb9d0, 'pcistg', 'RRE', P | CC),
  R(0xb9d2, 'pcilg', 'RRE', P | CC),
  R(0xb9d3, 'rpcit', 'RRE', P | CC),
  R(0xe3d0, 'mpcifc', 'RXY-a', P | CC),
  R(0xe3d4, 'stpcifc', 'RXY-a', PRIV | CC),
  // linkage stack, program call/transfer, ASN and authority
  R(0xb218, 'pc', 'S', SEMI | BRANCH | END),
  R(0xb228, 'pt', 'RRE', SEMI | BRANCH | END),
  R(0xb99e, 'pti', 'RRE', SEMI | BRANCH | END),
  R(0x0101, 'pr', 'E', BRANCH | END),
  R(0xb258, 'bsg', 'RRE', BRANCH | END),
  R(0xb25a, 'bsa', 'RRE', SEMI | BRANCH | END),
  R(0xb240, 'bakr', 'RRE', BRANCH | END),
  R(0xb24c, 'tar', 'RRE', CC, FAC.BASE, 'A1,R2'),
  R(0xb226, 'epar', 'RRE', SEMI, FAC.BASE, 'R1'),
  R(0xb227, 'esar', 'RRE', SEMI, FAC.BASE, 'R1'),
  R(0xb99a, 'epair', 'RRE', SEMI, FAC.ZARCH, 'R1'),
  R(0xb99b, 'esair', 'RRE', SEMI, FAC.ZARCH, 'R1'),
  R(0xb225, 'ssar', 'RRE', SEMI | END, FAC.BASE, 'R1'),
  R(0xb99f, 'ssair', 'RRE', SEMI | END, FAC.ZARCH, 'R1'),
  R(0xb249, 'ereg', 'RRE'),
  R(0xb90e, 'eregg', 'RRE', 0, FAC.ZARCH),
  R(0xb24a, 'esta', 'RRE', CC),
  R(0xb247, 'msta', 'RRE', 0, FAC.BASE, 'R1'),
  R(0xb99d, 'esea', 'RRE', PRIV, FAC.ZARCH, 'R1'),
  R(0xb277, 'rp', 'S', PRIV | BRANCH | END),
  // breaking-event-address register
  R(0xb200, 'lbear', 'S', PRIV),
  R(0xb201, 'stbear', 'S', PRIV),
  // trace and traps
  R(0x99, 'trace', 'RS-a', PRIV),
  R(0xeb0f, 'tracg', 'RSY-a', PRIV, FAC.ZARCH),
  R(0x01ff, 'trap2', 'E', BRANCH | END),
  R(0xb2ff, 'trap4', 'S', BRANCH | END),
  // CPU-measurement counter and sampling facilities, load program parameter
  R(0xb280, 'lpp', 'S', PRIV),
  R(0xb284, 'lcctl', 'S', PRIV),
  R(0xb285, 'lpctl', 'S', PRIV),
  R(0xb286, 'qsi', 'S', PRIV),
  R(0xb287, 'lsctl', 'S', PRIV),
  R(0xb28e, 'qctri', 'S', SEMI),
  R(0xb2e0, 'scctr', 'RRE', PRIV),
  R(0xb2e1, 'spctr', 'RRE', PRIV),
  R(0xb2e4, 'ecctr', 'RRE', SEMI | CC),
  R(0xb2e5, 'epctr', 'RRE', PRIV | CC),
  R(0xb2ed, 'ecpga', 'RRE', SEMI | CC),
  // crypto key management (privileged part of MSA-3)
  R(0xb928, 'pckmo', 'RRE', PRIV, FAC.MSA3, ''),
];
