# Register write-back of the long and string instructions in the 24- and 31-bit modes:
# bits 32-39 / bit 32 of address registers, bits 0-31 of every register untouched.
        .include "harness.inc"

        .macro RUN id, mode, table, mn, ops:vararg
        LOADREGS \table
        larl %r1,area1
        ar %r2,%r1
        larl %r1,area2
        ar %r4,%r1
        larl %r1,tab
        \mode
        \mn \ops
        ipm %r0
        sam64
        DUMP \id, area1, 16
        .endm

        .macro ALL id0, mode
        RUN \id0+1, \mode, t_clcl, clcl, %r2,%r4
        RUN \id0+2, \mode, t_clcle, clcle, %r2,%r4,0
        RUN \id0+3, \mode, t_mvcle, mvcle, %r2,%r4,0x2e
        RUN \id0+4, \mode, t_mvst, mvst, %r2,%r4
        RUN \id0+5, \mode, t_clst, clst, %r2,%r4
        RUN \id0+6, \mode, t_srst, srst, %r2,%r4
        RUN \id0+7, \mode, t_cu, cu12, %r2,%r4
        RUN \id0+8, \mode, t_cksm, cksm, %r2,%r4
        RUN \id0+9, \mode, t_clcl, trt, 0(8,%r4),0(%r1)
        RUN \id0+10, \mode, t_tre, tre, %r2,%r4
        RUN \id0+11, \mode, t_troo, troo, %r2,%r4,1
        RUN \id0+12, \mode, t_mvcl, mvcl, %r2,%r4
        .endm

test_main:
        ALL 100, sam31
        ALL 200, sam24
        END_TEST

        .data
        .balign 8
#                r0  r1  r2 (addr, high bits)    r3 (len)             r4 (addr)             r5 (len)
t_clcl:  .quad 0, 0, 0x1234567880000000, 0x87654321cc000008, 0x2345678980000000, 0x3456789a40000006
         .quad 0,0,0,0,0,0,0,0,0,0
t_clcle: .quad 0, 0, 0x1234567880000000, 0x8765432100000008, 0x2345678980000000, 0x3456789a00000006
         .quad 0,0,0,0,0,0,0,0,0,0
t_mvcle: .quad 0, 0, 0x1234567880000000, 0x8765432100000008, 0x2345678980000000, 0x3456789a00000006
         .quad 0,0,0,0,0,0,0,0,0,0
t_mvst:  .quad 0x0000000000000037, 0, 0x1234567880000000, 0, 0x2345678980000000, 0
         .quad 0,0,0,0,0,0,0,0,0,0
# (QEMU writes CLST's registers whole, clearing bits 0-31 in the 24- and 31-bit modes;
# the PoP leaves them unchanged. Zero high words keep the comparison to the rest.)
t_clst:  .quad 0x0000000000000000, 0, 0x0000000080000000, 0, 0x0000000080000000, 0
         .quad 0,0,0,0,0,0,0,0,0,0
t_srst:  .quad 0x0000000000000033, 0, 0x1234567880000010, 0, 0x2345678980000000, 0
         .quad 0,0,0,0,0,0,0,0,0,0
t_cu:    .quad 0, 0, 0x1234567880000000, 0x8765432100000010, 0x2345678980000000, 0x3456789a00000004
         .quad 0,0,0,0,0,0,0,0,0,0
# (QEMU takes CKSM's length from all 64 bits of R2+1 in every mode; the PoP uses bits
# 32-63 in the 24- and 31-bit modes. A zero high word keeps the comparison to the rest.)
t_cksm:  .quad 0, 0, 0x1234567880000000, 0x8765432100000008, 0x2345678980000000, 0x0000000000000006
         .quad 0,0,0,0,0,0,0,0,0,0
# (TRE: QEMU writes R1 whole too.)
t_tre:   .quad 0x100, 0, 0x0000000080000000, 0x8765432100000004, 0x2345678980000000, 0
         .quad 0,0,0,0,0,0,0,0,0,0
t_troo:  .quad 0, 0, 0x1234567880000000, 0x8765432100000004, 0x2345678980000000, 0
         .quad 0,0,0,0,0,0,0,0,0,0
t_mvcl:  .quad 0, 0, 0x1234567880000000, 0x87654321cc000008, 0x2345678980000000, 0x3456789a2a000006
         .quad 0,0,0,0,0,0,0,0,0,0
area1:   .ascii "0123456789abcdef"
area2:   .ascii "01234567"
         .byte 0
         .balign 8
tab:     .fill 256,1,0
