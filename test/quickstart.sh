#!/usr/bin/env bash
# The local-only workflow of the README's quick start, with no registry: author a Python
# package, build it, use it from another project, and import it from Python.
# Runs in a temporary directory with its own AIGOGO_HOME, so it leaves your machine as it was
# (set KEEP=1 to keep the directory and look around). AIGOGO_BIN=<path> runs another aigogo
# binary instead of this checkout's (the release gate runs it with an npm-installed one).
set -euo pipefail

here="$(cd "$(dirname "$0")/.." && pwd)"
if [ -n "${AIGOGO_BIN:-}" ]; then
  aigogo() { "$AIGOGO_BIN" "$@"; }
else
  aigogo() { node "$here/bin/run.js" "$@"; }
fi

work="$(mktemp -d "${TMPDIR:-/tmp}/aigogo-quickstart.XXXXXX")"
[ "${KEEP:-}" = 1 ] || trap 'rm -rf "$work"' EXIT
export AIGOGO_HOME="$work/aigogo-home"
step() { printf '\n\033[1m$ %s\033[0m\n' "$*" >&2; }

mkdir -p "$work/string-utils" "$work/my-project"
cd "$work/string-utils"
cat > string_helpers.py <<'PY'
def titlecase(text):
    return text.title()


def reverse(text):
    return text[::-1]
PY

step "aigogo init (in string-utils/)";          aigogo init --name string-utils --language python --description "Small string helpers"
step "aigogo add file string_helpers.py";       aigogo add file string_helpers.py
step "aigogo build string-utils:1.0.0";         aigogo build string-utils:1.0.0

cd "$work/my-project"
step "python3 -m venv .venv (in my-project/)";  python3 -m venv .venv
step "aigogo add string-utils:1.0.0";           aigogo add string-utils:1.0.0
step "aigogo install";                          aigogo install
step "python -c 'from aigogo.string_utils import titlecase, reverse'"
.venv/bin/python -c "from aigogo.string_utils import titlecase, reverse; print(titlecase('hello from aigogo'), '/', reverse('olleh'))"

printf '\nThe lock file your team would commit (%s):\n' "$work/my-project/aigogo.lock" >&2
cat aigogo.lock
