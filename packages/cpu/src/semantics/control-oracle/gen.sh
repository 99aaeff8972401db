#!/bin/sh
# Regenerate the oracle fixtures: assemble each *.S into a static s390x ELF and record
# what qemu-s390x produces for it (*.qemu.bin). control-oracle.test.ts runs the same
# ELF in ztab and compares record by record. Needs s390x-linux-gnu-gcc and qemu-s390x.
set -eu
cd "$(dirname "$0")"
for s in *.S; do
  b=${s%.S}
  s390x-linux-gnu-gcc -march=z196 -static -nostdlib -Wl,-Ttext=0x100000 -Wl,--build-id=none -o "$b.elf" "$s"
  s390x-linux-gnu-strip "$b.elf"
  qemu-s390x -cpu max "./$b.elf" > "$b.qemu.bin"
  echo "$b: $(wc -c < "$b.qemu.bin") bytes"
done
