// The oracle harness: one s390x program per batch of cases, run under qemu-s390x.
//
// For case k the program jumps to block k (CASES_BASE + 64k), which calls `prep` (FPC,
// FPRs, access registers, scratch buffer from pattern + patches, CC and program mask by
// SPM), loads all sixteen GPRs with one LMG and falls into the instruction under test.
// Right behind the instruction a store-relative saves r1 and branches to the save path;
// the landing pad at +40 does the same for taken branches. The save path records CC and
// program mask (IPM) and the addressing mode (TAM) before anything can disturb them, then
// GPRs, FPRs, ARs, FPC and the dirty 256-byte chunks of the buffer, and writes one record
// to stdout. A SIGILL/SIGTRAP/SIGBUS/SIGFPE/SIGSEGV handler on an alternate stack records
// the signal, si_code, si_addr and the machine state from the ucontext instead, and
// resumes the next case by rewriting the PSW in the ucontext. argv[1] gives the first
// case to run, so the generator can skip a case that brings the oracle down.

import { BUF_SIZE, CASE_STRIDE, CHUNK, CHUNKS, IMAGE_END, IN, INSN_OFF, LAND_OFF, MAX_BATCH_CASES, OUT } from './layout.ts';

// Offsets of the kernel's struct ucontext on s390x: uc_mcontext (_sigregs) starts after
// uc_flags, uc_link and uc_stack (8 + 8 + 24 bytes).
const UC_PSW_MASK = 40;
const UC_PSW_ADDR = 48;
const UC_GPRS = 56;
const UC_ACRS = 184;
const UC_FPC = 248;
const UC_FPRS = 256;

const SA_SIGINFO = 4;
const SA_ONSTACK = 0x08000000;
const SA_RESTORER = 0x04000000;

const NR_EXIT_GROUP = 248;
const NR_WRITE = 4;
const NR_SIGALTSTACK = 186;
const NR_RT_SIGACTION = 174;
const NR_RT_SIGRETURN = 173;

export const CAUGHT_SIGNALS = [4, 5, 7, 8, 11];

/** Assembly source for a batch of `insns.length` cases; inputs and patterns come in by .incbin. */
export function harnessSource(insns: readonly Uint8Array[], inputsPath: string, patternsPath: string): string {
  const L: string[] = [];
  const e = (s: string) => L.push(s);
  e(`\t.section .text,"ax"
\t.globl _start
_start:
\tlghi %r3,0
\tlg %r2,0(%r15)
\tcghi %r2,2
\tjl 1f
\tlg %r4,16(%r15)
2:\tllgc %r5,0(%r4)
\tltgr %r5,%r5
\tjz 1f
\taghi %r5,-48
\tmghi %r3,10
\tagr %r3,%r5
\tla %r4,1(%r4)
\tj 2b
1:\tstgrl %r3,CURK
\tlarl %r2,ALTSS
\tlghi %r3,0
\tsvc ${NR_SIGALTSTACK}`);
  for (const s of CAUGHT_SIGNALS) {
    e(`\tlghi %r2,${s}\n\tlarl %r3,SIGACT\n\tlghi %r4,0\n\tlghi %r5,8\n\tsvc ${NR_RT_SIGACTION}`);
  }
  e(`mainloop:
\tlgrl %r2,CURK
\tlgfi %r3,${insns.length}
\tcgr %r2,%r3
\tjhe done
\tlgr %r4,%r2
\tmghi %r4,${IN.SIZE}
\tlarl %r5,INPUTS
\tagr %r4,%r5
\tstgrl %r4,CURREC
\tsllg %r4,%r2,${Math.log2(CASE_STRIDE)}
\tlarl %r5,CASES
\tagr %r4,%r5
\tbr %r4
done:
\tlghi %r2,0
\tsvc ${NR_EXIT_GROUP}

# prep: everything but the GPRs; the SPM comes last so nothing disturbs the CC.
prep:
\tlgrl %r1,CURREC
\tlfpc ${IN.FPC}(%r1)`);
  for (let i = 0; i < 16; i++) e(`\tld %f${i},${IN.FPR + 8 * i}(%r1)`);
  e(`\tlam %a0,%a15,${IN.AR}(%r1)
\tllgf %r2,${IN.PAT}(%r1)
\tsllg %r2,%r2,13
\tlarl %r3,PATTERNS
\tagr %r2,%r3
\tlarl %r3,BUF
\tlghi %r4,${CHUNKS}
3:\tmvc 0(${CHUNK},%r3),0(%r2)
\tla %r2,${CHUNK}(%r2)
\tla %r3,${CHUNK}(%r3)
\tbrct %r4,3b
\tllgf %r2,${IN.P1OFF}(%r1)
\tlarl %r3,BUF
\tagr %r3,%r2
\tmvc 0(16,%r3),${IN.P1}(%r1)
\tllgf %r2,${IN.P2OFF}(%r1)
\tlarl %r3,BUF
\tagr %r3,%r2
\tmvc 0(16,%r3),${IN.P2}(%r1)
\tlarl %r2,INIT
\tlarl %r3,BUF
\tlghi %r4,${CHUNKS}
4:\tmvc 0(${CHUNK},%r2),0(%r3)
\tla %r2,${CHUNK}(%r2)
\tla %r3,${CHUNK}(%r3)
\tbrct %r4,4b
\tl %r0,${IN.CCPM}(%r1)
\tspm %r0
\tbr %r14

save_fall:
\tlghi %r1,0
\tj save_common
save_land:
\tlghi %r1,1
save_common:
\tstgrl %r1,SVKIND
\tipm %r1
\tstrl %r1,SVCC
\ttam
\tipm %r1
\tstrl %r1,SVAM
\tsam64
\tlarl %r1,OUTREC
\tstmg %r0,%r15,${OUT.GPR}(%r1)
\tlgrl %r2,SV1
\tstg %r2,${OUT.GPR + 8}(%r1)`);
  for (let i = 0; i < 16; i++) e(`\tstd %f${i},${OUT.FPR + 8 * i}(%r1)`);
  e(`\tstam %a0,%a15,${OUT.AR}(%r1)
\tstfpc ${OUT.FPC}(%r1)
\txc ${OUT.SIGNO}(${OUT.GPR - OUT.SIGNO},%r1),${OUT.SIGNO}(%r1)
\tlgrl %r2,SVKIND
\tst %r2,${OUT.KIND}(%r1)
\tlrl %r2,SVCC
\tst %r2,${OUT.PSWMASK}(%r1)
\tlrl %r2,SVAM
\tst %r2,${OUT.PSWMASK + 4}(%r1)
\tbrasl %r14,emit
next_case:
\tlgrl %r2,CURK
\taghi %r2,1
\tstgrl %r2,CURK
\tj mainloop

# emit: r1 = OUTREC with registers filled; append dirty chunks and write the record.
emit:
\tlgrl %r2,CURK
\tst %r2,${OUT.CASE}(%r1)
\tlarl %r3,BUF
\tlarl %r4,INIT
\tla %r5,${OUT.SIZE}(%r1)
\tlghi %r6,0
\tlghi %r7,${CHUNKS}
5:\tsllg %r6,%r6,1
\tclc 0(${CHUNK},%r3),0(%r4)
\tje 6f
\toill %r6,1
\tmvc 0(${CHUNK},%r5),0(%r3)
\tla %r5,${CHUNK}(%r5)
6:\tla %r3,${CHUNK}(%r3)
\tla %r4,${CHUNK}(%r4)
\tbrct %r7,5b
\tst %r6,${OUT.MASK}(%r1)
\tlgr %r3,%r1
\tlgr %r4,%r5
\tsgr %r4,%r1
\tlghi %r2,1
\tsvc ${NR_WRITE}
\tbr %r14

# handler(sig r2, siginfo r3, ucontext r4), on the alternate stack.
handler:
\tlgr %r12,%r4
\tlgr %r13,%r14
\tlarl %r1,OUTREC
\tst %r2,${OUT.SIGNO}(%r1)
\tmvc ${OUT.SICODE}(4,%r1),8(%r3)
\tmvc ${OUT.SIADDR}(8,%r1),16(%r3)
\tmvc ${OUT.PSWADDR}(8,%r1),${UC_PSW_ADDR}(%r12)
\tmvc ${OUT.PSWMASK}(8,%r1),${UC_PSW_MASK}(%r12)
\tmvc ${OUT.GPR}(128,%r1),${UC_GPRS}(%r12)
\tmvc ${OUT.FPR}(128,%r1),${UC_FPRS}(%r12)
\tmvc ${OUT.AR}(64,%r1),${UC_ACRS}(%r12)
\tmvc ${OUT.FPC}(4,%r1),${UC_FPC}(%r12)
\tmvhi ${OUT.KIND}(%r1),2
\tbrasl %r14,emit
\tlarl %r2,after_sig
\tstg %r2,${UC_PSW_ADDR}(%r12)
\toi ${UC_PSW_MASK + 3}(%r12),0x01
\toi ${UC_PSW_MASK + 4}(%r12),0x80
\tlgr %r14,%r13
\tbr %r14
restorer:
\tsvc ${NR_RT_SIGRETURN}
after_sig:
\tj next_case

\t.section .cases,"ax"
CASES:`);
  insns.forEach((b, k) => {
    e(`c${k}:\tbrasl %r14,prep
\tlgrl %r1,CURREC
\tlmg %r0,%r15,0(%r1)
\t.byte ${Array.from(b, (x) => '0x' + x.toString(16)).join(',')}
\tstgrl %r1,SV1
\tbrcl 15,save_fall
\t.org c${k}+${LAND_OFF}
\tstgrl %r1,SV1
\tbrcl 15,save_land
\t.org c${k}+${CASE_STRIDE}`);
  });
  e(`
\t.section .buf,"awx"
BUF:\t.fill ${BUF_SIZE},1,0

\t.section .data,"aw"
\t.balign 8
CURK:\t.quad 0
CURREC:\t.quad 0
SV1:\t.quad 0
SVKIND:\t.quad 0
SVCC:\t.long 0
SVAM:\t.long 0
SIGACT:\t.quad handler, ${SA_SIGINFO | SA_ONSTACK | SA_RESTORER}, restorer, 0
ALTSS:\t.quad ALTSTACK
\t.long 0, 0
\t.quad 65536
\t.balign 256
OUTREC:\t.fill ${OUT.SIZE + BUF_SIZE},1,0
\t.balign 256
INIT:\t.fill ${BUF_SIZE},1,0
\t.balign 256
PATTERNS:\t.incbin "${patternsPath}"
\t.balign 8
INPUTS:\t.incbin "${inputsPath}"
\t.balign 4096
ALTSTACK:\t.fill 65536,1,0

# A fixed image end for every batch (see IMAGE_END in layout.ts): a last doubleword
# linked just below it, so the space between the data and it is a reserved hole.
\t.section .imgend,"a"
\t.quad 0
`);
  if (insns.length > MAX_BATCH_CASES) throw new Error(`batch of ${insns.length} cases exceeds ${MAX_BATCH_CASES}`);
  // The block code above puts the instruction after three 6-byte instructions.
  if (INSN_OFF !== 18) throw new Error('harness block layout assumes the instruction at offset 18');
  return L.join('\n') + '\n';
}

/** Linker options placing the sections where layout.ts says. */
export function linkArgs(textBase: number, casesBase: number, buf: number, data: number): string[] {
  const h = (n: number) => '0x' + n.toString(16);
  return ['-static', '-nostdlib', '-Wl,--build-id=none', '-Wl,--no-warn-rwx-segments',
    `-Wl,-Ttext=${h(textBase)}`, `-Wl,--section-start=.cases=${h(casesBase)}`,
    `-Wl,--section-start=.buf=${h(buf)}`, `-Wl,-Tdata=${h(data)}`, `-Wl,--section-start=.imgend=${h(IMAGE_END - 8)}`];
}
