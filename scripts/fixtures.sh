#!/usr/bin/env bash
# Regenerates every reference fixture with Python (NumPy, SciPy, scikit-learn). Tests never need
# Python; only this script does. On Debian: apt-get install python3-scipy python3-sklearn.
set -euo pipefail
cd "$(dirname "$0")/.."
PY=${PYTHON:-/usr/bin/python3}
for script in test/fixtures/*/generate.py test/cli/fixtures/generate.py; do
  echo "== $script"
  "$PY" "$script"
done
