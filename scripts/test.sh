#!/usr/bin/env bash
# Installs what is needed (also Chromium, poppler-utils and LibreOffice Writer for the browser tests) and runs every check:
# pytest (all tests), ruff check, ruff format --check, sqlfluff lint of queries/. Extra arguments go to pytest.
# Exits with pytest's status if the tests fail, else with the linters'.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/setup.sh"

setup_python
setup_chromium
setup_poppler
setup_libreoffice

# Two workers (this machine has two cores; IKO_TEST_WORKERS=0 runs in this process). A
# module stays on one worker, so a module's servers and data states are made once. The
# modules go out in the order tests/conftest.py gives them, longest first: xdist's own order
# (most tests first) handed out the two-test browser modules of 30–40 s near the end.
tests=0
"${UV[@]}" run --frozen pytest -n "${IKO_TEST_WORKERS:-2}" --dist loadscope --no-loadscope-reorder \
    --durations=25 "$@" \
    || tests=$?

lint=0
say "ruff check"
"${UV[@]}" run --frozen ruff check . || lint=$?
say "ruff format --check"
"${UV[@]}" run --frozen ruff format --check . || lint=$?
say "sqlfluff lint queries"
"${UV[@]}" run --frozen sqlfluff lint queries || lint=$?

if [ "$tests" -ne 0 ]; then
    exit "$tests"
fi
exit "$lint"
