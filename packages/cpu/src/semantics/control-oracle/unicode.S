# The Unicode conversions CU12, CU14, CU21, CU24, CU41, CU42: source exhausted (CC 0,
# also with a partial character left), destination full (CC 1), invalid characters with
# the well-formedness check (CC 2), 256 characters per execution (CC 3).
        .include "harness.inc"

# \op dst,src with R2/R3 = destination, R4/R5 = source; lengths from the table.
        .macro CONV id, op, m3, src, srclen, dstlen
        LOADREGS zero
        larl %r2,out
        larl %r4,\src
        larl %r1,lens_\id
        lg %r3,0(%r1)
        lg %r5,8(%r1)
        .if \m3 < 0
        \op %r2,%r4
        .else
        \op %r2,%r4,\m3
        .endif
        ipm %r6
        DUMP \id, out, 48
        larl %r1,out
        larl %r7,dots
        mvc 0(48,%r1),0(%r7)
        .data
lens_\id: .quad \dstlen, \srclen
        .text
        .endm

test_main:
        CONV 1, cu12, 0, utf8, 20, 48
        CONV 2, cu12, 0, utf8, 20, 9            # destination full
        CONV 3, cu12, 0, utf8, 5, 48            # a partial 3-byte character left: CC 0
        CONV 4, cu12, 1, bad8, 6, 48            # invalid with the check: CC 2
        CONV 5, cu12, 0, bad8, 6, 48            # without it converted anyway
        CONV 6, cu14, 0, utf8, 20, 48
        CONV 7, cu14, 1, bad8b, 4, 48           # overlong form: CC 2
        CONV 8, cu21, 0, utf16, 14, 48
        CONV 9, cu21, 0, utf16, 14, 7           # no room for the 4-byte character
        CONV 10, cu21, 1, bad16, 4, 48          # lone high surrogate
        CONV 11, cu21, 0, bad16, 4, 48
        CONV 12, cu24, 0, utf16, 14, 48
        CONV 13, cu24, 0, utf16, 13, 48         # odd length: the last byte is left
        CONV 14, cu41, -1, utf32, 20, 48
        CONV 15, cu41, -1, bad32, 8, 48         # above 0x10ffff: CC 2
        CONV 16, cu42, -1, utf32, 20, 48
        CONV 17, cu42, -1, utf32, 20, 10
        # 300 ASCII characters: CC 3 after 256
        LOADREGS zero
        larl %r1,g_7f0000
        lg %r2,0(%r1)
        lg %r4,8(%r1)
        lg %r3,16(%r1)
        lg %r5,24(%r1)
        cu12 %r2,%r4
        ipm %r6
        DUMP 20
1:      cu12 %r2,%r4
        jo 1b
        ipm %r6
        DUMP 21
        FAULT_TO 2f
        .long 0xb2a70035                # cu12 %r3,%r5: odd registers
2:      END_TEST

        .data
        .balign 8
zero:   .quad 0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0
g_7f0000: .quad 0x7f8000, 0x7f0000, 0x1000, 300
utf8:   .byte 0x41, 0xc3, 0xa9, 0xe4, 0xb8, 0xad, 0xf0, 0x9f, 0x98, 0x80, 0x7a
        .byte 0xe2, 0x82, 0xac, 0xd0, 0x96, 0x31, 0x32, 0x33, 0x34
bad8:   .byte 0x41, 0xc3, 0x41, 0x42, 0x43, 0x44
bad8b:  .byte 0xc1, 0x81, 0x41, 0x42
        .balign 2
utf16:  .short 0x0041, 0x00e9, 0x4e2d, 0xd83d, 0xde00, 0x007a, 0x20ac
bad16:  .short 0xd800, 0x0041
        .balign 4
utf32:  .long 0x41, 0xe9, 0x4e2d, 0x1f600, 0x20ac
bad32:  .long 0x41, 0x110000
dots:   .fill 48,1,0x2e
out:    .fill 48,1,0x2e
