# Sourced by scripts/run and scripts/test: install the npm packages and build the front-end
# assets into src/yjinspect/static/yjinspect/ (not committed). Rebuilds only when an input changed.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
if ! command -v npm >/dev/null; then
    echo "yjinspect needs Node.js 20 and npm to build its styles (sudo apt-get install nodejs npm)." >&2
    exit 1
fi
if [ ! -f node_modules/.package-lock.json ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
    echo "Installing npm packages ..."
    npm ci --no-audit --no-fund --loglevel=error
fi
OUT=src/yjinspect/static/yjinspect
stamp="$OUT/.built"
if [ ! -f "$stamp" ] || [ -n "$(find assets package-lock.json -newer "$stamp" 2>/dev/null | head -1)" ]; then
    echo "Building styles and scripts ..."
    rm -rf "$OUT" && mkdir -p "$OUT/images"
    # MOJ Frontend's own deprecation notices are not ours to fix; real errors still fail.
    npx --no-install sass --no-source-map --load-path=. --style=compressed --quiet-deps \
        assets/app.scss "$OUT/app.css" 2>/dev/null || \
        npx --no-install sass --no-source-map --load-path=. --quiet-deps assets/app.scss "$OUT/app.css"
    cp assets/app.js assets/favicon.svg "$OUT/"
    cp node_modules/govuk-frontend/dist/govuk/govuk-frontend.min.js* "$OUT/"
    cp node_modules/@ministryofjustice/frontend/moj/moj-frontend.min.js* "$OUT/"
    # Component icons only: no crest, crown or logotype (this is not a GOV.UK service).
    find node_modules/@ministryofjustice/frontend/moj/assets/images -name 'icon-*' \
        -exec cp {} "$OUT/images/" \;
    touch "$stamp"
fi
