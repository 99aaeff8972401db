// Rows that no family owns — hexadecimal floating point, decimal floating point, vector,
// message-security assist, transactional execution and miscellaneous newer instructions —
// so that the decoder and disassembler know every instruction that appears in real
// binaries. Also temporary rows for family instructions: rows/index.ts drops an extra row
// whenever a family row has the same opcode, so these never collide and vanish on their
// own as the families land theirs. Their operand specs (`ops`, see disasm.ts) are the
// binutils syntax and stay in use by the disassembler for the family row that shadows
// them when both agree on the format.
//
// Facility numbers matter only for execution; none of these rows has semantics yet, so
// executing one is an operation exception either way.
//
// Vector instructions have formats (VRR, VRI, VRS, VRV, VRX) outside formats.ts; their
// rows borrow a six-byte format with the same length and storage-operand shape (RXE for
// the ones with a D2(X2,B2) or D2(B2) operand, RIE-f for the register-only ones) and
// describe their operands with raw bit positions (V@8 and so on).
import { F, FAC, R, type InsnDef } from '../table.ts';
import type { Format } from '../formats.ts';

const { CC, TRAP, BRANCH, END, USECC } = F;

/** Rows of one format from a 'mnemonic:opcode-hex ...' list. */
function G(fmt: Format, flags: number, fac: number, ops: string | undefined, list: string): InsnDef[] {
  return list.trim().split(/\s+/).map((e) => {
    const [mn, op] = e.split(':') as [string, string];
    return R(parseInt(op, 16), mn, fmt, flags, fac, ops);
  });
}

const B = FAC.BASE;
const V = FAC.VECTOR;

export const extra: InsnDef[] = [
  // ---- general-purpose RR / RRE / RRF
  ...G('RR', 0, B, undefined, `balr:05 bctr:06 bsm:0b bassm:0c basr:0d mvcl:0e clcl:0f lpr:10 lnr:11 ltr:12
    lcr:13 nr:14 clr:15 or:16 xr:17 lr:18 cr:19 ar:1a sr:1b mr:1c dr:1d alr:1e slr:1f`),
  R(0x04, 'spm', 'RR', CC | END, B, 'R1'),
  R(0x07, 'bcr', 'RR', BRANCH | END | USECC, B, 'I@8,R2'),
  R(0x0a, 'svc', 'I', BRANCH | END),
  ...G('E', 0, B, undefined, `upt:0102 pfpo:010a tam:010b sam24:010c sam31:010d sam64:010e`),
  ...G('RRE', 0, B, undefined, `bctgr:b946 lpgr:b900 lngr:b901 ltgr:b902 lcgr:b903 lgr:b904 lgbr:b906 lghr:b907
    agr:b908 sgr:b909 algr:b90a slgr:b90b msgr:b90c dsgr:b90d lrvgr:b90f lpgfr:b910 lngfr:b911 ltgfr:b912
    lcgfr:b913 lgfr:b914 llgfr:b916 llgtr:b917 agfr:b918 sgfr:b919 algfr:b91a slgfr:b91b msgfr:b91c
    dsgfr:b91d lrvr:b91f cgr:b920 clgr:b921 lbr:b926 lhr:b927 cgfr:b930 clgfr:b931 ngr:b980 ogr:b981
    xgr:b982 flogr:b983 llgcr:b984 llghr:b985 mlgr:b986 dlgr:b987 alcgr:b988 slbgr:b989 epsw:b98d
    llcr:b994 llhr:b995 mlr:b996 dlr:b997 alcr:b998 slbr:b999 chhr:b9cd chlr:b9dd clhhr:b9cf
    clhlr:b9df msr:b252 mvpg:b254 mvst:b255 cuse:b257 clst:b25d srst:b25e cksm:b241 tre:b2a5 srstu:b9be
    cu41:b9b2 cu42:b9b3 cmpsc:b263 sthyi:b256 kmf:b92a kmo:b92b km:b92e kmc:b92f kimd:b93e klmd:b93f
    kmac:b91e prno:b93c`),
  R(0xb929, 'kma', 'RRF-b', CC, FAC.BASE, 'R1,R3,R2'),
  R(0xb222, 'ipm', 'RRE', USECC, B, 'R1'),
  R(0xb9e1, 'popcnt', 'RRF-c', CC, FAC.Z196, 'R1,R2,M3?'),
  R(0xb24e, 'sar', 'RRE', 0, B, 'A1,R2'),
  R(0xb24f, 'ear', 'RRE', 0, B, 'R1,A2'),
  R(0xb24d, 'cpya', 'RRE', 0, B, 'A1,A2'),
  R(0xb2ec, 'etnd', 'RRE', 0, FAC.TX, 'R1'),
  R(0xb92c, 'pcc', 'RRE', CC, FAC.MSA4, ''),
  R(0xb92d, 'kmctr', 'RRF-b', CC, FAC.MSA4, 'R1,R3,R2'),
  ...G('RRF-a', 0, FAC.Z196, undefined, `ark:b9f8 agrk:b9e8 alrk:b9fa algrk:b9ea nrk:b9f4 ngrk:b9e4 xrk:b9f7 xgrk:b9e7
    ork:b9f6 ogrk:b9e6 srk:b9f9 sgrk:b9e9 slrk:b9fb slgrk:b9eb ahhhr:b9c8 ahhlr:b9d8 alhhhr:b9ca alhhlr:b9da
    shhhr:b9c9 shhlr:b9d9 slhhhr:b9cb slhhlr:b9db`),
  ...G('RRF-c', USECC, FAC.Z196, 'R1,R2,M3', `locr:b9f2 locgr:b9e2`),
  ...G('RRF-c', TRAP, B, 'R1,R2,M3', `crt:b972 cgrt:b960 clrt:b973 clgrt:b961`),
  R(0xb2e8, 'ppa', 'RRF-c', 0, FAC.MISC_INSN_EXT, 'R1,R2,M3'),
  ...G('RRF-c', CC, B, 'R1,R2,M3?', `cu21:b2a6 cu12:b2a7 cu14:b9b0 cu24:b9b1 troo:b993 trot:b992 trto:b991 trtt:b990
    trte:b9bf trtre:b9bd`),

  // ---- RX / RXY / RXE general
  ...G('RX-a', 0, B, undefined, `sth:40 la:41 stc:42 ic:43 ex:44 bal:45 bct:46 lh:48 ch:49 ah:4a sh:4b mh:4c bas:4d
    cvd:4e cvb:4f st:50 lae:51 n:54 cl:55 o:56 x:57 l:58 c:59 a:5a s:5b m:5c d:5d al:5e sl:5f ms:71`),
  R(0x47, 'bc', 'RX-b', BRANCH | END | USECC),
  ...G('RXY-a', 0, B, undefined, `lrag:e303 ltg:e302 lg:e304 cvby:e306 ag:e308 sg:e309 alg:e30a slg:e30b msg:e30c
    dsg:e30d cvbg:e30e lrvg:e30f lt:e312 lray:e313 lgf:e314 lgh:e315 llgf:e316 llgt:e317 agf:e318 sgf:e319
    algf:e31a slgf:e31b msgf:e31c dsgf:e31d lrv:e31e lrvh:e31f cg:e320 clg:e321 stg:e324 ntstg:e325 cvdy:e326
    cvdg:e32e strvg:e32f cgf:e330 clgf:e331 ltgf:e332 cgh:e334 strv:e33e strvh:e33f bctg:e346 sty:e350
    msy:e351 ny:e354 cly:e355 oy:e356 xy:e357 ly:e358 cy:e359 ay:e35a sy:e35b mfy:e35c aly:e35e sly:e35f
    sthy:e370 lay:e371 stcy:e372 icy:e373 laey:e375 lb:e376 lgb:e377 lhy:e378 chy:e379 ahy:e37a shy:e37b
    mhy:e37c ng:e380 og:e381 xg:e382 msgc:e383 mg:e384 lgat:e385 mlg:e386 dlg:e387 alcg:e388 slbg:e389
    stpq:e38e lpq:e38f llgc:e390 llgh:e391 llc:e394 llh:e395 ml:e396 dl:e397 alc:e398 slb:e399 llgtat:e39c
    llgfat:e39d lat:e39f lbh:e3c0 llch:e3c2 stch:e3c3 lhh:e3c4 llhh:e3c6 sthh:e3c7 lfhat:e3c8 lfh:e3ca
    stfh:e3cb chf:e3cd clhf:e3cf`),
  R(0xe336, 'pfd', 'RXY-b', 0, FAC.GEN_EXT, 'M1,D2(X2,B2)'),

  // ---- RS / RSY
  ...G('RS-a', 0, B, undefined, `bxh:86 bxle:87 stm:90 lm:98 cs:ba cds:bb mvcle:a8 clcle:a9`),
  ...G('RS-a', 0, B, 'R1,D2(B2)', `srl:88 sll:89 sra:8a sla:8b srdl:8c sldl:8d srda:8e slda:8f`),
  R(0x9a, 'lam', 'RS-a', 0, B, 'A1,A3,D2(B2)'),
  R(0x9b, 'stam', 'RS-a', 0, B, 'A1,A3,D2(B2)'),
  ...G('RS-b', 0, B, undefined, `clm:bd stcm:be icm:bf`),
  ...G('RSI', BRANCH | END, B, undefined, `brxh:84 brxle:85`),
  ...G('RSY-a', 0, B, undefined, `lmg:eb04 srag:eb0a slag:eb0b srlg:eb0c sllg:eb0d rllg:eb1c rll:eb1d stmg:eb24
    stmh:eb26 csy:eb14 csg:eb30 cdsy:eb31 cdsg:eb3e bxhg:eb44 bxleg:eb45 ecag:eb4c mvclu:eb8e clclu:eb8f
    lmh:eb96 lmy:eb98 stmy:eb90 slak:ebdd sllk:ebdf srak:ebdc srlk:ebde laa:ebf8 laag:ebe8 laal:ebfa
    laalg:ebea lan:ebf4 lang:ebe4 lax:ebf7 laxg:ebe7 lao:ebf6 laog:ebe6`),
  R(0xeb9a, 'lamy', 'RSY-a', 0, B, 'A1,A3,D2(B2)'),
  R(0xeb9b, 'stamy', 'RSY-a', 0, B, 'A1,A3,D2(B2)'),
  ...G('RSY-b', 0, B, undefined, `clmh:eb20 clmy:eb21 stcmh:eb2c stcmy:eb2d icmh:eb80 icmy:eb81`),
  ...G('RSY-b', USECC, FAC.Z196, 'R1,D2(B2),M3', `loc:ebf2 locg:ebe2 stoc:ebf3 stocg:ebe3`),
  ...G('RSY-b', TRAP, FAC.MISC_INSN_EXT, 'R1,M3,D2(B2)', `clt:eb23 clgt:eb2b`),
  ...G('RSL-a', CC, B, undefined, `tp:ebc0`),

  // ---- SI / SIY / SIL
  ...G('SI', 0, B, undefined, `tm:91 mvi:92 ni:94 cli:95 oi:96 xi:97 mc:af`),
  R(0x93, 'ts', 'S', CC),
  ...G('SIY', 0, B, undefined, `tmy:eb51 mviy:eb52 niy:eb54 cliy:eb55 oiy:eb56 xiy:eb57`),
  ...G('SIY', 0, B, 'D1(B1),S2', `asi:eb6a agsi:eb7a alsi:eb6e algsi:eb7e`),
  ...G('SIL', 0, B, undefined, `mvhhi:e544 mvghi:e548 mvhi:e54c chhsi:e554 cghsi:e558 chsi:e55c`),
  ...G('SIL', 0, B, 'D1(B1),I2', `clhhsi:e555 clghsi:e559 clfhsi:e55d tbegin:e560 tbeginc:e561`),

  // ---- RI / RIL
  ...G('RI-a', 0, B, 'R1,I2', `tmlh:a700 tmll:a701 tmhh:a702 tmhl:a703 iihh:a500 iihl:a501 iilh:a502 iill:a503
    nihh:a504 nihl:a505 nilh:a506 nill:a507 oihh:a508 oihl:a509 oilh:a50a oill:a50b llihh:a50c llihl:a50d
    llilh:a50e llill:a50f`),
  ...G('RI-a', 0, B, undefined, `lhi:a708 lghi:a709 ahi:a70a aghi:a70b mhi:a70c mghi:a70d chi:a70e cghi:a70f`),
  ...G('RI-b', BRANCH | END, B, undefined, `bras:a705 brct:a706 brctg:a707`),
  R(0xa704, 'brc', 'RI-c', BRANCH | END | USECC),
  R(0xc004, 'brcl', 'RIL-c', BRANCH | END | USECC),
  ...G('RIL-b', BRANCH | END, B, undefined, `brasl:c005 brcth:cc06`),
  ...G('RIL-b', 0, B, undefined, `larl:c000 exrl:c600 llhrl:c402 lghrl:c404 lhrl:c405 llghrl:c406 sthrl:c407
    lgrl:c408 stgrl:c40b lgfrl:c40c lrl:c40d llgfrl:c40e strl:c40f cghrl:c604 chrl:c605 clghrl:c606
    clhrl:c607 cgrl:c608 clgrl:c60a cgfrl:c60c crl:c60d clgfrl:c60e clrl:c60f`),
  R(0xc602, 'pfdrl', 'RIL-c', 0, FAC.GEN_EXT, 'M1,J2'),
  ...G('RIL-a', 0, B, undefined, `lgfi:c001 msgfi:c200 msfi:c201 agfi:c208 afi:c209 cgfi:c20c cfi:c20d aih:cc08
    alsih:cc0a alsihn:cc0b cih:cc0d`),
  ...G('RIL-a', 0, B, 'R1,I2', `xihf:c006 xilf:c007 iihf:c008 iilf:c009 nihf:c00a nilf:c00b oihf:c00c oilf:c00d
    llihf:c00e llilf:c00f slgfi:c204 slfi:c205 algfi:c20a alfi:c20b clgfi:c20e clfi:c20f clih:cc0f`),

  // ---- RIE / RIS / RRS (compare and branch, rotate, distinct-operand immediates)
  ...G('RIE-b', BRANCH | END, B, undefined, `crj:ec76 cgrj:ec64 clrj:ec77 clgrj:ec65`),
  ...G('RIE-c', BRANCH | END, B, undefined, `cij:ec7e cgij:ec7c`),
  ...G('RIE-c', BRANCH | END, B, 'R1,I2,M3,J4', `clij:ec7f clgij:ec7d`),
  ...G('RIE-a', TRAP, B, undefined, `cit:ec72 cgit:ec70`),
  ...G('RIE-a', TRAP, B, 'R1,I2,M3', `clfit:ec73 clgit:ec71`),
  ...G('RIE-d', 0, FAC.Z196, undefined, `ahik:ecd8 aghik:ecd9 alhsik:ecda alghsik:ecdb`),
  ...G('RIE-e', BRANCH | END, B, undefined, `brxhg:ec44 brxlg:ec45`),
  ...G('RIE-f', 0, B, undefined, `rnsbg:ec54 risbg:ec55 rosbg:ec56 rxsbg:ec57 risbgn:ec59 risblg:ec51 risbhg:ec5d`),
  ...G('RIE-g', USECC, FAC.LOAD_STORE_ON_COND_2, undefined, `lochi:ec42 locghi:ec46 lochhi:ec4e`),
  ...G('RIS', BRANCH | END, B, undefined, `cib:ecfe cgib:ecfc`),
  ...G('RIS', BRANCH | END, B, 'R1,I2,M3,D4(B4)', `clib:ecff clgib:ecfd`),
  ...G('RRS', BRANCH | END, B, undefined, `crb:ecf6 cgrb:ece4 clrb:ecf7 clgrb:ece5`),

  // ---- storage-to-storage
  ...G('SS-a', 0, B, undefined, `mvn:d1 mvc:d2 mvz:d3 nc:d4 clc:d5 oc:d6 xc:d7 tr:dc trt:dd ed:de edmk:df trtr:d0
    mvcin:e8 unpka:ea unpku:e2`),
  ...G('SS-b', 0, B, undefined, `mvo:f1 pack:f2 unpk:f3 zap:f8 cp:f9 ap:fa sp:fb mp:fc dp:fd`),
  ...G('SS-c', 0, B, undefined, `srp:f0`),
  R(0xee, 'plo', 'SS-e', CC, B, 'R1,D2(B2),R3,D4(B4)'),
  R(0xef, 'lmd', 'SS-e', 0, B),
  ...G('SS-f', 0, B, undefined, `pka:e9 pku:e1`),
  ...G('SSF', 0, B, undefined, `ectg:c801 csst:c802`),
  ...G('SSF', 0, B, 'R3,D1(B1),D2(B2)', `lpd:c804 lpdg:c805`),

  // ---- S format, problem state
  ...G('S', 0, B, undefined, `stck:b205 stcke:b278 stckf:b27c stfle:b2b0 srnm:b299 stfpc:b29c lfpc:b29d srnmb:b2b8
    srnmt:b2b9 lfas:b2bd tabort:b2fc cfc:b21a`),
  R(0xb2f8, 'tend', 'S', CC | END, FAC.TX, ''),
  R(0xb2fa, 'niai', 'IE', 0, FAC.MISC_INSN_EXT),
  R(0xc7, 'bpp', 'SMI', 0, FAC.MISC_INSN_EXT),
  R(0xc5, 'bprp', 'MII', 0, FAC.MISC_INSN_EXT),

  // ---- binary floating point
  ...G('RRE', 0, B, 'F1,F2', `lpebr:b300 lnebr:b301 ltebr:b302 lcebr:b303 ldebr:b304 lxdbr:b305 lxebr:b306
    mxdbr:b307 kebr:b308 cebr:b309 aebr:b30a sebr:b30b mdebr:b30c debr:b30d lpdbr:b310 lndbr:b311 ltdbr:b312
    lcdbr:b313 sqebr:b314 sqdbr:b315 sqxbr:b316 meebr:b317 kdbr:b318 cdbr:b319 adbr:b31a sdbr:b31b mdbr:b31c
    ddbr:b31d lpxbr:b340 lnxbr:b341 ltxbr:b342 lcxbr:b343 kxbr:b348 cxbr:b349 axbr:b34a sxbr:b34b mxbr:b34c
    dxbr:b34d thder:b358 thdr:b359 lpdfr:b370 lndfr:b371 lcdfr:b373 lxr:b365`),
  ...G('RRE', 0, B, 'F1', `lzer:b374 lzdr:b375 lzxr:b376`),
  ...G('RRE', 0, B, 'R1,R2?', `efpc:b38c sfpc:b384`),
  R(0xb385, 'sfasr', 'RRE', 0, B, 'R1'),
  ...G('RRF-e', 0, B, 'F1,R2', `cefbr:b394 cdfbr:b395 cxfbr:b396 cegbr:b3a4 cdgbr:b3a5 cxgbr:b3a6`),
  ...G('RRF-e', 0, B, 'F1,M3,R2,M4', `celfbr:b390 cdlfbr:b391 cxlfbr:b392 celgbr:b3a0 cdlgbr:b3a1 cxlgbr:b3a2`),
  ...G('RRF-e', 0, B, 'R1,M3,F2', `cfebr:b398 cfdbr:b399 cfxbr:b39a cgebr:b3a8 cgdbr:b3a9 cgxbr:b3aa`),
  ...G('RRF-e', 0, B, 'R1,M3,F2,M4', `clfebr:b39c clfdbr:b39d clfxbr:b39e clgebr:b3ac clgdbr:b3ad clgxbr:b3ae`),
  ...G('RRF-e', 0, B, 'F1,M3,F2', `fiebr:b357 fidbr:b35f fixbr:b347`),
  ...G('RRF-e', 0, B, 'F1,F2', `ledbr:b344 ldxbr:b345 lexbr:b346`),
  ...G('RRF-e', 0, B, 'F1,M3,F2', `tbedr:b350 tbdr:b351`),
  ...G('RRF-b', 0, B, 'F1,F3,F2,M4', `diebr:b353 didbr:b35b`),
  R(0xb372, 'cpsdr', 'RRF-b', 0, FAC.FPS_ENH, 'F1,F3,F2'),
  R(0xb3c1, 'ldgr', 'RRE', 0, FAC.FPS_ENH, 'F1,R2'),
  R(0xb3cd, 'lgdr', 'RRE', 0, FAC.FPS_ENH, 'R1,F2'),
  ...G('RRD', 0, B, 'F1,F3,F2', `maebr:b30e msebr:b30f madbr:b31e msdbr:b31f`),
  ...G('RXE', 0, B, 'F1,D2(X2,B2)', `ldeb:ed04 lxdb:ed05 lxeb:ed06 mxdb:ed07 keb:ed08 ceb:ed09 aeb:ed0a seb:ed0b
    mdeb:ed0c deb:ed0d tceb:ed10 tcdb:ed11 tcxb:ed12 sqeb:ed14 sqdb:ed15 meeb:ed17 kdb:ed18 cdb:ed19 adb:ed1a
    sdb:ed1b mdb:ed1c ddb:ed1d lde:ed24 lxd:ed25 lxe:ed26 sqe:ed34 sqd:ed35 mee:ed37 tdcet:ed50 tdget:ed51
    tdcdt:ed54 tdgdt:ed55 tdcxt:ed58 tdgxt:ed59`),
  ...G('RXF', 0, B, 'F1,F3,D2(X2,B2)', `maeb:ed0e mseb:ed0f madb:ed1e msdb:ed1f mae:ed2e mse:ed2f mad:ed3e msd:ed3f
    sldt:ed40 srdt:ed41 slxt:ed48 srxt:ed49`),
  ...G('RX-a', 0, B, 'F1,D2(X2,B2)', `std:60 mxd:67 ld:68 cd:69 ad:6a sd:6b md:6c dd:6d aw:6e sw:6f ste:70 le:78
    ce:79 ae:7a se:7b mde:7c de:7d au:7e su:7f`),
  ...G('RXY-a', 0, B, 'F1,D2(X2,B2)', `ley:ed64 ldy:ed65 stey:ed66 stdy:ed67`),

  // ---- hexadecimal floating point registers
  ...G('RR', 0, B, 'F1,F2', `lpdr:20 lndr:21 ltdr:22 lcdr:23 hdr:24 ldxr:25 mxr:26 mxdr:27 ldr:28 cdr:29 adr:2a
    sdr:2b mdr:2c ddr:2d awr:2e swr:2f lper:30 lner:31 lter:32 lcer:33 her:34 ledr:35 axr:36 sxr:37 ler:38
    cer:39 aer:3a ser:3b mder:3c der:3d aur:3e sur:3f`),
  ...G('RRE', 0, B, 'F1,F2', `dxr:b22d sqdr:b244 sqer:b245 lpxr:b360 lnxr:b361 ltxr:b362 lcxr:b363 lexr:b366
    fixr:b367 cxr:b369 lder:b324 lxdr:b325 lxer:b326 meer:b337 sqxr:b336 fier:b377 fidr:b37f`),
  ...G('RRE', 0, B, 'F1,R2', `cefr:b3b4 cdfr:b3b5 cxfr:b3b6 cegr:b3c4 cdgr:b3c5 cxgr:b3c6`),
  ...G('RRF-e', 0, B, 'R1,M3,F2', `cfer:b3b8 cfdr:b3b9 cfxr:b3ba cger:b3c8 cgdr:b3c9 cgxr:b3ca`),
  ...G('RRD', 0, B, 'F1,F3,F2', `maer:b32e mser:b32f madr:b33e msdr:b33f`),

  // ---- decimal floating point
  ...G('RRF-a', 0, FAC.DFP, 'F1,F2,F3', `mdtr:b3d0 ddtr:b3d1 adtr:b3d2 sdtr:b3d3 mxtr:b3d8 dxtr:b3d9 axtr:b3da
    sxtr:b3db`),
  ...G('RRE', 0, FAC.DFP, 'F1,F2', `ltdtr:b3d6 ltxtr:b3de kdtr:b3e0 cdtr:b3e4 kxtr:b3e8 cxtr:b3ec cedtr:b3f4
    cextr:b3fc`),
  ...G('RRE', 0, FAC.DFP, 'R1,F2', `eedtr:b3e5 esdtr:b3e7 eextr:b3ed esxtr:b3ef cudtr:b3e2 cuxtr:b3ea`),
  ...G('RRE', 0, FAC.DFP, 'F1,R2', `cdstr:b3f3 cxstr:b3fb cdutr:b3f2 cxutr:b3fa`),
  ...G('RRF-e', 0, FAC.DFP, 'F1,R2', `cdgtr:b3f1 cxgtr:b3f9`),
  ...G('RRF-e', 0, FAC.DFP, 'R1,M3,F2', `cgdtr:b3e1 cgxtr:b3e9`),
  ...G('RRF-d', 0, FAC.DFP, 'R1,F2,M4', `csdtr:b3e3 csxtr:b3eb`),
  ...G('RRF-d', 0, FAC.DFP, 'F1,F2,M4', `ldetr:b3d4 lxdtr:b3dc`),
  ...G('RRF-e', 0, FAC.DFP, 'F1,M3,F2,M4', `ledtr:b3d5 ldxtr:b3dd fidtr:b3d7 fixtr:b3df`),
  ...G('RRF-b', 0, FAC.DFP, 'F1,F3,R2', `iedtr:b3f6 iextr:b3fe`),
  ...G('RRF-b', 0, FAC.DFP, 'F1,F3,F2,M4', `qadtr:b3f5 qaxtr:b3fd`),

  // ---- newer general instructions (misc-instruction-extensions 2 and 3, guarded storage,
  // load-and-zero-rightmost-byte, select, high-word load/store on condition)
  ...G('RXY-a', 0, FAC.MISC_INSN_EXT_2, undefined, `agh:e338 sgh:e339 mgh:e33c msc:e353 lgg:e34c llgfsg:e348
    lgsc:e34d stgsc:e349 lzrg:e32a llzrgf:e33a lzrf:e33b`),
  R(0xe347, 'bic', 'RXY-b', BRANCH | END | USECC, FAC.MISC_INSN_EXT_2),
  ...G('RRF-a', 0, FAC.MISC_INSN_EXT_2, undefined, `msrkc:b9fd msgrkc:b9ed mgrk:b9ec ncrk:b9f5 ncgrk:b9e5
    nnrk:b974 nngrk:b964 nork:b976 nogrk:b966 nxrk:b977 nxgrk:b967 ocrk:b975 ocgrk:b965`),
  ...G('RRF-a', USECC, FAC.BASE, 'R1,R2,R3,M4', `selr:b9f0 selgr:b9e3 selfhr:b9c0`),
  ...G('RSY-b', USECC, FAC.LOAD_STORE_ON_COND_2, 'R1,D2(B2),M3', `locfh:ebe0 stocfh:ebe1`),
  R(0xb9e0, 'locfhr', 'RRF-c', USECC, FAC.LOAD_STORE_ON_COND_2, 'R1,R2,M3'),
  R(0xe50a, 'mvcrl', 'SSE', 0, FAC.BASE),
  R(0xb28f, 'qpaci', 'S', CC, FAC.BASE),
  R(0xb939, 'dfltcc', 'RRF-a', CC, FAC.BASE, 'R1,R2,R3'),
  R(0xb93a, 'kdsa', 'RRE', CC, FAC.BASE),
  R(0xb93b, 'nnpa', 'RRE', CC, FAC.BASE, ''),
  R(0xb98b, 'rdp', 'RRF-b', CC, FAC.BASE, 'R1,R3,R2,M4?'),
  R(0xb938, 'sortl', 'RRE', CC, FAC.BASE),

  // ---- more decimal floating point: logical and 32-bit conversions, reround, zoned and
  // packed conversions
  ...G('RRF-e', 0, FAC.DFP, 'F1,M3,R2,M4', `cdftr:b951 cxftr:b959 cdlgtr:b952 cxlgtr:b95a cdlftr:b953 cxlftr:b95b`),
  ...G('RRF-e', 0, FAC.DFP, 'R1,M3,F2,M4', `cfdtr:b941 cfxtr:b949 clgdtr:b942 clgxtr:b94a clfdtr:b943 clfxtr:b94b`),
  ...G('RRF-b', 0, FAC.DFP, 'F1,F3,R2,M4', `rrdtr:b3f7 rrxtr:b3ff`),
  ...G('RSL-b', 0, FAC.DFP_ZONED, undefined, `czdt:eda8 czxt:eda9 cdzt:edaa cxzt:edab cpdt:edac cpxt:edad
    cdpt:edae cxpt:edaf`),

  // ---- hexadecimal floating point: unnormalized multiply (and add)
  ...G('RRD', 0, FAC.HFP_UNNORM, 'F1,F3,F2', `maylr:b338 mylr:b339 mayr:b33a myr:b33b mayhr:b33c myhr:b33d`),
  ...G('RXF', 0, FAC.HFP_UNNORM, 'F1,F3,D2(X2,B2)', `mayl:ed38 myl:ed39 may:ed3a my:ed3b mayh:ed3c myh:ed3d`),

  // ---- vector enhancements 2 (byte- and element-reversed loads and stores, E6xx)
  ...G('RXE', 0, V, 'V@8,D2(X2,B2),M@32', `vlebrh:e601 vlebrg:e602 vlebrf:e603 vllebrz:e604 vlbrrep:e605
    vlbr:e606 vler:e607 vstebrh:e609 vstebrg:e60a vstebrf:e60b vstbr:e60e vster:e60f`),
  // ---- vector packed decimal (VSI and VRI-g layouts)
  ...G('RXE', 0, V, 'V@32,D2(B2),I@8:8', `vpkz:e634 vlrl:e635 vupkz:e63c vstrl:e63d`),
  ...G('RIE-f', 0, V, 'V@8,V@12,I@28:8,I@16:8,M@24', `vsrp:e659 vpsop:e65b`),
  // ---- vector packed decimal (z14+) and NNP data-type conversions (z16), further layouts
  ...G('RXE', 0, V, 'V@32,R@12,D2(B2)', `vlrlr:e637 vstrlr:e63f`),
  ...G('RIE-f', 0, V, 'V@8,I@16:16,I@32:4', `vlip:e649`),
  ...G('RIE-f', 0, V, 'R@8,V@12,M@24,M@28?', `vcvb:e650 vcvbg:e652`),
  ...G('RIE-f', 0, V, 'V@8,V@12,M@24', `vclzdp:e651 vupkzh:e654 vupkzl:e65c`),
  ...G('RIE-f', 0, V, 'V@8,V@12,M@32,M@28', `vcnf:e655 vclfnh:e656 vcfn:e65d vclfnl:e65e`),
  ...G('RIE-f', 0, V, 'V@8,R@12,I@28:8,M@24', `vcvd:e658 vcvdg:e65a`),
  ...G('RIE-f', 0, V, 'V@12', `vtp:e65f`),
  ...G('RIE-f', 0, V, 'V@8,V@12,V@16,I@28:8,M@24', `vpkzr:e670 vap:e671 vsrpr:e672 vsp:e673 vmp:e678 vmsp:e679
    vdp:e67a vrp:e67b vsdp:e67e`),
  ...G('RIE-f', 0, V, 'V@8,V@12,V@16,M@32,M@24', `vschp:e674`),
  ...G('RIE-f', 0, V, 'V@8,V@12,V@16,M@32,M@28', `vcrnf:e675`),
  ...G('RIE-f', 0, V, 'V@12,V@16,M@24', `vcp:e677`),
  ...G('RIE-f', 0, V, 'V@8,V@12,V@16', `vscshp:e67c`),
  ...G('RIE-f', 0, V, 'V@8,V@12,V@16,M@24', `vcsph:e67d`),
  // ---- vector multiply and add (VRR-d)
  ...G('RIE-f', 0, V, 'V@8,V@12,V@16,V@32,M@20', `vmal:e7aa vmah:e7ab vmalh:e7a9 vmae:e7ae vmale:e7ac vmao:e7af
    vmalo:e7ad`),

  // ---- vector (facility 129): loads, stores, moves
  R(0xe727, 'lcbb', 'RXE', CC, V, 'R1,D2(X2,B2),M3'),
  ...G('RXE', 0, V, 'V@8,D2(X2,B2),M@32?', `vl:e706 vst:e70e`),
  ...G('RXE', 0, V, 'V@8,D2(X2,B2),M@32', `vlbb:e707 vleb:e700 vleh:e701 vleg:e702 vlef:e703 vsteb:e708 vsteh:e709
    vsteg:e70a vstef:e70b`),
  ...G('RXE', 0, V, 'V@8,D2(X2,B2)', `vlrep:e705 vllez:e704`),
  ...G('RXE', 0, V, 'V@8,V@12,D2(B2),M@32?', `vlm:e736 vstm:e73e`),
  ...G('RXE', 0, V, 'V@8,R@12,D2(B2)', `vll:e737 vstl:e73f`),
  ...G('RXE', 0, V, 'R@8,V@12,D2(B2)', `vlgv:e721`),
  ...G('RXE', 0, V, 'V@8,R@12,D2(B2)', `vlvg:e722`),
  ...G('RXE', 0, V, 'V@8,D2(V@12,B2),M@32', `vgef:e713 vgeg:e712 vscef:e71b vsceg:e71a`),
  ...G('RXE', 0, V, 'V@8,V@12,D2(B2)', `verll:e733 vesl:e730 vesra:e73a vesrl:e738`),
  ...G('RIE-f', 0, V, 'V@8,V@12', `vlr:e756`),
  ...G('RIE-f', 0, V, 'V@8,R@12,R@16', `vlvgp:e762`),
  ...G('RIE-f', 0, V, 'V@8,I@16:16', `vgbm:e744`),
  ...G('RIE-f', 0, V, 'V@8,S@16:16,M@32', `vleib:e740 vleih:e741 vleig:e742 vleif:e743`),
  ...G('RIE-f', 0, V, 'V@8,S@16:16', `vrepi:e745`),
  ...G('RIE-f', 0, V, 'V@8,I@16:8,I@24:8', `vgm:e746`),
  ...G('RIE-f', 0, V, 'V@8,V@12,I@16:16', `vrep:e74d`),
  ...G('RIE-f', 0, V, 'V@8,V@12,V@16,V@32', `vperm:e78c vsel:e78d`),
  ...G('RIE-f', 0, V, 'V@8,V@12,V@16,M@32', `vpdi:e784`),
  ...G('RIE-f', 0, V, 'V@8,V@12,V@16', `vn:e768 vnc:e769 vo:e76a vno:e76b vx:e76d vsl:e774 vslb:e775 vsra:e77e
    vsrab:e77f vsrl:e77c vsrlb:e77d vcksm:e766 vmrh:e761 vmrl:e760 vpk:e794 va:e7f3 vs:e7f7 vceq:e7f8 vch:e7fb
    vchl:e7f9 vmn:e7fe vmnl:e7fc vmx:e7ff vmxl:e7fd vavgl:e7f0 vavg:e7f2 vacc:e7f1 vscbi:e7f5 vml:e7a2 vmh:e7a3
    vmlh:e7a1 verllv:e773 veslv:e770 vesrav:e77a vesrlv:e778 vfee:e780 vfene:e781 vfae:e782`),
  ...G('RIE-f', 0, V, 'V@8,V@12', `vuph:e7d7 vuplh:e7d5 vupll:e7d4 vupl:e7d6 vec:e7db vecl:e7d9 vlc:e7de vlp:e7df
    vclz:e753 vctz:e752 vseg:e75f vistr:e75c vpopct:e750`),
  ...G('RIE-f', 0, V, 'V@8,V@12,V@16,V@32', `vstrc:e78a vstrs:e78b`),
  // ---- more vector integer and logical instructions
  ...G('RIE-f', 0, V, 'V@8,V@12,V@16', `vnx:e76c vnn:e76e voc:e76f vbperm:e785 vsumb:e764 vsumg:e765 vsumq:e767
    vmle:e7a4 vmlo:e7a5 vme:e7a6 vmo:e7a7 vgfm:e7b4`),
  ...G('RIE-f', 0, V, 'V@8,V@12', `vtm:e7d8`),
  ...G('RIE-f', 0, V, 'V@8,V@12,V@16,V@32,M@20', `vac:e7bb vaccc:e7b9 vsbi:e7bf vsbcbi:e7bd vgfma:e7bc`),
  ...G('RIE-f', 0, V, 'V@8,V@12,V@16,V@32,M@20,M@24', `vmsl:e7b8`),
  ...G('RIE-f', 0, V, 'V@8,V@12,V@16,I@24:8,M@32', `verim:e772`),
  ...G('RIE-f', 0, V, 'V@8,V@12,V@16,I@24:8', `vsldb:e777 vsld:e786 vsrd:e787`),
  ...G('RIE-f', 0, V, 'V@8,V@12,V@16,M@32,M@24', `vpks:e797 vpkls:e795`),
  // ---- vector floating point compares, min/max, test data class
  ...G('RIE-f', 0, V, 'V@8,V@12,V@16,M@32,M@28,M@24', `vfce:e7e8 vfch:e7eb vfche:e7ea vfmin:e7ee vfmax:e7ef`),
  ...G('RIE-f', 0, V, 'V@8,V@12,M@32,M@28', `wfc:e7cb wfk:e7ca`),
  ...G('RIE-f', 0, V, 'V@8,V@12,I@16:12,M@32,M@28', `vftci:e74a`),
  // ---- vector floating point (the common arithmetic; spelled by disasm.ts's fpRules)
  ...G('RIE-f', 0, V, 'V@8,V@12,V@16,M@32,M@28', `vfa:e7e3 vfs:e7e2 vfm:e7e7 vfd:e7e5`),
  ...G('RIE-f', 0, V, 'V@8,V@12,M@32,M@28', `vfsq:e7ce`),
  ...G('RIE-f', 0, V, 'V@8,V@12,V@16,V@32,M@28,M@20', `vfma:e78f vfms:e78e vfnma:e79f vfnms:e79e`),
  ...G('RIE-f', 0, V, 'V@8,V@12,M@32,M@28,M@24', `vfpso:e7cc`),
  ...G('RIE-f', 0, V, 'V@8,V@12,M@32,M@28,M@24', `vcfps:e7c3 vcfpl:e7c1 vcsfp:e7c2 vclfp:e7c0 vfi:e7c7 vflr:e7c5`),
  ...G('RIE-f', 0, V, 'V@8,V@12,M@32,M@28', `vfll:e7c4`),
];
