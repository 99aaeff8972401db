# PSW, addressing-mode and access-register instructions, the clock, prefetch, ECAG, TS.
        .include "harness.inc"

test_main:
        LOADREGS regs
        # IPM keeps bits 0-31 and 40-63; SPM takes CC and program mask from bits 34-39
        larl %r1,spm_val
        l %r1,0(%r1)
        spm %r1
        ipm %r2
        DUMP 1
        ipm %r0
        tam
        DUMP 2
        # SAM31/SAM24 and back; TAM in each mode; LARL in each mode (bits 32/32-39 zero).
        # The PoP keeps bits 0-31 of R1 in the 24- and 31-bit modes, QEMU clears them:
        # the high words are zero here so that the oracle speaks only to the rest.
        LOADREGS regs_lo
        sam31
        tam
        larl %r3,here
        DUMP 3
        sam24
        tam
        larl %r4,here
        DUMP 4
        sam64
        tam
        larl %r5,here
        DUMP 5
        # EPSW: PSW bits 0-15 are the environment's (qemu-user shows them as zeros, a real
        # kernel and ztab's user environment as DAT, I/O, external, machine check, problem
        # state); they are cleared through access registers before the values are recorded.
        LOADREGS regs
        epsw %r6,%r7
        sar %a6,%r6
        sar %a7,%r7
        larl %r1,scratch
        stam %a6,%a7,0(%r1)
        larl %r2,nodat
        nc 0(8,%r1),0(%r2)
        LOADREGS regs
        larl %r1,scratch
        lam %a6,%a7,0(%r1)
        DUMP 6
        epsw %r8,%r0                    # R2 = 0: only R1
        sar %a8,%r8
        stam %a8,%a8,0(%r1)
        larl %r2,nodat
        nc 0(4,%r1),0(%r2)
        LOADREGS regs
        larl %r1,scratch
        lam %a8,%a8,0(%r1)
        DUMP 7
        # Access registers: EAR, SAR, CPYA, LAM/STAM with wrap-around from 15 to 0
        LOADREGS regs
        larl %r1,arvals
        lam %a0,%a15,0(%r1)
        DUMP 8
        ear %r2,%a5
        sar %a3,%r9
        # (QEMU has no CPYA; control.test.ts covers it)
        DUMP 9
        larl %r1,scratch
        stam %a14,%a2,0(%r1)            # 14,15,0,1,2
        DUMP 10, scratch, 24
        lamy %a13,%a1,4(%r1)            # 13,14,15,0,1 from scratch+4
        DUMP 11
        stamy %a3,%a3,4(%r1)
        DUMP 12, scratch, 24
        FAULT_TO 1f
        lam %a0,%a1,2(%r1)              # not on a word boundary: specification
1:      FAULT_TO 2f
        stam %a0,%a1,1(%r1)
2:      FAULT_TO 3f
        larl %r1,guard
        lg %r1,0(%r1)
        # QEMU loads a0 before it faults on the next page; ztab checks the whole operand
        # first (no register changes). a0 already holds the value at 0x7ffffc so the
        # oracle speaks only to the exception.
        lam %a0,%a0,0xfc(%r1)
        lam %a0,%a15,0xfc(%r1)          # crosses into the unmapped page: nothing loaded
3:      DUMP 13
        # Clock: CC 0, and consecutive values are increasing (CLC: first low -> CC 1)
        larl %r1,clocks
        stck 0(%r1)
        ipm %r2
        stck 8(%r1)
        clc 0(8,%r1),8(%r1)
        ipm %r3
        stckf 16(%r1)
        ipm %r4
        clc 8(8,%r1),16(%r1)
        ipm %r5
        stcke 24(%r1)
        ipm %r6
        clc 9(7,%r1),24(%r1)            # bytes 1-8 of STCKE are the clock (compare 7 bytes)
        ipm %r7
        DUMP 14
        # ECAG returns -1 for everything; PFD/PFDRL never raise access exceptions
        ecag %r2,%r0,0(%r0)
        ecag %r3,%r0,0x101(%r0)
        larl %r1,guard
        lg %r1,0(%r1)
        pfd 1,0x200(%r1)
        pfd 2,0x2000(%r1)
        pfdrl 1,0x900000
        DUMP 15
        # TS: CC from the leftmost bit, byte set to ones
        larl %r1,tsbytes
        ts 0(%r1)
        ipm %r2
        ts 0(%r1)
        ipm %r3
        ts 1(%r1)
        ipm %r4
        DUMP 16, tsbytes, 2
        END_TEST

here:   .long 0

        .data
        .balign 8
regs:   .quad 0x0123456789abcdef, 0x1111111111111111, 0x2222222222222222, 0x3333333333333333
        .quad 0x4444444444444444, 0x5555555555555555, 0x6666666666666666, 0x7777777777777777
        .quad 0x8888888888888888, 0x99999999fedcba98, 0xaaaaaaaaaaaaaaaa, 0xbbbbbbbbbbbbbbbb
        .quad 0xcccccccccccccccc, 0xdddddddddddddddd, 0xeeeeeeeeeeeeeeee, 0xffffffffffffffff
regs_lo: .quad 0x01234567, 0x11111111, 0x22222222, 0x33333333, 0x44444444, 0x55555555
        .quad 0x66666666, 0x77777777, 0x88888888, 0x99999999, 0xaaaaaaaa, 0xbbbbbbbb
        .quad 0xcccccccc, 0xdddddddd, 0xeeeeeeee, 0xffffffff
spm_val: .long 0xe9123456
nodat:  .long 0x0000ffff, 0xffffffff
arvals: .long 0x10000001, 0x10000002, 0x10000003, 0x10000004, 0x10000005, 0x10000006
        .long 0x10000007, 0x10000008, 0x10000009, 0x1000000a, 0x1000000b, 0x1000000c
        .long 0x1000000d, 0x1000000e, 0x1000000f, 0x10000010
        .long 0xa0a0a0a0
scratch: .fill 32,1,0xee
clocks: .fill 48,1,0
guard:  .quad 0x7fff00
tsbytes: .byte 0x00, 0x80
