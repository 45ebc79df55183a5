# Sourced by scripts/run and scripts/test: make .venv and install the project into it.
# Reinstalls only when pyproject.toml changes, so the second run starts at once.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
PYTHON="${PYTHON:-python3}"
extras="${1:-}"

if ! "$PYTHON" -c 'import sys; sys.exit(sys.version_info < (3, 11))' 2>/dev/null; then
    echo "yjinspect needs Python 3.11 or newer as '$PYTHON' (set PYTHON=/path/to/python3.11)." >&2
    exit 1
fi
# WeasyPrint (report PDFs) needs Pango and HarfBuzz's subsetter from the system (without the
# subsetter it warns on import, and the tests treat warnings as errors).
if ! ldconfig -p 2>/dev/null | grep -q libpangoft2-1.0 || ! ldconfig -p 2>/dev/null | grep -q libharfbuzz-subset; then
    if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
        apt-get update -qq && apt-get install -y -qq libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0 fonts-dejavu-core >/dev/null
    else
        echo "Report PDFs need Pango and HarfBuzz: sudo apt-get install libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0" >&2
        exit 1
    fi
fi
if [ ! -x .venv/bin/python ]; then
    if ! "$PYTHON" -m venv .venv 2>/dev/null; then
        # Debian ships venv separately; install it when we are allowed to.
        if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
            apt-get update -qq && apt-get install -y -qq python3-venv >/dev/null
            rm -rf .venv && "$PYTHON" -m venv .venv
        else
            echo "Cannot create a virtual environment: install python3-venv (sudo apt-get install python3-venv)." >&2
            exit 1
        fi
    fi
fi
hash="$(sha1sum pyproject.toml | cut -c1-12)"
stamp=".venv/.installed-$hash${extras:+-$extras}"
# A development install also satisfies the plain one.
if [ ! -f "$stamp" ] && ! { [ -z "$extras" ] && [ -f ".venv/.installed-$hash-dev" ]; }; then
    echo "Installing yjinspect${extras:+[$extras]} into .venv ..."
    .venv/bin/python -m pip install -q --disable-pip-version-check --upgrade pip >/dev/null
    .venv/bin/python -m pip install -q --disable-pip-version-check -e ".${extras:+[$extras]}"
    rm -f .venv/.installed-* && touch "$stamp"
fi
export PATH="$ROOT/.venv/bin:$PATH"
# Outside debug the product refuses to start without YJ_SECRET_KEY. For the demonstration and
# the tests keep one in the data folder: made once, readable only by its owner.
if [ -z "${YJ_SECRET_KEY:-}" ]; then
    keyfile="${YJ_DATA_DIR:-var}/secret_key"
    mkdir -p "$(dirname "$keyfile")"
    [ -s "$keyfile" ] || (umask 077 && .venv/bin/python -c 'import secrets; print(secrets.token_urlsafe(50))' >"$keyfile")
    YJ_SECRET_KEY="$(cat "$keyfile")"
    export YJ_SECRET_KEY
fi
