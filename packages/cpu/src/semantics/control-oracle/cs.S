# Compare and swap: CS/CSY/CSG/CDS/CDSY/CDSG equal and unequal, alignment and register
# pair checks; COMPARE AND SWAP AND STORE function codes and store characteristics.
        .include "harness.inc"

        .macro la_4 r
        larl \r,op1+4
        .endm

test_main:
        LOADREGS regs
        larl %r1,words
        cs %r2,%r3,0(%r1)               # equal: store r3, CC 0
        DUMP 1, words, 32
        cs %r2,%r3,0(%r1)               # unequal now: r2 := word, CC 1
        DUMP 2, words, 32
        csy %r4,%r5,4(%r1)
        DUMP 3, words, 32
        csg %r6,%r7,8(%r1)              # r6 = first doubleword? no: CC 1 and load
        DUMP 4, words, 32
        csg %r6,%r7,8(%r1)              # now equal
        DUMP 5, words, 32
        LOADREGS regs2
        larl %r1,words
        cds %r2,%r4,16(%r1)             # equal (r2,r3 low words = the doubleword)
        DUMP 6, words, 32
        cdsy %r2,%r4,16(%r1)            # unequal: r2,r3 low words loaded
        DUMP 7, words, 32
        cdsg %r6,%r8,0(%r1)             # unequal
        DUMP 8, words, 32
        cdsg %r6,%r8,0(%r1)             # equal
        DUMP 9, words, 32
        FAULT_TO 1f
        cs %r2,%r3,2(%r1)
1:      FAULT_TO 2f
        csg %r2,%r3,4(%r1)
2:      FAULT_TO 3f
        cds %r2,%r4,4(%r1)
3:      FAULT_TO 4f
        .long 0xbb341000                # cds %r3,%r4,0(%r1): odd R1
4:      FAULT_TO 5f
        cdsg %r2,%r4,8(%r1)
        # (CDSG with an odd R3 is a specification exception in the PoP; QEMU does not
        # check it, control.test.ts covers it.)
5:      DUMP 10, words, 32

        # CSST: GR0 = store characteristic << 8 | function code, GR1 = parameter list
        # (Store characteristic 0 aborts qemu-s390x 7.2 on an assertion in its alignment
        # check, so only 1-4 are compared here; control.test.ts covers 0.)
        .irp fc,0,1,2
        .irp sc,1,2,3,4
        LOADREGS cregs
        larl %r1,plist
        larl %r4,fcsc_\fc\()_\sc
        lg %r0,0(%r4)
        larl %r5,op1
        larl %r6,op2
        .if \fc == 0
        la_4 %r5
        larl %r2,x22
        lg %r2,0(%r2)
        .endif
        csst 0(%r5),0(%r6),%r2          # equal (fc 0 compares the word at op1+4)
        DUMP (100+\fc*10+\sc), op1, 64
        # QEMU 7.2 puts the old value of a function-code-0 first operand into bits 0-31
        # of R3 (the PoP: bits 32-63, and only when unequal); with equal halves in R3 the
        # equal case agrees, the unequal case is in control.test.ts.
        .if \fc != 0
        csst 0(%r5),0(%r6),%r2          # op1 changed: unequal
        DUMP (200+\fc*10+\sc), op1, 64
        .endif
        larl %r5,op1
        mvc 0(64,%r5),op1_init-op1(%r5)
        .endr
        .endr
        # specification cases: bad function code, bad store characteristic, odd R3 with
        # fc 2, misaligned operands
        LOADREGS cregs
        larl %r1,plist
        larl %r5,op1
        larl %r6,op2
        .irp v,0x03,0x0500,0x0104
        larl %r4,specv_\v
        lg %r0,0(%r4)
        FAULT_TO 7f
        csst 0(%r5),0(%r6),%r2
7:
        .endr
        larl %r4,specv_0x0002
        lg %r0,0(%r4)
        FAULT_TO 8f
        .short 0xc832, 0x5000, 0x6000   # csst 0(%r5),0(%r6),%r3: fc 2 needs an even R3
8:      larl %r4,fcsc_0_0
        lg %r0,0(%r4)
        FAULT_TO 9f
        csst 2(%r5),0(%r6),%r2          # fc 0: op1 on a word boundary
9:      larl %r4,specv_0x0300
        lg %r0,0(%r4)
        FAULT_TO 10f
        csst 0(%r5),4(%r6),%r2          # sc 3: op2 on a doubleword boundary
10:     DUMP 11, op1, 64
        END_TEST


        .data
        .balign 16
regs:   .quad 0, 0, 0x77777777aaaaaaaa, 0x1111111112345678, 0x00000000bbbbbbbb, 0x00000000cccccccc
        .quad 0x0102030405060708, 0x8877665544332211, 0, 0, 0, 0, 0, 0, 0, 0
regs2:  .quad 0, 0, 0x99999999a0a0a0a0, 0x88888888b0b0b0b0, 0x1234567800000001, 0x2345678900000002
        .quad 0x1000000000000001, 0x2000000000000002, 0x3000000000000003, 0x4000000000000004
        .quad 0, 0, 0, 0, 0, 0
words:  .long 0xaaaaaaaa, 0xcccccccc, 0x01020304, 0x05060708, 0xa0a0a0a0, 0xb0b0b0b0
        .long 0, 0
cregs:  .quad 0, 0, 0x1111111122222222, 0x3333333344444444, 0, 0, 0, 0
        .quad 0, 0, 0, 0, 0, 0, 0, 0
        .balign 16
plist:  .quad 0xfedcba9876543210, 0x0f1e2d3c4b5a6978, 0x8182838485868788, 0x9192939495969798
op1:    .quad 0x1111111122222222, 0x3333333344444444, 0x5555555566666666, 0x7777777788888888
        .quad 0x99999999aaaaaaaa, 0xbbbbbbbbcccccccc
op2:    .quad 0xeeeeeeeeeeeeeeee, 0xeeeeeeeeeeeeeeee
op1_init: .quad 0x1111111122222222, 0x3333333344444444, 0x5555555566666666, 0x7777777788888888
        .quad 0x99999999aaaaaaaa, 0xbbbbbbbbcccccccc
        .quad 0xeeeeeeeeeeeeeeee, 0xeeeeeeeeeeeeeeee
        .irp fc,0,1,2
        .irp sc,0,1,2,3,4
fcsc_\fc\()_\sc: .quad (\sc<<8)|\fc
        .endr
        .endr
x22:    .quad 0x2222222222222222
specv_0x03: .quad 0x03
specv_0x0500: .quad 0x0500
specv_0x0002: .quad 0x0002
specv_0x0300: .quad 0x0300
specv_0x0104: .quad 0x0104
