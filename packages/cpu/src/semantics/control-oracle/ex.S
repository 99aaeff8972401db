# EXECUTE and EXECUTE RELATIVE LONG: the OR of R1 bits 56-63 into the target's second
# byte, relative operands relative to the target, ILC of the EXECUTE, branches taken,
# execute and specification exceptions.
        .include "harness.inc"

test_main:
        # SS-a: EX of MVC with the length from R1 (R1 = 0: the length as assembled)
        LOADREGS regs
        larl %r3,t_mvc
        larl %r4,buf
        larl %r5,src
        ex %r0,0(%r3)
        DUMP 1, buf, 32
        ex %r2,0(%r3)                   # r2 = 9: 10 bytes
        DUMP 2, buf, 32
        exrl %r2,t_xc                   # XC 10 bytes of buf with src
        DUMP 3, buf, 32
        exrl %r7,t_clc                  # r7 = 3: compare 4 bytes
        DUMP 4
        exrl %r8,t_tr                   # r8 = 0x0f: 16 bytes translated
        DUMP 5, buf, 32
        # RR: EX of LR with both register fields supplied by R1
        LOADREGS regs
        exrl %r9,t_lr                   # r9 = 0x2a: lr %r2,%r10
        DUMP 6
        # RI: BCR/BRC mask supplied by R1; the branch happens
        LOADREGS regs
        larl %r6,1f
        exrl %r10,t_bcr                 # r10 low byte 0xf6 -> bcr 15,%r6
        DUMP 7
1:      DUMP 8
        exrl %r0,t_brc0                 # brc 0: never
        DUMP 9
        # Relative operands are relative to the target
        LOADREGS regs
        exrl %r0,t_larl
        DUMP 10
        exrl %r0,t_bras                 # link = after the EXRL, target relative to t_bras
        DUMP 11
t_bras_ret:
        DUMP 12
        larl %r3,t_brasl
        ex %r0,0(%r3)
        DUMP 13
t_brasl_ret:
        DUMP 14
        # RIE: compare and branch with R1/M3 supplied
        LOADREGS regs
        exrl %r0,t_cij                  # cij %r0,.. compares r0
        DUMP 15
t_cij_ret:
        DUMP 16
        # E and RRE formats with R1 = 0
        exrl %r0,t_tam
        DUMP 17
        exrl %r0,t_ipm
        DUMP 18
        # ILC of the EXECUTE in BAL link information (24-bit mode)
        LOADREGS regs
        sam24
        larl %r6,2f
        larl %r3,t_balr
        ex %r0,0(%r3)                   # ILC 2
2:      DUMP 19
        larl %r6,3f
        exrl %r0,t_balr                 # ILC 3
3:      DUMP 20
        sam64
        # Execute exceptions: EX of EX, EXRL of EXRL, EX of EXRL
        LOADREGS regs
        FAULT_TO 4f
        larl %r3,t_ex
        ex %r0,0(%r3)
4:      FAULT_TO 5f
        exrl %r0,t_exrl
5:      FAULT_TO 6f
        larl %r3,t_exrl
        ex %r0,0(%r3)
        # (An odd target address is a specification exception in the PoP; QEMU executes
        # the bytes there instead, so control.test.ts covers it.)
        # The target's own exception reports the EXECUTE (odd-register MVCL: specification)
6:      FAULT_TO 8f
        exrl %r0,t_mvcl_odd
8:      DUMP 21
        END_TEST

        # Targets, never executed in line.
t_mvc:  mvc 0(1,%r4),0(%r5)
t_xc:   xc 0(1,%r4),0(%r5)
t_clc:  clc 0(1,%r4),0(%r5)
t_tr:   tr 0(1,%r4),0(%r5)
t_lr:   lr %r0,%r0
t_bcr:  bcr 0,%r0
t_brc0: brc 0,.
t_larl: larl %r11,t_larl+6
t_bras: bras %r12,t_bras_ret
t_brasl: brasl %r13,t_brasl_ret
t_cij:  cij %r0,5,0,t_cij_ret
t_tam:  tam
t_ipm:  ipm %r5
t_balr: balr %r7,%r6
t_ex:   ex %r0,0
t_exrl: exrl %r0,.
t_mvcl_odd: mvcl %r1,%r2

        .data
        .balign 8
regs:   .quad 0, 0x1111111111111111, 9, 0x3333, 0x4444, 0x5555, 0x6666, 3
        .quad 0x0f, 0x2a, 0xfffffff6, 0xbbbb, 0xcccc, 0xdddd, 0xeeee, 0xffff
buf:    .ascii "abcdefghijklmnopqrstuvwxyz012345"
src:    .ascii "ABCDEFGHIJKLMNOPQRSTUVWXYZ678901"
        .fill 224,1,0x55
