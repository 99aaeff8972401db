# The string instructions: MVST, CLST, SRST, SRSTU — terminators, CC 3 after the
# CPU-determined amount, register updates, the GR0 specification checks.
        .include "harness.inc"

        .macro LA64 r, sym
        larl \r,\sym
        lg \r,0(\r)
        .endm

test_main:
        # ---- MVST: GR0 = terminator
        LOADREGS zero
        larl %r2,dst
        larl %r3,str1
        larl %r1,term_nul
        l %r0,0(%r1)
        mvst %r2,%r3                    # copies through the NUL: CC 1, R1 at it
        ipm %r4
        DUMP 1, dst, 24
        larl %r1,term_x
        l %r0,0(%r1)
        larl %r2,dst
        larl %r3,str1
        mvst %r2,%r3                    # terminator 'x' (0x78) stops early
        ipm %r4
        DUMP 2, dst, 24
        # long string across pages: CC 3 at a page boundary of either operand
        LOADREGS zero
        LA64 %r2, g_7f2f80
        LA64 %r3, g_7f4fc0
        larl %r1,fill
        mvc 0(64,%r3),0(%r1)            # 64 bytes of 'F' at 0x7f4fc0 .. 0x7f5000
        mvc 0x40(64,%r3),0(%r1)
        mvst %r2,%r3                    # stops at 0x7f5000 (source page end)
        ipm %r4
        DUMP 3
1:      mvst %r2,%r3
        jo 1b
        ipm %r4
        DUMP 4, 0x7f2f70, 32
        # GR0 bits 32-55 nonzero: specification
        larl %r1,bad_r0
        l %r0,0(%r1)
        FAULT_TO 2f
        mvst %r2,%r3
2:
        # ---- CLST
        LOADREGS zero
        larl %r2,str1
        larl %r3,str2
        clst %r2,%r3                    # differ at index 5: registers advanced, CC by byte
        ipm %r4
        DUMP 5
        larl %r2,str1
        larl %r3,str1
        clst %r2,%r3                    # equal up to the terminator: CC 0, unchanged
        ipm %r4
        DUMP 6
        larl %r2,str3
        larl %r3,str1
        clst %r2,%r3                    # first string ends first: CC 1
        ipm %r4
        DUMP 7
        larl %r2,str1
        larl %r3,str3
        clst %r2,%r3                    # CC 2
        ipm %r4
        DUMP 8
        # 0x2000 equal bytes and more: CC 3 with both registers advanced
        LOADREGS zero
        LA64 %r2, g_7f0000
        LA64 %r3, g_7f8000
        larl %r1,term_x
        l %r0,0(%r1)
        clst %r2,%r3
        ipm %r4
        DUMP 9
3:      clst %r2,%r3
        jo 3b
        ipm %r4
        DUMP 10
        # ---- SRST: R1 = end, R2 = start, GR0 = character
        LOADREGS zero
        larl %r2,str1
        larl %r3,str1
        larl %r1,term_x
        l %r0,0(%r1)
        larl %r2,str1_end
        srst %r2,%r3                    # finds 'x'? (not in str1): CC 2
        ipm %r4
        DUMP 11
        larl %r1,char_5
        l %r0,0(%r1)
        larl %r2,str1_end
        larl %r3,str1
        srst %r2,%r3                    # finds '5': R1 = its address
        ipm %r4
        DUMP 12
        larl %r2,str1
        larl %r3,str1
        srst %r2,%r3                    # empty range: CC 2
        ipm %r4
        DUMP 13
        LOADREGS zero
        LA64 %r2, g_7ff000              # end far away, nothing found in 0x2000: CC 3
        LA64 %r3, g_7f0000
        larl %r1,char_5
        l %r0,0(%r1)
        srst %r2,%r3
        ipm %r4
        DUMP 14
        larl %r1,bad_r0
        l %r0,0(%r1)
        FAULT_TO 4f
        srst %r2,%r3
        # ---- SRSTU: two-byte characters, GR0 bits 32-47 must be zero
4:      LOADREGS zero
        larl %r1,char_u
        l %r0,0(%r1)
        larl %r2,ustr_end
        larl %r3,ustr
        srstu %r2,%r3
        ipm %r4
        DUMP 15
        larl %r2,ustr_end
        larl %r3,ustr+1                 # odd start: parity differs from the end
        srstu %r2,%r3
        ipm %r4
        DUMP 16
        larl %r1,bad_u
        l %r0,0(%r1)
        FAULT_TO 5f
        srstu %r2,%r3
5:      END_TEST


        .data
        .balign 8
zero:   .quad 0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0
g_7f0000: .quad 0x7f0000
g_7f2f80: .quad 0x7f2f80
g_7f4fc0: .quad 0x7f4fc0
g_7f8000: .quad 0x7f8000
g_7ff000: .quad 0x7ff000
term_nul: .long 0
term_x: .long 0x78
char_5: .long 0x35
char_u: .long 0x4e2d
bad_r0: .long 0x100
bad_u:  .long 0x10000
str1:   .asciz "0123456789abcdef"
str1_end:
str2:   .asciz "01234X6789"
str3:   .asciz "0123"
        .balign 2
ustr:   .short 0x0041, 0x0042, 0x4e2d, 0x0043
ustr_end:
fill:   .fill 64,1,0x46
dst:    .fill 24,1,0x2e
