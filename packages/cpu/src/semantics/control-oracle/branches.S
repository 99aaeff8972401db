# Branches: condition masks, link information in the three addressing modes, BCT/BXH
# families, compare-and-branch, BASSM/BSM mode switching, BCR serialization forms.
        .include "harness.inc"

# Run \insn with target 1f; record id*2+1 if it branched, id*2 if not.
        .macro BR id, mn, ops:vararg
        \mn \ops
        DUMP (\id)*2
        j 9f
1:      DUMP (\id)*2+1
9:
        .endm

# Set the CC to \cc with SPM (CC in bits 34-35 of the register).
        .macro BRR id, mn, ops:vararg
        larl %r6,1f
        BR \id, \mn, \ops
        .endm

        .macro SETCC cc
        larl %r1,cc_vals
        l %r1,4*\cc(%r1)
        spm %r1
        .endm

        .macro TAMDUMP id
        tam
        DUMP \id
        .endm

test_main:
        LOADREGS regs
        # --- BRC/BRCL/BC/BCR with every mask against every CC
        .irp cc,0,1,2,3
        SETCC \cc
        .irp m,0,1,2,4,8,7,14,15
        BR 100+\cc*16+\m, brc, \m,1f
        .endr
        SETCC \cc
        .irp m,3,5,10,12
        BR 200+\cc*16+\m, brcl, \m,1f
        .endr
        SETCC \cc
        larl %r6,1f
        .irp m,6,9
        BRR 300+\cc*16+\m, bcr, \m,%r6
        .endr
        SETCC \cc
        .irp m,11,13
        BRR 400+\cc*16+\m, bc, \m,0(%r0,%r6)
        .endr
        .endr
        # BCR with R2 = 0 never branches; 15,0 and 14,0 are serialization
        BR 500, bcr, 15,%r0
        BR 501, bcr, 14,%r0
        BRR 502, bc, 15,0(%r6,%r0)

        # --- link information, 64-bit mode
        LOADREGS regs
        SETCC 2
        BRR 510, bal, %r7,0(%r6)
        BRR 511, balr, %r8,%r6
        BR 512, balr, %r9,%r0
        BRR 513, bas, %r7,0(%r6)
        BRR 514, basr, %r8,%r6
        BR 515, basr, %r9,%r0
        BR 516, bras, %r10,1f
        BR 517, brasl, %r12,1f
        # BASR with R1 = R2: the target is taken before the link replaces it
        BRR 518, basr, %r6,%r6

        # --- link information, 31-bit mode (BAL keeps bits 0-31; bit 32 = 1)
        LOADREGS regs
        larl %r1,pm_vals
        l %r1,0(%r1)
        spm %r1                 # CC 1, program mask 0b0101
        sam31
        BRR 520, bal, %r7,0(%r6)
        BRR 521, balr, %r8,%r6
        BR 522, balr, %r9,%r0
        BR 523, bras, %r10,1f
        BRR 524, bas, %r7,0(%r6)
        sam64

        # --- link information, 24-bit mode: ILC, CC and program mask in bits 32-39
        LOADREGS regs
        larl %r1,pm_vals
        l %r1,0(%r1)
        spm %r1
        sam24
        BRR 530, bal, %r7,0(%r6)
        BRR 531, balr, %r8,%r6
        BR 532, balr, %r9,%r0
        BRR 533, bas, %r7,0(%r6)
        BR 534, bras, %r10,1f
        BR 535, brasl, %r12,1f
        larl %r1,pm_vals
        l %r1,4(%r1)
        spm %r1                 # CC 3, program mask 0b1010
        BR 536, balr, %r9,%r0
        sam64

        # --- branch on count
        LOADREGS regs
        BRR 540, bct, %r2,0(%r6)  # r2 = 1 -> 0, no branch
        BRR 541, bct, %r3,0(%r6)  # r3 = 0 -> -1, branch
        BRR 542, bctr, %r4,%r6
        BR 543, bctr, %r5,%r0    # decrements, never branches
        BR 544, brct, %r2,1f
        BR 545, brctg, %r3,1f    # 64-bit: 0x00000000ffffffff -> ...fffe
        BRR 546, bctg, %r13,0(%r6)
        BRR 547, bctgr, %r14,%r6
        BR 548, brcth, %r15,1f
        BR 549, brcth, %r0,1f
        LOADREGS regs
        BR 550, brctg, %r2,1f    # 1 -> 0 (64-bit)

        # --- branch on index
        LOADREGS bxregs
        BRR 560, bxh, %r2,%r4,0(%r6)   # r2 += r4, compare r5
        BRR 561, bxle, %r2,%r4,0(%r6)
        BRR 562, bxh, %r2,%r3,0(%r6)   # odd R3: the increment is also the comparand
        BRR 563, bxle, %r8,%r3,0(%r6)
        BR 564, brxh, %r2,%r4,1f
        BR 565, brxle, %r8,%r4,1f
        BR 566, brxhg, %r10,%r12,1f
        BR 567, brxlg, %r10,%r12,1f
        BRR 568, bxhg, %r10,%r12,0(%r6)
        BRR 569, bxleg, %r13,%r12,0(%r6)
        BRR 570, bxleg, %r4,%r4,0(%r6) # R1 = R3: the comparand is the old odd register
        LOADREGS bxregs
        BR 571, brxh, %r2,%r2,1f
        BR 572, brxlg, %r12,%r12,1f

        # --- compare and branch
        LOADREGS cmpregs
        .irp m,2,4,6,8,10,12,14
        BR 600+\m, crj, %r2,%r3,\m,1f
        BR 620+\m, clrj, %r2,%r3,\m,1f
        BR 640+\m, cgrj, %r4,%r5,\m,1f
        BR 660+\m, clgrj, %r4,%r5,\m,1f
        BR 680+\m, cij, %r2,-3,\m,1f
        BR 700+\m, clij, %r2,253,\m,1f
        BR 720+\m, cgij, %r4,-1,\m,1f
        BR 740+\m, clgij, %r5,200,\m,1f
        BRR 760+\m, crb, %r3,%r2,\m,0(%r6)
        BRR 780+\m, clrb, %r3,%r2,\m,0(%r6)
        BRR 800+\m, cgrb, %r5,%r4,\m,0(%r6)
        BRR 820+\m, clgrb, %r5,%r4,\m,0(%r6)
        BRR 840+\m, cib, %r3,5,\m,0(%r6)
        BRR 860+\m, clib, %r3,5,\m,0(%r6)
        BRR 880+\m, cgib, %r5,-128,\m,0(%r6)
        BRR 900+\m, clgib, %r4,255,\m,0(%r6)
        .endr
        BR 920, cij, %r7,0,8,1f       # equal
        BR 921, cgij, %r7,0,8,1f

        # QEMU implements neither BSM nor BASSM: control.test.ts covers them.
        END_TEST


        .data
        .balign 8
regs:   .quad 0x1111111111111111, 0x2222222222222222, 1, 0, 2, 3, 0
        .quad 0x7777777777777777, 0x8888888888888888, 0x9999999999999999, 0xaaaaaaaaaaaaaaaa
        .quad 0xbbbbbbbbbbbbbbbb, 0xcccccccccccccccc, 0x00000001ffffffff, 0x0000000100000000
        .quad 0x0000000200000007
bxregs: .quad 0, 0, 10, 3, 0xfffffffd, 12, 0, 0, 0x7ffffffe, 0, 100, 0, -7, 50, 0, 0
cmpregs: .quad 0, 0, 0xfffffffd, 5, -1, 200, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0
cc_vals: .long 0x00000000, 0x10000000, 0x20000000, 0x30000000
pm_vals: .long 0x15000000, 0x3a000000
bit32:  .long 0x80000000
one:    .long 1
