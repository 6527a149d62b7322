# Set-up shared by run-demo.sh and test.sh; source it, then call what you need:
#   setup_python    uv (installed with pip if missing) and the locked environment (uv.lock)
#   setup_chromium  /usr/bin/chromium from Debian, for the browser tests
# Needs Python 3.11 with pip and access to PyPI (and to the Debian mirror for Chromium).

set -euo pipefail

REPO_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$REPO_ROOT"

UV=()

say() { printf '==> %s\n' "$*" >&2; }

setup_uv() {
    if command -v uv >/dev/null 2>&1; then
        UV=(uv)
        return
    fi
    if ! python3 -m uv --version >/dev/null 2>&1; then
        say "uv installeren (pip install --user uv)"
        local user=(--user)
        # Inside a virtualenv there is no user site; pip installs into the env instead.
        if python3 -c 'import sys; sys.exit(sys.prefix == sys.base_prefix)'; then
            user=()
        fi
        # Debian marks its Python "externally managed" (PEP 668); a user install of one
        # tool does not touch the system packages, so let pip do it.
        PIP_BREAK_SYSTEM_PACKAGES=1 python3 -m pip install --quiet "${user[@]}" uv
    fi
    UV=(python3 -m uv)
}

setup_python() {
    setup_uv
    say "Python-omgeving volgens uv.lock ($("${UV[@]}" --version))"
    "${UV[@]}" sync --frozen
}

as_root() {
    if [ "$(id -u)" -eq 0 ]; then
        "$@"
    elif command -v sudo >/dev/null 2>&1; then
        sudo "$@"
    else
        say "Geen root en geen sudo: installeer Chromium zelf (apt-get install chromium)."
        return 1
    fi
}

setup_chromium() {
    if [ -x /usr/bin/chromium ]; then
        return
    fi
    say "Chromium installeren (apt-get install chromium)"
    as_root env DEBIAN_FRONTEND=noninteractive apt-get update
    as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends chromium
}
