# Sourced by the entry scripts. A fresh machine has only Node 20 and npm: these install the
# rest, and do nothing when it is already there, so the same script serves CI and laptops.

PNPM_VERSION=10.34.9 # pnpm 11+ needs Node 22 (docs/decisions/001-toolchain.md)

as_root() {
  if [ "$(id -u)" -eq 0 ]; then "$@"; elif command -v sudo >/dev/null; then sudo "$@"; else
    echo "need root to run: $*" >&2
    return 1
  fi
}

ensure_pnpm() {
  if [ "$(pnpm --version 2>/dev/null)" != "$PNPM_VERSION" ]; then
    echo "› installing pnpm $PNPM_VERSION"
    npm install --global --no-fund --no-audit "pnpm@$PNPM_VERSION" >/dev/null || as_root npm install --global "pnpm@$PNPM_VERSION"
  fi
}

# Playwright must not download a browser (no network but the registries): Debian's Chromium,
# plus a small CJK fallback font so e2e screenshots show 株式会社 rather than empty boxes.
ensure_chromium() {
  export CHROMIUM_PATH="${CHROMIUM_PATH:-/usr/bin/chromium}"
  if [ ! -x "$CHROMIUM_PATH" ] || ! dpkg -s fonts-droid-fallback >/dev/null 2>&1; then
    echo "› installing Chromium and a CJK font from Debian's packages"
    as_root apt-get update -qq &&
      DEBIAN_FRONTEND=noninteractive as_root apt-get install -y -qq chromium fonts-droid-fallback >/dev/null
  fi
}

install_dependencies() {
  pnpm install --frozen-lockfile
}
