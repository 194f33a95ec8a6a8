#!/usr/bin/env bash
# `npm test`: checks, unit tests, and the API suite on PGlite and on
# PostgreSQL (when DATABASE_URL is set). Each step prints its time.
set -euo pipefail
cd "$(dirname "$0")/.."

step() {
  local name=$1; shift
  local start=$SECONDS
  echo "== ${name}"
  "$@"
  echo "== ${name}: $((SECONDS - start)) s"
}

step "generated types up to date" npm run --silent gen -- --check
step "typecheck" npm run --silent typecheck
step "lint" npm run --silent lint
step "unit tests" npx vitest run --project unit
step "API suite on PGlite" env TEST_DB=pglite npx vitest run --project api
if [ -n "${DATABASE_URL:-}" ]; then
  step "API suite on PostgreSQL" env TEST_DB=postgres npx vitest run --project api
elif [ -n "${CI:-}" ]; then
  echo "DATABASE_URL is not set: the API suite must also run on PostgreSQL in CI" >&2
  exit 1
else
  echo "== API suite on PostgreSQL: skipped (set DATABASE_URL to run it)"
fi
