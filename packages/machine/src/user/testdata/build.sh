#!/bin/sh
# Compile the user-mode test and benchmark programs (C sources beside this script) into
# static s390x executables under .cache/user-tests/ of the repository. Rebuilds only what
# is older than its source. Usage: build.sh [OUTDIR]
set -eu
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../../../../.." && pwd)
out=${1:-$root/.cache/user-tests}
cc=${CC:-s390x-linux-gnu-gcc}
mkdir -p "$out"
for src in "$here"/*.c; do
  name=$(basename "$src" .c)
  bin="$out/$name"
  if [ ! -e "$bin" ] || [ "$src" -nt "$bin" ] || [ "$0" -nt "$bin" ]; then
    "$cc" -static -O2 -Wall -o "$bin.tmp" "$src" -lm
    mv "$bin.tmp" "$bin"
  fi
done
echo "$out"
