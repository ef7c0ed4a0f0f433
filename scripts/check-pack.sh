#!/usr/bin/env bash
# Checks the package as users receive it: publint on the packed files and
# @arethetypeswrong/cli on the tarball (ESM, CJS and every subpath resolve to types).
set -euo pipefail
cd "$(dirname "$0")/.."
[ -d dist ] || npm run build
npx --no-install publint run --strict --pack npm
tarball=$(npm pack --silent | tail -n 1)
trap 'rm -f "$tarball"' EXIT
npx --no-install attw "$tarball" --format table-flipped
