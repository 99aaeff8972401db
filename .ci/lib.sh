# Shared by .ci/setup (a developer's first command) and .ci/run (CI): installs what
# a fresh Debian machine with Node.js lacks, and nothing it already has.
# Source it from the repository root; it defines functions only.

ZTAB_PNPM_VERSION=10.34.8
ZTAB_APT_PACKAGES=(
  chromium                 # e2e tests and screenshots (Playwright never downloads a browser here)
  fonts-dejavu-core        # a monospace font for the terminal in those screenshots
  qemu-system-misc         # qemu-system-s390x: the reference machine
  qemu-user                # qemu-s390x: reference results for single programs
  gcc-s390x-linux-gnu      # builds s390x test programs
  libc6-dev-s390x-cross    # glibc headers and static libc for them: only a Recommends of gcc, which --no-install-recommends drops
  binutils-s390x-linux-gnu # s390x-linux-gnu-objdump: the reference disassembler
  e2fsprogs                # mke2fs and debugfs for the guest's data disk
  cpio                     # packs the guest's initramfs
  xz-utils
)

ci_log() {
  printf '\033[1m[ztab] %s\033[0m\n' "$*"
}

ci_die() {
  printf '[ztab] error: %s\n' "$*" >&2
  exit 1
}

# Runs a command as root: directly when we are root, through sudo otherwise.
as_root() {
  if [ "$(id -u)" -eq 0 ]; then
    "$@"
  elif command -v sudo >/dev/null 2>&1; then
    sudo "$@"
  else
    ci_die "need root for: $* (run as root or install sudo)"
  fi
}

ci_check_node() {
  command -v node >/dev/null 2>&1 || ci_die "Node.js 20.19 or newer is required (node not found)"
  node -e 'const [a,b]=process.versions.node.split(".").map(Number); process.exit(a>20||(a===20&&b>=19)?0:1)' ||
    ci_die "Node.js 20.19 or newer is required (found $(node --version))"
}

ci_install_apt_packages() {
  command -v dpkg-query >/dev/null 2>&1 && command -v apt-get >/dev/null 2>&1 ||
    ci_die "this setup needs a Debian-based system with apt-get"
  local missing=()
  local pkg
  for pkg in "${ZTAB_APT_PACKAGES[@]}"; do
    if [ "$(dpkg-query -W -f='${db:Status-Status}' "$pkg" 2>/dev/null)" != installed ]; then
      missing+=("$pkg")
    fi
  done
  if [ ${#missing[@]} -eq 0 ]; then
    ci_log "Debian packages: all present"
    return
  fi
  ci_log "Debian packages: installing ${missing[*]}"
  as_root apt-get update -q
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends "${missing[@]}"
}

ci_install_pnpm() {
  if [ "$(pnpm --version 2>/dev/null || true)" = "$ZTAB_PNPM_VERSION" ]; then
    ci_log "pnpm $ZTAB_PNPM_VERSION: present"
    return
  fi
  command -v npm >/dev/null 2>&1 || ci_die "npm is required to install pnpm"
  ci_log "installing pnpm@$ZTAB_PNPM_VERSION with npm"
  if [ -w "$(npm prefix -g)/lib" ] || [ -w "$(npm prefix -g)" ]; then
    npm install -g --no-fund --no-audit "pnpm@$ZTAB_PNPM_VERSION"
  else
    as_root npm install -g --no-fund --no-audit "pnpm@$ZTAB_PNPM_VERSION"
  fi
  hash -r
}

ci_install_node_packages() {
  ci_log "node packages: pnpm install --frozen-lockfile"
  # .npmrc silences pnpm's reporter for scripts; installs should still talk.
  pnpm install --frozen-lockfile --reporter=append-only
}

# Everything the project needs before it can build the guest and run its tests.
ci_install_all() {
  ci_check_node
  ci_install_apt_packages
  ci_install_pnpm
  ci_install_node_packages
}
