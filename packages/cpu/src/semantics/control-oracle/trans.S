# TRANSLATE EXTENDED, TRANSLATE ONE/TWO TO ONE/TWO, CHECKSUM.
        .include "harness.inc"

        .macro LA64 r, sym
        larl \r,\sym
        lg \r,0(\r)
        .endm

test_main:
        # ---- TRE: R1/R1+1 operand, R2 table, GR0 bits 56-63 the test byte
        LOADREGS tre1
        larl %r2,buf
        larl %r4,tab8
        larl %r1,text
        mvc 0(32,%r2),0(%r1)
        tre %r2,%r4                     # stops at the test byte 'k' (0x6b): CC 1
        ipm %r5
        DUMP 1, buf, 32
        LOADREGS tre2
        larl %r2,buf
        larl %r4,tab8
        tre %r2,%r4                     # no test byte: CC 0, all 32 translated
        ipm %r5
        DUMP 2, buf, 32
        LOADREGS tre3                   # 0x3000 bytes: CC 3 after 0x2000
        LA64 %r2, g_7f1000
        larl %r4,tab8
        tre %r2,%r4
        ipm %r5
        DUMP 3, 0x7f2ff8, 16
1:      tre %r2,%r4
        jo 1b
        ipm %r5
        DUMP 4, 0x7f3ff8, 16
        # ---- TROO/TROT/TRTO/TRTT: GR1 table, GR0 test character, M3 bit 3: no test
        LOADREGS tr1
        larl %r1,tab8
        larl %r2,out
        larl %r4,text
        troo %r2,%r4
        ipm %r5
        DUMP 10, out, 32
        LOADREGS tr1
        larl %r1,tab8
        larl %r2,out
        larl %r4,text
        troo %r2,%r4,1                  # no test: all 16
        ipm %r5
        DUMP 11, out, 32
        LOADREGS tr2
        larl %r1,tab16
        larl %r2,out
        larl %r4,text
        trot %r2,%r4                    # (QEMU compares only 8 bits of the TROT test
        ipm %r5                         # character; GR0 matches nothing either way)
        DUMP 12, out, 32
        LOADREGS tr3
        larl %r1,tab8
        larl %r2,out
        larl %r4,text16
        trto %r2,%r4
        ipm %r5
        DUMP 13, out, 32
        LOADREGS tr4
        larl %r1,tab16
        larl %r2,out
        larl %r4,text16
        trtt %r2,%r4,0
        ipm %r5
        DUMP 14, out, 32
        LOADREGS tr5                    # odd length with two-byte source: specification
        larl %r1,tab16
        larl %r2,out
        larl %r4,text16
        FAULT_TO 2f
        trtt %r2,%r4,0
2:      LOADREGS tr6                    # 0x2000 characters processed, CC 3
        larl %r1,tab8
        LA64 %r2, g_7f8000
        LA64 %r4, g_7f0000
        troo %r2,%r4,1
        ipm %r5
        DUMP 15
        # ---- CKSM: R1 checksum, R2/R2+1 operand
        LOADREGS ck1
        larl %r2,text
        cksm %r1,%r2                    # 13 bytes: a 1-byte tail
        ipm %r5
        DUMP 20
        LOADREGS ck2
        larl %r2,ones
        cksm %r1,%r2                    # carries folded back
        ipm %r5
        DUMP 21
        LOADREGS ck3
        larl %r2,text
        cksm %r6,%r2                    # 14 and 15 bytes: 2- and 3-byte tails
        LOADREGS ck4
        larl %r2,text
        cksm %r6,%r2
        ipm %r5
        DUMP 22
        LOADREGS ck5                    # 0x2800 bytes: CC 3 after 0x2000
        LA64 %r2, g_7f0000
        cksm %r1,%r2
        ipm %r5
        DUMP 23
3:      cksm %r1,%r2
        jo 3b
        ipm %r5
        DUMP 24
        FAULT_TO 4f
        .long 0xb2410013                # cksm %r1,%r3: odd R2
4:      END_TEST

        .data
        .balign 8
g_7f0000: .quad 0x7f0000
g_7f1000: .quad 0x7f1000
g_7f8000: .quad 0x7f8000
#              r0    r1 r2 r3     r4 r5
tre1:   .quad 0x6b, 0, 0, 32, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0
tre2:   .quad 0x100, 0, 0, 32, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0
tre3:   .quad 0x1ff, 0, 0, 0x3000, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0
tr1:    .quad 0x4b, 0, 0, 16, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0
tr2:    .quad 0xffff, 0, 0, 12, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0
tr3:    .quad 0x0, 0, 0, 16, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0
tr4:    .quad 0x0203, 0, 0, 16, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0
tr5:    .quad 0, 0, 0, 7, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0
tr6:    .quad 0, 0, 0, 0x3000, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0
ck1:    .quad 0, 0x1234567800000000, 0, 13, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0
ck2:    .quad 0, 0x00000000ffffffff, 0, 24, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0
ck3:    .quad 0, 0, 0, 14, 0, 0, 0x7777777700000001, 0, 0, 0, 0, 0, 0, 0, 0, 0
ck4:    .quad 0, 0, 0, 15, 0, 0, 0x7777777700000001, 0, 0, 0, 0, 0, 0, 0, 0, 0
ck5:    .quad 0, 0, 0, 0x2800, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0
text:   .ascii "0123456789abcdefghijklmnopqrstuv"
text16: .short 0x0030, 0x0001, 0x0102, 0x00ff, 0x0203, 0x0041, 0x0042, 0x0043
ones:   .fill 24,1,0xff
        .balign 8
tab8:   .byte 0x00,0x11,0x22,0x33,0x44,0x55,0x66,0x77,0x88,0x99,0xaa,0xbb,0xcc,0xdd,0xee,0xff
        .fill 32,1,0x01
        .ascii "ZYXWVUTSRQPONMLK"
        .fill 32,1,0x02
        .ascii "abcdefghijklmnopqrstuvwxyzABCDEF"
        .fill 256-16-32-16-32-32,1,0x03
        .fill 512,1,0x04
tab16:  .irp k,0,1,2,3,4,5,6,7,8,9,10,11,12,13,14,15
        .short 0x0100+\k*0x0101, 0x0166, 0x2000+\k, 0x0203, 0x3000+\k, 0x4000+\k, 0x5000+\k, 0x6000+\k
        .short 0x7000+\k, 0x8000+\k, 0x9000+\k, 0xa000+\k, 0xb000+\k, 0xc000+\k, 0xd000+\k, 0xe000+\k
        .endr
        .fill 512*2,1,0x05
out:    .fill 32,1,0x2e
buf:    .fill 32,1,0x2e
