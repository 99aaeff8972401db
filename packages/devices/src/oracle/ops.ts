// The device-oracle script: a list of storage pokes, I/O instructions and dumps that
// guest.c executes under qemu-system-s390x (gen.ts records the results in
// fixture.json) and oracle.test.ts replays against IoSystem. The machine on both sides:
// s390-ccw-virtio, 128 MiB, one CPU, devices virtio-blk (1 MiB zero disk, devno 0),
// virtio-net (devno 1), virtio-rng (devno 2), a second virtio-rng (devno 3) and a second
// virtio-blk (devno 4, 1 MiB disk filled with diskPattern) for the driver-ring flows; the
// SCLP has the line-mode console too (its output is compared as a whole).

export const KIND = {
  POKE: 0, FILL: 1, DUMP: 2, SERVC: 3, STSCH: 4, MSCH: 5, SSCH: 6, TSCH: 7, CSCH: 8, HSCH: 9, XSCH: 10, RSCH: 11,
  STCRW: 12, CHSC: 13, TPI: 14, DIAG500: 15, POLL: 16,
} as const;

export interface Op {
  kind: number;
  a: number;
  b: number;
  c: number;
  len: number;
  data?: number[];
  /** What the step checks (for failure messages). */
  note: string;
}

export const RAM_MB = 128;
export const DISK_BYTES = 1 << 20;
/** Contents of the second disk. */
export const diskPattern = (k: number): number => (k * 7 + (k >> 9)) & 0xff;
/** Keyboard input given to the VT220 console before the script runs (QEMU: on stdin). */
export const CONSOLE_INPUT = 'hello sclp\n';

const ops: Op[] = [];
let note = '';
const op = (kind: number, a = 0, b = 0, c = 0, len = 0, data?: number[]) => { ops.push({ kind, a, b, c, len, data, note }); };
const fill = (a: number, len: number, v = 0) => op(KIND.FILL, a, v, 0, len);
const poke = (a: number, bytes: number[]) => op(KIND.POKE, a, 0, 0, bytes.length, bytes);
const be16 = (v: number) => [(v >>> 8) & 0xff, v & 0xff];
const be32 = (v: number) => [(v >>> 24) & 0xff, (v >>> 16) & 0xff, (v >>> 8) & 0xff, v & 0xff];
const be64 = (v: number) => [...be32(Math.floor(v / 4294967296)), ...be32(v >>> 0)];
const dump = (a: number, len: number) => op(KIND.DUMP, a, 0, 0, len);
const servc = (cmd: number, a: number) => op(KIND.SERVC, a, cmd);
const sid = (n: number) => (0x00010000 | n) >>> 0;

const SCCB = 0x20000;
const SCHIB = 0x21000;
const ORB = 0x21100;
const IRB = 0x21200;
const CCW = 0x22000;
const DATA = 0x23000;
const CHSC = 0x28000;

/** A fresh SCCB: zeros, then header length / function code / control byte 2. */
function sccb(len: number, fc = 0, ctl2 = 0, at = SCCB) {
  fill(at, 4096);
  poke(at, [...be16(len), fc, 0, 0, ctl2]);
}

// ---------------- SCLP ----------------
note = 'READ SCP INFO';
sccb(4096, 0x80, 0x80); servc(0x00020001, SCCB); dump(SCCB, 160);
note = 'READ SCP INFO FORCED';
sccb(4096); servc(0x00120001, SCCB); dump(SCCB, 160);
note = 'READ CPU INFO';
sccb(4096); servc(0x00010001, SCCB); dump(SCCB, 48);
note = 'READ SCP INFO, short SCCB';
sccb(150); servc(0x00020001, SCCB); dump(SCCB, 16);
note = 'READ STORAGE INFO (not supported)';
sccb(4096); servc(0x00040001, SCCB); dump(SCCB, 16);
note = 'random command word';
sccb(4096); servc(0x12345678, SCCB); dump(SCCB, 16);
note = 'SCCB crossing a page';
sccb(4096, 0, 0, SCCB + 0x800); servc(0x00020001, SCCB + 0x800); dump(SCCB + 0x800, 16);
note = 'SCCB in the first 8 KiB'; servc(0x00020001, 0x1000);
note = 'SCCB not doubleword aligned'; servc(0x00020001, SCCB + 4);
note = 'SCCB above 2 GiB'; servc(0x00020001, 0x80000000);
note = 'SCCB beyond RAM'; servc(0x00020001, 0x7fff0000);
note = 'SCCB length 7'; sccb(7); servc(0x00020001, SCCB);
note = 'CONFIGURE I/O ADAPTER, PCI';
sccb(16); poke(SCCB + 8, [2]); servc(0x001a0001, SCCB); dump(SCCB, 16);
note = 'DECONFIGURE I/O ADAPTER, short';
sccb(12); servc(0x001b0001, SCCB); dump(SCCB, 16);
note = 'WRITE EVENT MASK, 4 bytes';
sccb(28); poke(SCCB + 10, [0, 4, 0, 0, 0, 0x48, 0, 0, 0, 0x40]); servc(0x00780005, SCCB); dump(SCCB, 28);
note = 'WRITE EVENT MASK, 8 bytes';
sccb(44); poke(SCCB + 10, [0, 8, 0, 0, 0, 0x48, 0, 0, 0, 0, 0, 0, 0, 0x40]); servc(0x00780005, SCCB); dump(SCCB, 44);
note = 'WRITE EVENT MASK, 2 bytes';
sccb(20); poke(SCCB + 10, [0, 2, 0x40, 0, 0x40, 0]); servc(0x00780005, SCCB); dump(SCCB, 20);
note = 'WRITE EVENT MASK, length 0';
sccb(12); servc(0x00780005, SCCB); dump(SCCB, 12);
note = 'WRITE EVENT MASK, length 1022';
sccb(4096); poke(SCCB + 10, be16(1022)); servc(0x00780005, SCCB); dump(SCCB, 12);
note = 'WRITE EVENT MASK, guest receives VT220 + quiesce';
sccb(28); poke(SCCB + 10, [0, 4, 0, 0, 0, 0x48, 0, 0, 0, 0x40]); servc(0x00780005, SCCB);
note = 'WRITE EVENT DATA, buffer longer than the SCCB';
sccb(14); poke(SCCB + 8, [0, 7, 0x1a, 0]); servc(0x00760005, SCCB); dump(SCCB, 16);
note = 'WRITE EVENT DATA, buffer shorter than its header';
sccb(14); poke(SCCB + 8, [0, 5, 0x1a, 0]); servc(0x00760005, SCCB); dump(SCCB, 16);
note = 'WRITE EVENT DATA, unknown type then VT220';
sccb(8 + 6 + 6); poke(SCCB + 8, [0, 6, 0x05, 0, 0, 0, 0, 6, 0x1a, 0x80, 0, 0]); servc(0x00760005, SCCB); dump(SCCB, 20);
note = 'WRITE EVENT DATA, quiesce type (no write handler)';
sccb(8 + 6); poke(SCCB + 8, [0, 6, 0x1d, 0]); servc(0x00760005, SCCB); dump(SCCB, 16);
note = 'WRITE EVENT DATA, function code 1';
sccb(16, 1); servc(0x00760005, SCCB); dump(SCCB, 16);
note = 'WRITE EVENT DATA, empty VT220 buffer';
sccb(8 + 6); poke(SCCB + 8, [0, 6, 0x1a, 0]); servc(0x00760005, SCCB); dump(SCCB, 16);
note = 'READ EVENT DATA, the console input (QEMU read stdin at start-up)';
sccb(4096, 0, 0x80); servc(0x00770005, SCCB); dump(SCCB, 32);
note = 'READ EVENT DATA, nothing pending';
sccb(4096, 0, 0x80); servc(0x00770005, SCCB); dump(SCCB, 16);
note = 'READ EVENT DATA, half page';
sccb(2048); servc(0x00770005, SCCB); dump(SCCB, 16);
note = 'READ EVENT DATA, selective, mask not enabled';
sccb(4096, 1); poke(SCCB + 8, [0x80, 0, 0, 0]); servc(0x00770005, SCCB); dump(SCCB, 16);
note = 'READ EVENT DATA, selective, VT220';
sccb(4096, 1); poke(SCCB + 8, [0, 0, 0, 0x40]); servc(0x00770005, SCCB); dump(SCCB, 16);
note = 'READ EVENT DATA, function code 2';
sccb(4096, 2); servc(0x00770005, SCCB); dump(SCCB, 16);

// ---------------- channel subsystem ----------------
for (let n = 0; n < 4; n++) {
  note = `STSCH subchannel ${n}`;
  fill(SCHIB, 52, 0xee); op(KIND.STSCH, SCHIB, sid(n)); dump(SCHIB, 52);
}
note = 'STSCH SID without the one bit'; op(KIND.STSCH, SCHIB, 0);
note = 'STSCH CSSID without M'; op(KIND.STSCH, SCHIB, 0xfe010000);
note = 'STSCH M=1 CSSID 0xfe'; op(KIND.STSCH, SCHIB, 0xfe090001); dump(SCHIB, 8);
note = 'STSCH M=1 CSSID 0'; op(KIND.STSCH, SCHIB, 0x00090001);
note = 'STSCH subchannel set 1'; op(KIND.STSCH, SCHIB, 0x00030000);
note = 'STSCH unaligned'; op(KIND.STSCH, SCHIB + 2, sid(0));
note = 'TSCH disabled subchannel'; op(KIND.TSCH, IRB, sid(0));
note = 'SSCH disabled subchannel';
poke(ORB, [...be32(0x11223344), 0x00, 0xc2, 0x80, 0x00, ...be32(CCW)]); op(KIND.SSCH, ORB, sid(0));

for (let n = 0; n < 3; n++) {
  note = `MSCH enable subchannel ${n}, ISC 3`;
  op(KIND.STSCH, SCHIB, sid(n));
  poke(SCHIB, be32(0xcafe0000 + n)); poke(SCHIB + 4, [0x18, 0x81]); poke(SCHIB + 6, [0x12, 0x34]);
  op(KIND.MSCH, SCHIB, sid(n)); fill(SCHIB, 52, 0xee); op(KIND.STSCH, SCHIB, sid(n)); dump(SCHIB, 52);
}
note = 'MSCH reserved flag bits'; op(KIND.STSCH, SCHIB, sid(0)); poke(SCHIB + 4, [0x40, 0x81]); op(KIND.MSCH, SCHIB, sid(0));
note = 'MSCH ignored bit 5'; poke(SCHIB + 4, [0x1c, 0x81]); op(KIND.MSCH, SCHIB, sid(0));
op(KIND.STSCH, SCHIB, sid(0)); dump(SCHIB, 8);
note = 'MSCH extended measurement'; poke(SCHIB + 24, be32(2)); op(KIND.MSCH, SCHIB, sid(0));
note = 'MSCH chars reserved'; poke(SCHIB + 24, be32(0x100)); op(KIND.MSCH, SCHIB, sid(0));
note = 'MSCH concurrent sense'; poke(SCHIB + 24, be32(1)); op(KIND.MSCH, SCHIB, sid(2)); poke(SCHIB + 24, be32(0));

/** Write format-1 CCWs at CCW, an ORB pointing there, SSCH, TPI, TSCH, dumps. */
function program(n: number, ccws: number[][], ctrl0 = 0x00c2, lpm = 0x80, ctrl1 = 0, dataLen = 48) {
  ccws.forEach((c, k) => poke(CCW + 8 * k, [c[0]!, c[1]!, ...be16(c[2]!), ...be32(c[3]!)]));
  poke(ORB, [...be32(0x11223344 + n), ...be16(ctrl0), lpm, ctrl1, ...be32(CCW)]);
  op(KIND.SSCH, ORB, sid(n));
  fill(0xb8, 12, 0xee); op(KIND.TPI, 0, 0x10); dump(0xb8, 12);
  fill(IRB, 96, 0xee); op(KIND.TSCH, IRB, sid(n)); dump(IRB, 96);
  if (dataLen) dump(DATA, dataLen);
}

note = 'SENSE ID, SLI';
fill(DATA, 300, 0xee); program(0, [[0xe4, 0x20, 40, DATA]]);
note = 'TSCH again'; fill(IRB, 16, 0xee); op(KIND.TSCH, IRB, sid(0)); dump(IRB, 16);
note = 'SENSE ID, 256 bytes'; fill(DATA, 300, 0xee); program(1, [[0xe4, 0x00, 256, DATA]], 0x00c2, 0x80, 0, 260);
note = 'SENSE ID, count 40 without SLI'; fill(DATA, 300, 0xee); program(2, [[0xe4, 0x00, 40, DATA]]);
note = 'SENSE ID, count 3 with SLI'; fill(DATA, 300, 0xee); program(2, [[0xe4, 0x20, 3, DATA]], 0x00c2, 0x80, 0, 8);
note = 'NOP chain then unknown command'; program(0, [[0x03, 0x40, 0, 0], [0x99, 0x00, 8, DATA]], 0x00c2, 0x80, 0, 0);
note = 'BASIC SENSE after the command reject'; fill(DATA, 48, 0xee); program(0, [[0x04, 0x00, 32, DATA]]);
note = 'BASIC SENSE with SLI, 48 bytes'; fill(DATA, 64, 0xee); program(0, [[0x04, 0x20, 48, DATA]], 0x00c2, 0x80, 0, 56);
note = 'NOP/TIC loop without data addresses'; program(0, [[0x03, 0x40, 0, 0], [0x08, 0x00, 0, CCW]], 0x00c2, 0x80, 0, 0);
note = 'TIC to TIC'; program(0, [[0x08, 0x00, 0, CCW + 8], [0x08, 0x00, 0, CCW]], 0x00c2, 0x80, 0, 0);
note = 'TIC with flags'; program(0, [[0x08, 0x40, 0, CCW + 8], [0x03, 0x00, 0, 0]], 0x00c2, 0x80, 0, 0);
note = 'command code 0'; program(0, [[0x00, 0x00, 0, 0]], 0x00c2, 0x80, 0, 0);
note = 'CCW with MIDA flag'; program(0, [[0x03, 0x01, 0, 0]], 0x00c2, 0x80, 0, 0);
note = 'suspend flag without ORB S'; program(0, [[0x03, 0x02, 0, 0]], 0x00c2, 0x80, 0, 0);
note = 'CCW address beyond RAM'; program(0, [[0x03, 0x40, 0, 0], [0x08, 0x00, 0, 0x7ffffff0]], 0x00c2, 0x80, 0, 0);
note = 'SENSE ID data beyond 2 GiB-1'; program(0, [[0xe4, 0x20, 16, 0x7ffffff8]], 0x00c2, 0x80, 0, 0);
note = 'ORB reserved bit'; poke(ORB + 4, [0x00, 0xc6]); op(KIND.SSCH, ORB, sid(0));
note = 'ORB MIDAW'; poke(ORB + 4, [0x00, 0xc2, 0x80, 0x40]); op(KIND.SSCH, ORB, sid(0));
note = 'ORB ctrl1 reserved'; poke(ORB + 4, [0x00, 0xc2, 0x80, 0x02]); op(KIND.SSCH, ORB, sid(0));
note = 'ORB 64-bit CPA'; poke(ORB + 4, [0x00, 0xc2, 0x80, 0x00, 0x80, 0x02, 0x20, 0x00]); op(KIND.SSCH, ORB, sid(0));
note = 'ORB unaligned'; op(KIND.SSCH, ORB + 2, sid(0));
note = 'LPM 0: deferred CC 3'; program(0, [[0x03, 0x00, 0, 0]], 0x00c2, 0x00, 0, 0);
note = 'format-0 SENSE ID';
fill(DATA, 48, 0xee); poke(CCW, [0xe4, ...be32(DATA).slice(1), 0x20, 0x00, ...be16(8)]);
poke(ORB, [...be32(0x55), 0x00, 0x00, 0x80, 0x00, ...be32(CCW)]); op(KIND.SSCH, ORB, sid(1));
fill(IRB, 16, 0xee); op(KIND.TSCH, IRB, sid(1)); dump(IRB, 16); dump(DATA, 16);
note = 'format-0 CCW with count 0'; fill(CCW, 8, 0); poke(CCW, [0x03, 0, 0x10, 0, 0, 0, 0, 0]);
op(KIND.SSCH, ORB, sid(1)); fill(IRB, 16, 0xee); op(KIND.TSCH, IRB, sid(1)); dump(IRB, 16);
note = 'suspend with ORB S, then resume';
program(0, [[0x03, 0x40, 0, 0], [0x03, 0x02, 0, 0]], 0x08c2, 0x80, 0, 0);
poke(CCW + 9, [0x00]); op(KIND.RSCH, 0, sid(0)); fill(IRB, 16, 0xee); op(KIND.TSCH, IRB, sid(0)); dump(IRB, 16);
note = 'RSCH when not suspended'; op(KIND.RSCH, 0, sid(0));
note = 'XSCH idle'; op(KIND.XSCH, 0, sid(0));
note = 'HSCH idle'; op(KIND.HSCH, 0, sid(0)); op(KIND.HSCH, 0, sid(0));
fill(0xb8, 12, 0xee); op(KIND.TPI, 0, 0x10); dump(0xb8, 12);
fill(IRB, 16, 0xee); op(KIND.TSCH, IRB, sid(0)); dump(IRB, 16);
note = 'CSCH idle'; op(KIND.CSCH, 0, sid(0)); fill(IRB, 16, 0xee); op(KIND.TSCH, IRB, sid(0)); dump(IRB, 16);
note = 'CSCH/HSCH/XSCH/RSCH on a missing subchannel';
op(KIND.CSCH, 0, sid(5)); op(KIND.HSCH, 0, sid(5)); op(KIND.XSCH, 0, sid(5)); op(KIND.RSCH, 0, sid(5));
note = 'STCRW nothing pending'; fill(0x24000, 4, 0xee); op(KIND.STCRW, 0x24000); dump(0x24000, 4);
note = 'TPI nothing pending, into storage'; fill(0x24000, 12, 0xee); op(KIND.TPI, 0x24000, 0xff); dump(0x24000, 12);
note = 'SENSE ID through format-2 IDAWs across a 4 KiB block';
fill(0x25000, 0x3000, 0xee);
poke(0x24100, [...be64(0x25ffc), ...be64(0x27000)]);
program(1, [[0xe4, 0x24, 8, 0x24100]], 0x00c2, 0x80, 0, 0); dump(0x25ff8, 12); dump(0x27000, 8);
note = 'SENSE ID through format-1 IDAWs (2 KiB blocks)';
fill(0x25000, 0x3000, 0xee);
poke(0x24100, [...be32(0x257fe), ...be32(0x26000)]);
program(1, [[0xe4, 0x24, 6, 0x24100]], 0x0080, 0x80, 0, 0); dump(0x257f8, 12); dump(0x26000, 8);
note = 'format-1 IDAW with bit 0';
poke(0x24100, be32(0x80025000)); program(1, [[0xe4, 0x24, 6, 0x24100]], 0x0080, 0x80, 0, 0);
note = 'format-2 IDAWs, 2 KiB blocks (T bit)';
fill(0x25000, 0x3000, 0xee);
poke(0x24100, [...be64(0x257fe), ...be64(0x26000)]);
program(1, [[0xe4, 0x24, 6, 0x24100]], 0x00c3, 0x80, 0, 0); dump(0x257f8, 12); dump(0x26000, 8);

// ---------------- CHSC ----------------
function chsc(len: number, cmd: number, p0 = 0, p1 = 0, dumpLen = 32) {
  fill(CHSC, 4096, 0xee);
  fill(CHSC, len, 0);
  poke(CHSC, [...be16(len), ...be16(cmd), ...be32(p0), ...be32(p1)]);
  op(KIND.CHSC, CHSC);
  if (dumpLen) dump(CHSC + len, dumpLen);
}
note = 'CHSC store channel-subsystem characteristics'; chsc(16, 0x0010, 0, 0, 64);
op(KIND.DUMP, CHSC + 16 + 8 + 2040, 0, 0, 16);
note = 'CHSC SCSC, format 1'; chsc(16, 0x0010, 0x00010000);
note = 'CHSC SCSC, cssid 1 without M'; chsc(16, 0x0010, 0x00000100);
note = 'CHSC SCSC, len 24'; chsc(24, 0x0010);
note = 'CHSC store channel-path description'; chsc(16, 0x0002, 0, 0xff, 48);
note = 'CHSC SCPD, C bit'; chsc(16, 0x0002, 0x10000000, 0xff, 48);
note = 'CHSC SCPD, chpid 1..2'; chsc(16, 0x0002, 0x00000001, 0x02, 16);
note = 'CHSC SCPD, last < first'; chsc(16, 0x0002, 0x00000005, 0x02, 16);
note = 'CHSC SCPD, rfmt 2'; chsc(16, 0x0002, 0x00000200, 0xff, 16);
note = 'CHSC store subchannel description'; chsc(16, 0x0004, 0, 0, 16);
note = 'CHSC store event information'; chsc(16, 0x000e, 0, 0, 16);
note = 'CHSC set domain attributes, MSS'; chsc(0x400, 0x0031, 2, 0, 16);
note = 'CHSC SDA, bad operation code'; chsc(0x400, 0x0031, 1, 0, 16);
note = 'CHSC SDA, bad length'; chsc(16, 0x0031, 2, 0, 16);
note = 'CHSC channel measurement characteristics'; chsc(16, 0x0022, 0, 0, 16);
note = 'CHSC length 12'; chsc(12, 0x0010, 0, 0, 0);
note = 'CHSC length 4096'; chsc(4096, 0x0010, 0, 0, 0);
note = 'CHSC unaligned'; op(KIND.CHSC, CHSC + 8);
note = 'STSCH subchannel set 1 after MSS'; op(KIND.STSCH, SCHIB, 0x00030000);

// ---------------- virtio-ccw ----------------
/** One virtio-ccw command on subchannel n with `data` at DATA; dumps the IRB and `dumpLen` bytes. */
function vcmd(n: number, cmd: number, flags: number, count: number, data: number[], dumpLen: number) {
  fill(DATA, 64, 0xee);
  poke(DATA, data);
  program(n, [[cmd, flags, count, DATA]], 0x00c2, 0x80, 0, 0);
  if (dumpLen) dump(DATA, dumpLen);
}
for (let n = 0; n < 3; n++) {
  note = `virtio ${n}: READ_VQ_CONF before revision (becomes legacy)`;
  vcmd(n, 0x32, 0, 4, [0, 0], 4);
  note = `virtio ${n}: SET_VIRTIO_REV 2 after legacy`;
  vcmd(n, 0x83, 0, 4, [0, 2, 0, 0], 0);
  note = `virtio ${n}: READ_FEAT 0/1 legacy`;
  vcmd(n, 0x12, 0, 5, [0, 0, 0, 0, 0], 5);
  vcmd(n, 0x12, 0, 5, [0, 0, 0, 0, 1], 5);
  note = `virtio ${n}: READ_VQ_CONF 1, 2, 1024`;
  vcmd(n, 0x32, 0, 4, [0, 1], 4);
  vcmd(n, 0x32, 0, 4, [0, 2], 4);
  vcmd(n, 0x32, 0, 4, [4, 0], 4);
  note = `virtio ${n}: READ_STATUS in legacy mode`;
  vcmd(n, 0x72, 0, 1, [], 1);
}
note = 'virtio-rng: READ_CONF 0';
vcmd(2, 0x22, 0, 0, [], 0);
note = 'virtio-rng: READ_CONF 1 (beyond the empty config)';
vcmd(2, 0x22, 0, 1, [], 0);
note = 'virtio-blk: READ_FEAT count 4';
vcmd(0, 0x12, 0, 4, [0, 0, 0, 0], 0);
note = 'virtio-blk: READ_FEAT SLI count 8';
vcmd(0, 0x12, 0x20, 8, [0, 0, 0, 0, 0], 8);
note = 'virtio-blk: WRITE_STATUS 1, 3';
vcmd(0, 0x31, 0, 1, [1], 0);
vcmd(0, 0x31, 0, 1, [3], 0);
note = 'virtio-blk: unknown command 0x63';
vcmd(0, 0x63, 0, 1, [1], 0);
note = 'virtio-blk: SET_IND then SET_IND_ADAPTER (rejected)';
vcmd(0, 0x43, 0, 8, be64(0x29000), 0);
vcmd(0, 0x73, 0, 25, [...be64(0x29100), ...be64(0x29200), ...be64(0), 3], 0);
note = 'virtio-blk: SET_VQ legacy, bad alignment';
vcmd(0, 0x13, 0, 16, [...be64(0x30000), ...be32(4095), ...be16(0), ...be16(256)], 0);
note = 'virtio-blk: SET_VQ legacy, queue too small';
vcmd(0, 0x13, 0, 16, [...be64(0x30000), ...be32(4096), ...be16(0), ...be16(8)], 0);
note = 'virtio-blk: SET_VQ legacy, index 1024';
vcmd(0, 0x13, 0, 16, [...be64(0x30000), ...be32(4096), ...be16(1024), ...be16(256)], 0);
note = 'virtio-blk: SET_VQ legacy ok';
vcmd(0, 0x13, 0, 16, [...be64(0x30000), ...be32(4096), ...be16(0), ...be16(256)], 0);
note = 'virtio-blk: VDEV_RESET';
vcmd(0, 0x33, 0, 0, [], 0);
note = 'diag 500: notify bad subchannel'; op(KIND.DIAG500, sid(9), 3, 0);
note = 'diag 500: notify queue 5'; op(KIND.DIAG500, sid(0), 3, 5);
note = 'diag 500: notify queue 1024'; op(KIND.DIAG500, sid(0), 3, 1024);
note = 'diag 500: notify queue 0'; op(KIND.DIAG500, sid(0), 3, 0);
note = 'diag 500: early printk'; op(KIND.DIAG500, 0x1000, 0, 0);
note = 'diag 500: function 1'; op(KIND.DIAG500, 0, 1, 0);
note = 'diag 500: function 7'; op(KIND.DIAG500, 0, 7, 0);
note = 'pending I/O interruptions after all that'; fill(0xb8, 12, 0xee); op(KIND.TPI, 0, 0xff); dump(0xb8, 12);

// ---------------- driver rings ----------------
const le16 = (v: number) => [v & 0xff, (v >>> 8) & 0xff];
const le32 = (v: number) => [...le16(v & 0xffff), ...le16(v >>> 16)];
const le64 = (v: number) => [...le32(v >>> 0), ...le32(Math.floor(v / 4294967296))];
/** One split-ring descriptor in the driver's byte order. */
const desc = (le: boolean, addr: number, len: number, flags: number, next: number) =>
  le ? [...le64(addr), ...le32(len), ...le16(flags), ...le16(next)] : [...be64(addr), ...be32(len), ...be16(flags), ...be16(next)];

note = 'enable subchannels 3 and 4';
for (const n of [3, 4]) {
  op(KIND.STSCH, SCHIB, sid(n)); poke(SCHIB + 4, [0x18, 0x81]); op(KIND.MSCH, SCHIB, sid(n));
}

// Modern virtio-blk on subchannel 4: revision 2, VERSION_1, adapter interruptions.
const Q = 0x40000, AV = 0x41000, US = 0x42000, NUM = 16;
const SUMMARY = 0x43000, IND = 0x43100, CONFIND = 0x43200;
note = 'modern blk: SET_VIRTIO_REV 2'; vcmd(4, 0x83, 0, 4, [0, 2, 0, 0], 0);
note = 'modern blk: READ_FEAT 0'; vcmd(4, 0x12, 0, 5, [0, 0, 0, 0, 0], 5);
note = 'modern blk: READ_FEAT 1'; vcmd(4, 0x12, 0, 5, [0, 0, 0, 0, 1], 5);
note = 'modern blk: bring-up';
vcmd(4, 0x31, 0, 1, [1], 0); vcmd(4, 0x31, 0, 1, [3], 0);
vcmd(4, 0x11, 0, 5, [...le32((1 << 28) | (1 << 2) | (1 << 6) | (1 << 9)), 0], 0);
vcmd(4, 0x11, 0, 5, [...le32(1), 1], 0);
vcmd(4, 0x31, 0, 1, [0x0b], 0);
note = 'modern blk: READ_STATUS'; vcmd(4, 0x72, 0, 1, [], 1);
note = 'modern blk: READ_VQ_CONF 0'; vcmd(4, 0x32, 0, 4, [0, 0], 4);
note = 'modern blk: READ_CONF'; vcmd(4, 0x22, 0, 24, [], 16); dump(DATA + 20, 4);
note = 'modern blk: SET_VQ num 16'; fill(Q, 0x3000, 0);
vcmd(4, 0x13, 0, 32, [...be64(Q), 0, 0, 0, 0, ...be16(0), ...be16(NUM), ...be64(AV), ...be64(US)], 0);
note = 'modern blk: SET_VQ num larger than the maximum';
vcmd(4, 0x13, 0, 32, [...be64(Q), 0, 0, 0, 0, ...be16(0), ...be16(512), ...be64(AV), ...be64(US)], 0);
note = 'modern blk: SET_IND_ADAPTER'; fill(SUMMARY, 0x300, 0);
vcmd(4, 0x73, 0, 25, [...be64(SUMMARY), ...be64(IND), ...be64(0x20), 3], 0);
note = 'modern blk: SET_CONF_IND'; vcmd(4, 0x53, 0, 8, be64(CONFIND), 0);
note = 'modern blk: SET_IND after adapter indicators'; vcmd(4, 0x43, 0, 8, be64(CONFIND + 0x10), 0);
note = 'modern blk: DRIVER_OK'; vcmd(4, 0x31, 0, 1, [0x0f], 0);
let head = 0;
let avIdx = 0;
/** Publish a chain [addr, len, flags][] at descriptors head.., kick, wait for the used index. */
function request(bufs: [number, number, number][], n = 4, le = true, q = Q, av = AV, us = US, num = NUM, qi = 0) {
  bufs.forEach(([a, l, f], k) => poke(q + 16 * ((head + k) % num), desc(le, a, l, f | (k < bufs.length - 1 ? 1 : 0), (head + k + 1) % num)));
  poke(av + 4 + 2 * (avIdx % num), le ? le16(head) : be16(head));
  head = (head + bufs.length) % num;
  avIdx++;
  poke(av + 2, le ? le16(avIdx) : be16(avIdx));
  op(KIND.DIAG500, sid(n), 3, qi);
  op(KIND.POLL, us + 2, le ? ((avIdx - 1) & 0xff) << 8 | ((avIdx - 1) >> 8) : avIdx - 1);
  dump(us, 4 + 8 * avIdx);
}
const HDR = 0x44000, BUF = 0x45000, ST = 0x46000;
const hdr = (type: number, sector: number) => [...le32(type), 0, 0, 0, 0, ...le64(sector)];
note = 'modern blk: read sectors 0-1';
poke(HDR, hdr(0, 0)); fill(BUF, 1024, 0xee); fill(ST, 16, 0xee);
request([[HDR, 16, 0], [BUF, 1024, 2], [ST, 1, 2]]);
dump(ST, 1); dump(BUF, 64); dump(BUF + 1024 - 16, 16);
note = 'modern blk: adapter interruption'; dump(SUMMARY, 1); dump(IND, 8);
fill(0xb8, 12, 0xee); op(KIND.TPI, 0, 0x10); dump(0xb8, 12);
note = 'modern blk: GET_ID'; fill(BUF, 32, 0xee);
poke(HDR + 16, hdr(8, 0)); request([[HDR + 16, 16, 0], [BUF, 20, 2], [ST + 1, 1, 2]]); dump(BUF, 24); dump(ST + 1, 1);
note = 'modern blk: unsupported request type';
poke(HDR + 32, hdr(0x63, 0)); request([[HDR + 32, 16, 0], [ST + 2, 1, 2]]); dump(ST + 2, 1);
note = 'modern blk: read beyond the end';
poke(HDR + 48, hdr(0, 2047)); request([[HDR + 48, 16, 0], [BUF, 1024, 2], [ST + 3, 1, 2]]); dump(ST + 3, 1);
note = 'modern blk: write sector 4, then read it back';
poke(HDR + 64, hdr(1, 4)); fill(BUF + 0x800, 512, 0x5a);
request([[HDR + 64, 16, 0], [BUF + 0x800, 512, 0], [ST + 4, 1, 2]]); dump(ST + 4, 1);
poke(HDR + 80, hdr(0, 4)); fill(BUF, 520, 0xee);
request([[HDR + 80, 16, 0], [BUF, 512, 2], [ST + 5, 1, 2]]); dump(ST + 5, 1); dump(BUF, 16); dump(BUF + 500, 16);
note = 'modern blk: flush'; poke(HDR + 96, hdr(4, 0)); request([[HDR + 96, 16, 0], [ST + 6, 1, 2]]); dump(ST + 6, 1);
note = 'modern blk: indirect descriptor table';
poke(0x47000, [...desc(true, HDR, 16, 1, 1), ...desc(true, BUF, 512, 3, 2), ...desc(true, ST + 7, 1, 2, 0)]);
poke(HDR, hdr(0, 1)); fill(BUF, 520, 0xee);
request([[0x47000, 48, 4]]); dump(ST + 7, 1); dump(BUF, 16);
note = 'modern blk: descriptor loop';
poke(Q + 16 * head, desc(true, HDR, 16, 1, head));
poke(AV + 4 + 2 * (avIdx % NUM), le16(head)); avIdx++; poke(AV + 2, le16(avIdx));
op(KIND.DIAG500, sid(4), 3, 0);
dump(US, 4 + 8 * avIdx); dump(CONFIND, 8);
fill(0xb8, 12, 0xee); op(KIND.TPI, 0, 0x10); dump(0xb8, 12);
fill(IRB, 16, 0xee); op(KIND.TSCH, IRB, sid(4)); dump(IRB, 16);
note = 'modern blk: READ_STATUS after the device error'; vcmd(4, 0x72, 0, 1, [], 1);
note = 'modern blk: kicks are ignored until reset'; op(KIND.DIAG500, sid(4), 3, 0); dump(US, 4);
note = 'modern blk: VDEV_RESET clears the error'; vcmd(4, 0x33, 0, 0, [], 0); vcmd(4, 0x72, 0, 1, [], 1);

// Legacy virtio-rng on subchannel 2 (revision 0 since its first command): big-endian
// rings at the 4 KiB-aligned legacy layout, classic indicators.
const LQ = 0x48000, LIND = 0x4b000;
note = 'legacy rng: SET_IND, SET_VQ, DRIVER_OK'; fill(LQ, 0x2000, 0); fill(LIND, 16, 0);
vcmd(2, 0x43, 0, 8, be64(LIND), 0);
vcmd(2, 0x13, 0, 16, [...be64(LQ), ...be32(4096), ...be16(0), ...be16(8)], 0);
vcmd(2, 0x31, 0, 1, [7], 0);
note = 'legacy rng: a 16-byte request';
head = 0; avIdx = 0;
request([[0x4a000, 16, 2]], 2, false, LQ, LQ + 128, LQ + 0x1000, 8);
dump(LIND, 8);
fill(0xb8, 12, 0xee); op(KIND.TPI, 0, 0x10); dump(0xb8, 12);
fill(IRB, 16, 0xee); op(KIND.TSCH, IRB, sid(2)); dump(IRB, 16);

// ---------------- VT220 input ----------------
note = 'VT220 input: unconditional READ EVENT DATA';
sccb(28); poke(SCCB + 10, [0, 4, 0, 0, 0, 0x48, 0, 0, 0, 0x40]); servc(0x00780005, SCCB);
sccb(4096, 0, 0x80); servc(0x00770005, SCCB); dump(SCCB, 8 + 6 + 11 + 4);
note = 'VT220 input: nothing left'; sccb(4096); servc(0x00770005, SCCB); dump(SCCB, 16);

// ---------------- modern virtio-net (no peer: transmitted frames are dropped) ----------------
// Subchannel 1 is legacy since its first command; a reset does not change the revision,
// so this flow uses it in revision 0 with big-endian rings and a 10-byte header.
const NQ = 0x50000, NIND = 0x53000;
note = 'legacy net: SET_IND, SET_VQ rx/tx, DRIVER_OK'; fill(NQ, 0x3000, 0); fill(NIND, 16, 0);
vcmd(1, 0x33, 0, 0, [], 0);
vcmd(1, 0x11, 0, 5, [...le32((1 << 5) | (1 << 16)), 0], 0);
vcmd(1, 0x43, 0, 8, be64(NIND), 0);
note = 'legacy net: READ_VQ_CONF 0/1'; vcmd(1, 0x32, 0, 4, [0, 0], 4); vcmd(1, 0x32, 0, 4, [0, 1], 4);
vcmd(1, 0x13, 0, 16, [...be64(NQ), ...be32(4096), ...be16(1), ...be16(256)], 0);
vcmd(1, 0x31, 0, 1, [7], 0);
note = 'legacy net: READ_CONF mac and status'; vcmd(1, 0x22, 0, 8, [], 8);
note = 'legacy net: transmit one frame (QEMU drops it: no peer)';
poke(0x54000, [...new Array(10).fill(0), 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x52, 0x54, 0, 0x12, 0x34, 0x56, 0x08, 0x06]);
head = 0; avIdx = 0;
{
  const tq = NQ, tav = NQ + 16 * 256, tus = Math.ceil((tav + 4 + 2 * 256 + 2) / 4096) * 4096;
  request([[0x54000, 24, 0]], 1, false, tq, tav, tus, 256, 1);
}
dump(NIND, 8);
fill(0xb8, 12, 0xee); op(KIND.TPI, 0, 0x10); dump(0xb8, 12);
fill(IRB, 16, 0xee); op(KIND.TSCH, IRB, sid(1)); dump(IRB, 16);

// ---------------- line-mode console ----------------
/** A Linux sclp_rw style message: event buffer 0x02, MDB, GO object, MTOs of EBCDIC text. */
function lmMessage(texts: number[][], mdbExtra = 0, mtoShort = false) {
  const goLen = 0x30;
  const mtos = texts.map((t) => [...be16(mtoShort ? 6 : 10 + t.length), ...be16(4), ...be16(0x1000), 0, 0, 0, 0, ...t]);
  const mtoBytes = mtos.flat();
  const mdbLen = 12 + goLen + mtoBytes.length + mdbExtra;
  const ev = [...be16(6 + 12 + goLen + mtoBytes.length), 0x02, 0, 0, 0,
    ...be16(mdbLen), ...be16(1), ...be32(0xd4c4c240), ...be32(1),
    ...be16(goLen), ...be16(1), ...new Array(goLen - 4).fill(0), ...mtoBytes];
  sccb(8 + ev.length); poke(SCCB + 8, ev); servc(0x00760005, SCCB); dump(SCCB, 24);
}
const ebc = (s: string) => Array.from(s, (ch) => ({ ' ': 0x40, '.': 0x4b, '!': 0x5a }[ch] ??
  (ch >= 'a' && ch <= 'i' ? 0x81 + ch.charCodeAt(0) - 97 : ch >= 'j' && ch <= 'r' ? 0x91 + ch.charCodeAt(0) - 106
    : ch >= 's' && ch <= 'z' ? 0xa2 + ch.charCodeAt(0) - 115 : ch >= 'A' && ch <= 'I' ? 0xc1 + ch.charCodeAt(0) - 65
      : ch >= 'J' && ch <= 'R' ? 0xd1 + ch.charCodeAt(0) - 74 : ch >= 'S' && ch <= 'Z' ? 0xe2 + ch.charCodeAt(0) - 83 : 0xf0 + ch.charCodeAt(0) - 48)));
note = 'line mode: enable'; sccb(28); poke(SCCB + 10, [0, 4, 0x80, 0, 0, 0x48, 0x40, 0, 0, 0x40]); servc(0x00780005, SCCB); dump(SCCB, 28);
note = 'line mode: two lines'; lmMessage([ebc('Hello from line mode.'), ebc('Second line 42!')]);
note = 'line mode: MDB longer than its objects'; lmMessage([ebc('x')], 4);
note = 'line mode: MTO shorter than its header'; lmMessage([ebc('abc')], 0, true);

export const OPS: readonly Op[] = ops;
