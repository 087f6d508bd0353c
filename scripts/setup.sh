#!/usr/bin/env bash
# Quick start, first command: install what is missing, build, and run the product with demo data
# on http://localhost:3000 (SQLite under data/). Safe to run again.
set -euo pipefail
cd "$(dirname "$0")/.."

need_node_major=20; need_node_minor=19
if ! command -v node >/dev/null; then echo "Node.js >= 20.19 is required" >&2; exit 1; fi
IFS=. read -r major minor _ <<<"$(node -p 'process.versions.node')"
if (( major < need_node_major || (major == need_node_major && minor < need_node_minor) )); then
  echo "Node.js >= 20.19 is required (found $(node -v))" >&2; exit 1
fi

# Chromium renders the PDFs and runs the browser tests. The PDFs print in AR PL UMing (Song/Ming body)
# and WenQuanYi Zen Hei (headings): TrueType faces that Chromium embeds as small font subsets. Noto CJK
# is the UI's face in the browser tests. nginx fronts two instances in the tests (docker/nginx.conf).
if [ ! -x "${CHROMIUM_PATH:-/usr/bin/chromium}" ] || ! fc-list 2>/dev/null | grep -qi "Noto Sans CJK" \
  || ! fc-list 2>/dev/null | grep -qi "UMing CN" || ! fc-list 2>/dev/null | grep -qi "WenQuanYi Zen Hei" || [ ! -x /usr/sbin/nginx ]; then
  if [ "$(id -u)" = 0 ]; then SUDO=""; elif command -v sudo >/dev/null; then SUDO="sudo"; else
    echo "Please install chromium and fonts-noto-cjk as root (apt-get install chromium fonts-noto-cjk fonts-arphic-uming fonts-wqy-zenhei nginx)" >&2; exit 1
  fi
  $SUDO apt-get update -qq
  $SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium fonts-noto-cjk fonts-arphic-uming fonts-wqy-zenhei nginx >/dev/null
fi

[ -d node_modules ] && [ node_modules -nt package-lock.json ] || npm ci --no-audit --no-fund
npm run build
if [ "${SETUP_ONLY:-}" = 1 ]; then exit 0; fi
exec env DEMO_MODE="${DEMO_MODE:-true}" node dist/backend/main.js
