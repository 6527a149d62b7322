#!/usr/bin/env bash
# Installs what is needed and starts the dashboard on the embedded demo data.
# Extra arguments go to `iko-dashboard run`, e.g. --port 8600.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/setup.sh"

setup_python
exec "${UV[@]}" run --frozen iko-dashboard run --data-dir data/demo "$@"
