# The long forms: MVCL (padding, destructive overlap, progress across pages and up to an
# access exception), MVCLE/MVCLU (CPU-determined amounts and CC 3), CLCL, CLCLE, CLCLU.
        .include "harness.inc"

        .macro LA64 r, sym
        larl \r,\sym
        lg \r,0(\r)
        .endm

test_main:
        # ---- MVCL: R1/R1+1 destination, R2/R2+1 source with the pad in bits 32-39
        LOADREGS mvcl1                  # dest 16, source 5, pad '*'
        larl %r2,area
        larl %r4,text
        mvcl %r2,%r4
        ipm %r0
        DUMP 1, area, 24
        LOADREGS mvcl2                  # dest 4, source 10: CC 1
        larl %r2,area
        larl %r4,text
        mvcl %r2,%r4
        ipm %r0
        DUMP 2, area, 24
        LOADREGS mvcl3                  # equal lengths 8: CC 0
        larl %r2,area
        larl %r4,text
        mvcl %r2,%r4
        ipm %r0
        DUMP 3, area, 24
        LOADREGS mvcl3                  # destructive overlap: CC 3, nothing moved
        larl %r2,area+1
        larl %r4,area
        mvcl %r2,%r4
        ipm %r0
        DUMP 4, area, 24
        LOADREGS mvcl3                  # overlap with the destination below: moves
        larl %r2,area
        larl %r4,area+2
        mvcl %r2,%r4
        ipm %r0
        DUMP 5, area, 24
        LOADREGS mvcl4                  # destination length 0: CC 2, no access
        larl %r4,text
        mvcl %r2,%r4
        ipm %r0
        DUMP 6
        # across pages in the guard area: 0x7f0100 <- 0x7f3000, 0x3000 bytes, then pad
        LOADREGS mvcl5
        LA64 %r2, g_7f0100
        LA64 %r4, g_7f3000
        larl %r1,text
        mvc 0(32,%r4),0(%r1)
        mvc 0xff0(32,%r4),0(%r1)
        mvcl %r2,%r4
        ipm %r0
        DUMP 7, 0x7f00f0, 48
        DUMP 8, 0x7f10e0, 64
        DUMP 9, 0x7f30f0, 48
        # the destination runs into the unmapped page: progress is in the registers
        LOADREGS mvcl6
        LA64 %r2, g_7ff800
        LA64 %r4, g_7f3000
        FAULT_TO 1f
        mvcl %r2,%r4
1:      DUMP 10, 0x7ffff0, 16
        # 24-bit and 31-bit modes: bits 32-39 / bit 32 of the address registers
        LOADREGS mvcl7
        larl %r1,area
        ar %r2,%r1
        larl %r1,text
        ar %r4,%r1
        sam24
        mvcl %r2,%r4
        ipm %r0
        sam64
        DUMP 11, area, 24
        LOADREGS mvcl8
        larl %r1,area
        ar %r2,%r1
        larl %r1,text
        ar %r4,%r1
        sam31
        mvcl %r2,%r4
        ipm %r0
        sam64
        DUMP 12, area, 24
        FAULT_TO 2f
        .short 0x0e35                   # mvcl %r3,%r5: odd registers
2:
        # ---- MVCLE: one page-bounded unit per execution, CC 3 until done
        LOADREGS mvcle1
        LA64 %r2, g_7f4ff0
        LA64 %r4, g_7f3000
        mvcle %r2,%r4,0x5c              # pad from the address: 0x5c
        ipm %r0
        DUMP 20, 0x7f4ff0, 32
        mvcle %r2,%r4,0x5c
        ipm %r0
        DUMP 21
3:      mvcle %r2,%r4,0x5c
        jo 3b
        ipm %r0
        DUMP 22, 0x7f5ff0, 64
        LOADREGS mvcle2                 # source longer: CC 1 at the end
        larl %r2,area
        larl %r4,text
        mvcle %r2,%r4,0
        ipm %r0
        DUMP 23, area, 24
        # ---- MVCLU: two-byte pad
        LOADREGS mvclu1
        larl %r2,area
        larl %r4,text
        mvclu %r2,%r4,0x4142
        ipm %r0
        DUMP 24, area, 24
        LOADREGS mvclu2                 # the pad phase follows the remaining length
        larl %r2,area
        larl %r4,text
        mvclu %r2,%r4,0x6162
        ipm %r0
        DUMP 25, area, 24
        # ---- CLCL
        LOADREGS clcl1                  # "0123" vs "0123" + pad '4': equal to '4' pad? no
        larl %r2,cmp1
        larl %r4,cmp2
        clcl %r2,%r4
        ipm %r0
        DUMP 30
        LOADREGS clcl2
        larl %r2,cmp1
        larl %r4,cmp1
        clcl %r2,%r4                    # equal, the shorter padded with '4','5'...: pad
        ipm %r0
        DUMP 31
        LOADREGS clcl3
        larl %r2,cmp1
        larl %r4,cmp2
        clcl %r2,%r4                    # differs inside: registers at the difference
        ipm %r0
        DUMP 32
        LOADREGS clcl4                  # both lengths 0: CC 0
        clcl %r2,%r4
        ipm %r0
        DUMP 33
        # ---- CLCLE: 0x2000 bytes per execution, CC 3
        LOADREGS clcle1
        LA64 %r2, g_7f0000
        LA64 %r4, g_7f8000
        clcle %r2,%r4,0
        ipm %r0
        DUMP 34
4:      clcle %r2,%r4,0
        jo 4b
        ipm %r0
        DUMP 35
        LOADREGS clcle2
        larl %r2,cmp1
        larl %r4,cmp2
        clcle %r2,%r4,0x20              # first longer, second padded with blanks
        ipm %r0
        DUMP 36
        # CLCL across pages, the shorter operand padded with zeros
        LOADREGS clcl5
        LA64 %r2, g_7f0000
        LA64 %r4, g_7f8000
        clcl %r2,%r4
        ipm %r0
        DUMP 39
        LOADREGS clcl6
        LA64 %r2, g_7f8000
        LA64 %r4, g_7f0000
        clcl %r2,%r4
        ipm %r0
        DUMP 40
        LOADREGS clcl7                  # equal through two page crossings and the padding
        LA64 %r2, g_7f9800
        LA64 %r4, g_7fd000
        clcl %r2,%r4
        ipm %r0
        DUMP 41
        LOADREGS clcl8                  # the pad (1) is higher than the first operand's zeros
        LA64 %r2, g_7f9800
        LA64 %r4, g_7fd000
        clcl %r2,%r4
        ipm %r0
        DUMP 42
        # ---- CLCLU
        LOADREGS clclu1
        larl %r2,ucs1
        larl %r4,ucs2
        clclu %r2,%r4,0x0020
        ipm %r0
        DUMP 37
        LOADREGS clclu2
        larl %r2,ucs1
        larl %r4,ucs2
        clclu %r2,%r4,0x0033
        ipm %r0
        DUMP 38
        END_TEST

        .data
        .balign 8
g_7f0000: .quad 0x7f0000
g_7f0100: .quad 0x7f0100
g_7f3000: .quad 0x7f3000
g_7f4ff0: .quad 0x7f4ff0
g_7f8000: .quad 0x7f8000
g_7ff800: .quad 0x7ff800
g_7f9800: .quad 0x7f9800
g_7fd000: .quad 0x7fd000
#               r0 r1 r2 r3                   r4 r5
mvcl1:  .quad 0, 0, 0, 0xaaaaaaaa00000010, 0, 0xbbbbbbbb2a000005, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0
mvcl2:  .quad 0, 0, 0, 0xaaaaaaaaff000004, 0, 0xbbbbbbbb2a00000a, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0
mvcl3:  .quad 0, 0, 0, 0x0000000000000008, 0, 0x0000000000000008, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0
mvcl4:  .quad 0, 0, 0x1234, 0x0000000011000000, 0, 0x0000000000000008, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0
mvcl5:  .quad 0, 0, 0, 0x0000000000004000, 0, 0x0000000023003000, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0
mvcl6:  .quad 0, 0, 0, 0x0000000000001000, 0, 0x0000000023001000, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0
mvcl7:  .quad 0, 0, 0x5555555577000000, 0x000000000000000c, 0x6666666699000000, 0x000000002d000006
        .quad 0, 0, 0, 0, 0, 0, 0, 0, 0, 0
mvcl8:  .quad 0, 0, 0x5555555580000000, 0x000000000000000c, 0x6666666680000000, 0x000000002d000006
        .quad 0, 0, 0, 0, 0, 0, 0, 0, 0, 0
mvcle1: .quad 0, 0, 0, 0x0000000000001020, 0, 0x0000000000000018, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0
mvcle2: .quad 0, 0, 0, 0x0000000000000006, 0, 0x0000000000000009, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0
mvclu1: .quad 0, 0, 0, 0x0000000000000010, 0, 0x0000000000000006, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0
mvclu2: .quad 0, 0, 0, 0x0000000000000012, 0, 0x0000000000000004, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0
clcl1:  .quad 0, 0, 0, 0x0000000000000006, 0, 0x0000000034000004, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0
clcl2:  .quad 0, 0, 0, 0x0000000000000006, 0, 0x0000000034000005, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0
clcl3:  .quad 0, 0, 0, 0xffffffffff000010, 0, 0x0000000000000010, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0
clcl4:  .quad 0, 0, 0, 0, 0, 0x00000000ff000000, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0
clcl5:  .quad 0, 0, 0, 0x0000000000006000, 0, 0x0000000000001000, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0
clcl6:  .quad 0, 0, 0, 0x0000000000000800, 0, 0x0000000000006000, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0
clcl7:  .quad 0, 0, 0, 0x0000000000003000, 0, 0x0000000000000800, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0
clcl8:  .quad 0, 0, 0, 0x0000000000003000, 0, 0x0000000001000800, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0
clcle1: .quad 0, 0, 0, 0x0000000000003000, 0, 0x0000000000005000, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0
clcle2: .quad 0, 0, 0, 0x0000000000000012, 0, 0x0000000000000008, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0
clclu1: .quad 0, 0, 0, 0x0000000000000008, 0, 0x0000000000000004, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0
clclu2: .quad 0, 0, 0, 0x0000000000000008, 0, 0x0000000000000006, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0
text:   .ascii "0123456789abcdefghijklmnopqrstuv"
cmp1:   .ascii "012344444444444444444444"
cmp2:   .ascii "0123456789abcdefghijklmn"
ucs1:   .short 0x0030, 0x0031, 0x0020, 0x0020, 0x0033
ucs2:   .short 0x0030, 0x0031, 0x0033, 0x0033, 0x0033, 0x0033
        .balign 8
area:   .fill 32,1,0x2e
