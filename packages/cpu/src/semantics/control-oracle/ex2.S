# EXECUTE of more formats: the OR into bits 8-15 lands in R1/X2 (RX), R1/R3 (RS, RSY,
# RIE, RSI), M1 (RX-b), R3 (SSF), R1/M3 (RIS), R1/R2 (RRS), the unused byte of S.
        .include "harness.inc"

test_main:
        LOADREGS regs
        larl %r3,data
        exrl %r8,t_l                    # r8 = 0x50: l %r5,0(%r3)
        exrl %r9,t_lx                   # r9 = 0x06: l %r1,0(%r6,%r3), r6 = 8
        DUMP 1
        LOADREGS regs
        larl %r3,data
        larl %r6,1f
        exrl %r10,t_bc                  # r10 = 0xf0: bc 15,0(%r6)
        DUMP 2
1:      DUMP 3
        LOADREGS regs
        larl %r3,data
        exrl %r11,t_lam                 # r11 = 0x4a: lam %a4,%a10,0(%r3)
        DUMP 4
        exrl %r12,t_stamy               # r12 = 0x27: stamy %a2,%a7,32(%r3)
        DUMP 5, data, 64
        LOADREGS regs
        larl %r3,data
        larl %r6,t_cib_ret
        exrl %r13,t_cib                 # r13 = 0x8a: cib %r8,10,... m3 = 10 (not equal)
        DUMP 6
t_cib_ret:
        DUMP 7
        larl %r6,t_crb_ret
        exrl %r14,t_crb                 # r14 = 0x9e: crb %r9,%r14 -> compares 9 with 14
        DUMP 8
t_crb_ret:
        DUMP 9
        exrl %r15,t_crj                 # r15 = 0x48: crj %r4,%r8,...
        DUMP 10
t_crj_ret:
        DUMP 11
        LOADREGS bx
        exrl %r7,t_brxh                 # r7 = 0x24: brxh %r2,%r4 (odd R3 pairs with r5)
        DUMP 12
t_brxh_ret:
        DUMP 13
        exrl %r7,t_brxhg
        DUMP 14
t_brxhg_ret:
        DUMP 15
        LOADREGS regs
        larl %r3,data
        exrl %r0,t_ts
        ipm %r1
        DUMP 16, data, 8
        # SI: the immediate byte comes from R1 (the classic EX of MVI/CLI/TM)
        LOADREGS regs
        larl %r3,data
        exrl %r8,t_mvi                  # r8 = 0x50: mvi 8(%r3),0x50
        exrl %r10,t_cli                 # r10 = 0xf0: cli 8(%r3),0xf0 -> low
        ipm %r1
        exrl %r9,t_tm                   # r9 = 0x06: tm 9(%r3),0x06
        ipm %r2
        DUMP 17, data, 16
        # SS-b: both length nibbles from R1 (EX of PACK/UNPK)
        LOADREGS regs
        larl %r3,data
        exrl %r7,t_pack                 # r7 = 0x17: pack 16(2,%r3),24(8,%r3)
        DUMP 18, data, 40
        exrl %r13,t_unpk                # r13 = 0x8a -> lengths 9 and 11
        DUMP 19, data, 64
        END_TEST

t_mvi:  mvi 8(%r3),0
t_cli:  cli 8(%r3),0
t_tm:   tm 9(%r3),0
t_pack: pack 16(1,%r3),24(1,%r3)
t_unpk: unpk 32(1,%r3),16(1,%r3)
t_l:    l %r0,0(%r3)
t_lx:   l %r1,0(%r0,%r3)
t_bc:   bc 0,0(%r6)
t_lam:  lam %a0,%a0,0(%r3)
t_stamy: stamy %a0,%a0,32(%r3)
t_cib:  cib %r0,10,0,0(%r6)
t_crb:  crb %r0,%r0,8,0(%r6)
t_crj:  crj %r0,%r0,6,t_crj_ret
t_brxh: brxh %r0,%r0,t_brxh_ret
t_brxhg: brxhg %r2,%r4,t_brxhg_ret
t_ts:   ts 7(%r3)

        .data
        .balign 8
regs:   .quad 0x10, 0x11, 0x12, 0, 0x14, 0x15, 8, 0x17, 0x50, 0x06, 0xf0, 0x4a, 0x27, 0x8a, 0x9e, 0x48
bx:     .quad 0, 0, 7, 0, 5, 20, 0, 0x24, 0, 0, 0, 0, 0, 0, 0, 0
data:   .long 0x01020304, 0x05060708, 0x090a0b0c, 0x0d0e0f10, 0x11121314, 0x15161718, 0x191a1b1c
        .long 0x1d1e1f20
        .fill 32,1,0xee
        .fill 64,1,0
