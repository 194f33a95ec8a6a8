#!/usr/bin/env bash
# `npm test`: checks, unit tests, the API suite on PGlite and on
# PostgreSQL (when DATABASE_URL is set), and the browser suite (Chromium,
# embedded database). Every step runs even when an earlier one failed, and
# prints its time and outcome either way; the end sums every suite's tests,
# names the slowest ten, and lists the failed steps.
set -uo pipefail
cd "$(dirname "$0")/.."

reports=.tmp/test-reports
rm -rf "$reports" && mkdir -p "$reports"
failed_steps=()
expected_reports=()

step() {
  local name=$1; shift
  local start=$SECONDS
  echo "== ${name}"
  if "$@"; then
    echo "== ${name}: passed in $((SECONDS - start)) s"
  else
    echo "== ${name}: FAILED (exit $?) in $((SECONDS - start)) s"
    failed_steps+=("$name")
  fi
}

# vitest_run <report name> <TEST_DB> <vitest args...>
vitest_run() {
  local report=$1 db=$2; shift 2
  expected_reports+=("$reports/$report.json")
  TEST_DB=$db npx vitest run --reporter=default --reporter=json --outputFile="$reports/$report.json" "$@"
}

step "generated types up to date" npm run --silent gen -- --check
step "typecheck" npm run --silent typecheck
step "lint" npm run --silent lint
step "unit tests" vitest_run unit pglite --project unit
step "API suite on PGlite" vitest_run api-pglite pglite --project api
if [ -n "${DATABASE_URL:-}" ]; then
  step "API suite on PostgreSQL" vitest_run api-postgres postgres --project api
elif [ -n "${CI:-}" ]; then
  echo "DATABASE_URL is not set: the API suite must also run on PostgreSQL in CI" >&2
  failed_steps+=("API suite on PostgreSQL (DATABASE_URL unset)")
else
  echo "== API suite on PostgreSQL: skipped (set DATABASE_URL to run it)"
fi
# The suites write their screenshots and data under .tmp and the system's temporary folder:
# a run that leaves a tracked file changed (README's screenshots, say) fails.
tracked_before=$(git status --porcelain --untracked-files=no 2>/dev/null || true)
step "browser suite (embedded database)" vitest_run browser pglite --project browser
tracked_after=$(git status --porcelain --untracked-files=no 2>/dev/null || true)
if [ "$tracked_before" != "$tracked_after" ]; then
  echo "== the test run changed tracked files:" >&2
  diff <(echo "$tracked_before") <(echo "$tracked_after") >&2 || true
  failed_steps+=("tracked files left as they were")
fi
npx tsx test/summarize-results.ts "${expected_reports[@]}"

if [ ${#failed_steps[@]} -gt 0 ]; then
  printf 'failed steps:\n' >&2
  printf '  %s\n' "${failed_steps[@]}" >&2
  exit 1
fi
