#!/usr/bin/env bash
# `npm test` / `pnpm test`: the whole suite from a fresh machine. Installs what it needs, then
# build, lint, Vitest (unit + integration), Playwright (e2e in Debian's Chromium), and ends with
# one line "N passed, N failed" (CI reads that line; it does not read Vitest or Playwright).
set -uo pipefail
cd "$(dirname "$0")/.."
source scripts/lib/ensure-tools.sh
ensure_pnpm || exit 1
ensure_chromium || exit 1
install_dependencies || exit 1

reports=.reports
rm -rf "$reports" && mkdir -p "$reports"
check() { # name, command…: one pass/fail line per step for the summary
  local name=$1
  shift
  echo "› $name"
  if "$@"; then echo "$name passed" >>"$reports/checks.txt"; else echo "$name failed" >>"$reports/checks.txt"; fi
}

check build pnpm -r build
check typecheck pnpm -r typecheck
check lint pnpm exec biome check .
check vitest pnpm exec vitest run --reporter=default --reporter=json --outputFile.json="$reports/vitest.json"
check playwright pnpm exec playwright test -c playwright
node scripts/summary.mjs "$reports"
