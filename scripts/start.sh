#!/usr/bin/env bash
# `npm start` / `pnpm start`: install, build, serve the dashboard on http://127.0.0.1:3000.
# Without DIGICERT_API_KEY(_FILE) the BFF runs an in-process simulator (demo data).
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/lib/ensure-tools.sh
ensure_pnpm
install_dependencies
pnpm -r --reporter-hide-prefix build >/dev/null
exec node apps/bff/dist/server.js
