# Set-up shared by run-demo.sh and test.sh; source it, then call what you need:
#   setup_python    uv (installed with pip if missing) and the locked environment (uv.lock)
#   setup_chromium  /usr/bin/chromium from Debian, for the browser tests
#   setup_poppler   pdftotext and pdffonts (poppler-utils), for the test that reads the deck's PDF
#   setup_libreoffice  soffice (LibreOffice Writer, no GUI), for the annual report as PDF
# Needs Python 3.11 with pip and access to PyPI (and to the Debian mirror for the system packages).

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

# as_root PACKAGE COMMAND...: PACKAGE names what to install by hand when we cannot.
as_root() {
    local package="$1"
    shift
    if [ "$(id -u)" -eq 0 ]; then
        "$@"
    elif command -v sudo >/dev/null 2>&1; then
        sudo "$@"
    else
        say "Geen root en geen sudo: installeer ${package} zelf (apt-get install ${package})."
        return 1
    fi
}

setup_chromium() {
    if [ -x /usr/bin/chromium ]; then
        return
    fi
    say "Chromium installeren (apt-get install chromium)"
    as_root chromium env DEBIAN_FRONTEND=noninteractive apt-get update
    as_root chromium env DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends chromium
}

setup_poppler() {
    if command -v pdftotext >/dev/null 2>&1 && command -v pdffonts >/dev/null 2>&1; then
        return
    fi
    say "poppler-utils installeren (apt-get install poppler-utils)"
    as_root poppler-utils env DEBIAN_FRONTEND=noninteractive apt-get update
    as_root poppler-utils env DEBIAN_FRONTEND=noninteractive \
        apt-get install -y --no-install-recommends poppler-utils
}

# Writer alone, without its GUI and recommended extras: enough to turn the annual report's Word
# file into a PDF (`iko-dashboard jaarverslag --format pdf`). Without it that command says so
# and the PDF test skips.
setup_libreoffice() {
    if command -v soffice >/dev/null 2>&1; then
        return
    fi
    say "LibreOffice Writer installeren (apt-get install libreoffice-writer-nogui)"
    as_root libreoffice-writer-nogui env DEBIAN_FRONTEND=noninteractive apt-get update
    as_root libreoffice-writer-nogui env DEBIAN_FRONTEND=noninteractive \
        apt-get install -y --no-install-recommends libreoffice-writer-nogui
}
