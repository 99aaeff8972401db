# SS-format storage-to-storage: MVC (overlap, propagation, page crossing, access
# exceptions before any store), MVCIN, NC/OC/XC, CLC, TR, TRT, TRTR.
        .include "harness.inc"

test_main:
        LOADREGS regs
        larl %r1,area
        larl %r2,text
        mvc 0(32,%r1),0(%r2)
        DUMP 1, area, 48
        mvc 1(31,%r1),0(%r1)            # propagate the first byte
        DUMP 2, area, 48
        mvc 0(32,%r1),0(%r2)
        mvc 3(29,%r1),0(%r1)            # period-3 pattern
        DUMP 3, area, 48
        mvc 0(32,%r1),0(%r2)
        mvc 0(29,%r1),3(%r1)            # destination below source: a plain move
        DUMP 4, area, 48
        mvc 0(32,%r1),0(%r2)
        mvc 0(256,%r1),0(%r1)           # same address
        DUMP 5, area, 48
        # page crossing in the guard area (mapped up to 0x800000)
        larl %r3,guard_base
        lg %r3,0(%r3)                   # 0x7fe000
        mvc 0xff0(32,%r3),0(%r2)        # crosses 0x7ff000
        mvc 0x100(64,%r3),0xfe0(%r3)    # source crosses, destination does not
        mvc 0xfd8(16,%r3),0xff6(%r3)    # both cross at different offsets, overlapping
        DUMP 6, 0x7fefd0, 80
        DUMP 7, 0x7fe100, 64
        mvc 0xff1(32,%r3),0xff0(%r3)    # propagation across the page boundary
        DUMP 8, 0x7fefe0, 96
        # the destination runs into the unmapped page: nothing is stored
        larl %r4,guard_top
        lg %r4,0(%r4)                   # 0x7fff00
        mvc 0xe0(16,%r4),0(%r2)
        FAULT_TO 1f
        mvc 0xf0(32,%r4),0(%r2)
1:      DUMP 9, 0x7fffe0, 32
        FAULT_TO 2f
        mvc 0(32,%r2),0xf0(%r4)         # source runs into it
2:      DUMP 10, text, 32
        # MVCIN: the second operand address is its rightmost byte
        larl %r1,area
        mvcin 0(16,%r1),15(%r2)
        DUMP 11, area, 32
        mvcin 0xff8(16,%r3),0xf0f(%r3)
        DUMP 12, 0x7feff0, 32
        # NC/OC/XC and their CC; XC of an operand with itself clears it
        LOADREGS regs
        larl %r1,area
        larl %r2,text
        larl %r5,masks
        mvc 0(32,%r1),0(%r2)
        nc 0(16,%r1),0(%r5)
        ipm %r6
        oc 16(16,%r1),16(%r5)
        ipm %r7
        DUMP 13, area, 32
        nc 0(8,%r1),32(%r5)             # all-zero result: CC 0
        ipm %r6
        xc 8(8,%r1),0(%r2)
        ipm %r7
        DUMP 14, area, 32
        xc 0(32,%r1),0(%r1)
        ipm %r8
        DUMP 15, area, 32
        mvc 0(32,%r1),0(%r2)
        xc 1(31,%r1),0(%r1)             # overlapping XC works byte by byte
        oc 0(8,%r1),3(%r1)
        nc 10(8,%r1),9(%r1)
        DUMP 16, area, 32
        larl %r3,guard_base
        lg %r3,0(%r3)
        larl %r4,guard_top
        lg %r4,0(%r4)
        xc 0xff0(32,%r3),0(%r2)         # page crossing
        ipm %r6
        DUMP 17, 0x7fefe0, 64
        FAULT_TO 3f
        oc 0xf0(32,%r4),0(%r2)
3:      DUMP 18, 0x7fffe0, 32
        # CLC
        LOADREGS regs
        larl %r1,cmpa
        clc 0(8,%r1),8(%r1)             # equal
        ipm %r2
        clc 0(8,%r1),16(%r1)            # first low
        ipm %r3
        clc 16(8,%r1),0(%r1)            # first high
        ipm %r4
        clc 0(1,%r1),24(%r1)
        ipm %r5
        larl %r4,guard_top
        lg %r4,0(%r4)
        clc 0xf0(64,%r4),0(%r1)         # differs before the unmapped page: no exception
        ipm %r6
        larl %r3,guard_base
        lg %r3,0(%r3)
        mvc 0xff8(16,%r3),0(%r1)
        clc 0xff8(16,%r3),0(%r1)        # equal across a page boundary
        ipm %r7
        DUMP 19
        # TR
        LOADREGS regs
        larl %r1,area
        larl %r2,text
        larl %r5,trtab
        mvc 0(32,%r1),0(%r2)
        tr 0(32,%r1),0(%r5)
        DUMP 20, area, 32
        tr 0(4,%r5),0(%r5)              # the table translates itself, byte by byte
        DUMP 21, trtab, 8
        # TRT / TRTR: R1 gets the address, R2 bits 56-63 the function byte
        LOADREGS regs
        larl %r1,area
        larl %r5,trttab
        larl %r6,text
        trt 0(32,%r6),0(%r5)            # stops at the first '5'
        ipm %r7
        DUMP 22
        LOADREGS regs
        larl %r5,trttab
        larl %r6,text
        trt 0(5,%r6),0(%r5)             # none: CC 0, registers unchanged
        ipm %r7
        trt 22(2,%r6),0(%r5)            # the last byte: CC 2
        ipm %r8
        DUMP 23
        LOADREGS regs
        larl %r5,trttab
        larl %r6,text
        trtr 31(32,%r6),0(%r5)          # from the right: the last '5' ... or '7'
        ipm %r7
        DUMP 24
        LOADREGS regs
        larl %r5,trttab
        larl %r6,text
        sam31
        trt 0(32,%r6),0(%r5)            # 31-bit: bit 32 of R1 zero, bits 0-31 kept
        ipm %r7
        sam24
        trtr 31(32,%r6),0(%r5)          # 24-bit: bits 32-39 kept
        ipm %r8
        sam64
        DUMP 25
        END_TEST

        .data
        .balign 8
regs:   .quad 0x0123456789abcdef, 0x1111111111111111, 0x2222222222222222, 0x3333333333333333
        .quad 0x4444444444444444, 0x5555555555555555, 0x6666666666666666, 0x7777777777777777
        .quad 0x8888888888888888, 0x9999999999999999, 0xaaaaaaaaaaaaaaaa, 0xbbbbbbbbbbbbbbbb
        .quad 0xcccccccccccccccc, 0xdddddddddddddddd, 0xeeeeeeeeeeeeeeee, 0xffffffffffffffff
guard_base: .quad 0x7fe000
guard_top: .quad 0x7fff00
text:   .ascii "0123456789abcdefghijklmnopqrstuv"
masks:  .quad 0xf0f0f0f0f0f0f0f0, 0x0f0f0f0f0f0f0f0f, 0x8080808080808080, 0x0101010101010101
        .quad 0
cmpa:   .ascii "ABCDEFGHABCDEFGHABCDEFGI"
        .byte 0x00
        .balign 8
area:   .fill 48,1,0x2e
        .balign 8
trtab:  .byte 3, 2, 1, 0, 4, 5, 6, 7
        .fill 40,1,0x21
        .ascii "ZYXWVUTSRQ"
        .fill 39,1,0x3f
        .ascii "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"
        .fill 256-8-40-10-39-52,1,0x7e
trttab: .fill 0x35,1,0
        .byte 0xa5
        .byte 0
        .byte 0xa7
        .fill 256-0x38,1,0
