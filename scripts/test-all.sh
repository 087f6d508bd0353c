#!/usr/bin/env bash
# Quick start, second command: every test suite — backend on SQLite, backend on MariaDB/MySQL,
# frontend unit tests, browser tests through the built UI (the main path again on MariaDB/MySQL) — then
# one line `N passed, N failed`.
# MariaDB/MySQL: TEST_MYSQL_URL (default mariadb://root@127.0.0.1:3306/test); each test file makes
# and drops its own database there. Without a reachable server that suite is reported as failed.
set -uo pipefail
cd "$(dirname "$0")/.."
export TEST_MYSQL_URL="${TEST_MYSQL_URL:-mariadb://root@127.0.0.1:3306/test}"
out=$(mktemp -d)
passed=0; failed=0

count_jest() { # $1 json report
  if [ -s "$1" ]; then
    # Name what failed, so a CI log says where to look.
    node -e 'const r=require(process.argv[1]); for (const t of r.testResults) { if (t.status==="failed" && !t.assertionResults.length) console.log("   FAILED suite", t.name, (t.message||"").split("\n").slice(0,3).join(" ")); for (const a of t.assertionResults) if (a.status==="failed") { console.log("   FAILED", a.fullName); for (const m of a.failureMessages) console.log(m.split("\n").filter(Boolean).slice(0,12).map(l=>"      "+l.slice(0,240)).join("\n")) } }' "$1" | head -n 80
    read -r p f < <(node -e 'const r=require(process.argv[1]); const broken=r.testResults.filter(t=>t.status==="failed"&&!t.assertionResults.length).length; console.log(r.numPassedTests, r.numFailedTests+broken)' "$1")
  else p=0; f=1; fi
  passed=$((passed+p)); failed=$((failed+f)); echo "   -> $p passed, $f failed"
}

# Each suite's header says when it started (seconds since this script began), so a CI log shows where the time went.
suite() { echo "== $1 (at ${SECONDS}s)"; }

[ -d node_modules ] || npm ci --no-audit --no-fund
suite "build"
npm run --silent build >"$out/build.log" 2>&1 || { cat "$out/build.log"; echo "0 passed, 1 failed"; exit 1; }

# Lint and the type check are one process each, on one core: they run side by side.
suite "lint (ESLint with the import boundaries, Prettier) and type check of the backend with its tests (tsc -p tsconfig.json)"
npm run --silent lint >"$out/lint.log" 2>&1 &
lint=$!
# Jest only transpiles (tsconfig.json's isolatedModules) and the build leaves the specs out: they are
# type-checked here, with the rest of the backend.
npm run --silent typecheck >"$out/typecheck.log" 2>&1 &
typecheck=$!
if wait "$lint"; then passed=$((passed+1)); echo "   lint -> 1 passed, 0 failed"
else failed=$((failed+1)); grep -E "error|warn|✖" "$out/lint.log" | head -n 40; echo "   lint -> 0 passed, 1 failed"; fi
if wait "$typecheck"; then passed=$((passed+1)); echo "   type check -> 1 passed, 0 failed"
else failed=$((failed+1)); head -n 40 "$out/typecheck.log"; echo "   type check -> 0 passed, 1 failed"; fi

suite "backend on SQLite"
# The two-instance test is a MariaDB test by nature (two servers on one database): it runs in the next suite.
# Two workers even on two cores (Jest's default would be one): the files are independent, 641 s → 326 s here.
env -u TEST_MYSQL_URL npx jest --maxWorkers=2 --testPathIgnorePatterns two-instances --json --outputFile="$out/sqlite.json" 2>&1 | tail -n 6
count_jest "$out/sqlite.json"

suite "backend on MariaDB/MySQL ($TEST_MYSQL_URL)"
# Two workers here too: each file has a database of its own (random name), and the migrations' and the
# seed's named locks are named after it, so the workers never wait for each other.
npx jest --maxWorkers=2 --testRegex 'e2e-spec\.ts$' --json --outputFile="$out/mysql.json" 2>&1 | tail -n 6
count_jest "$out/mysql.json"

suite "frontend unit tests"
NO_COLOR=1 npx ng test --watch=false 2>&1 | sed "s/\x1b\[[0-9;]*m//g" >"$out/frontend.log"; rc=${PIPESTATUS[0]}
tail -n 8 "$out/frontend.log"
# Vitest's summary line: "Tests  777 passed (777)", or "Tests  1 failed | 777 passed (778)".
summary=$(grep -E '^ *Tests ' "$out/frontend.log" | tail -1)
p=$(grep -Eo '[0-9]+ passed' <<<"$summary" | grep -Eo '[0-9]+'); f=$(grep -Eo '[0-9]+ failed' <<<"$summary" | grep -Eo '[0-9]+')
p=${p:-0}; f=${f:-0}; [ "$rc" -ne 0 ] && [ "$f" -eq 0 ] && f=1
passed=$((passed+p)); failed=$((failed+f)); echo "   -> $p passed, $f failed"

count_browser() { # $1 node --test log, $2 its exit code
  grep -E '^not ok|^# (pass|fail)' "$1"
  p=$(grep -Eo '^# pass [0-9]+' "$1" | grep -Eo '[0-9]+'); f=$(grep -Eo '^# fail [0-9]+' "$1" | grep -Eo '[0-9]+')
  p=${p:-0}; f=${f:-0}; [ "$2" -ne 0 ] && [ "$f" -eq 0 ] && { f=1; tail -n 30 "$1"; }
  passed=$((passed+p)); failed=$((failed+f)); echo "   -> $p passed, $f failed"
}

# The browser tests mostly wait (for pages, for the server, for Chromium), so two files run at a time, and
# the main path on MariaDB/MySQL runs beside them.
suite "browser tests (Chromium), two files at a time, and the main path once more on MariaDB/MySQL beside them"
E2E_DATABASE_URL="$TEST_MYSQL_URL" node --test e2e/main-path.test.mjs >"$out/browser-mysql.log" 2>&1 &
mysql_path=$!
node --test --test-concurrency=2 e2e/ >"$out/browser.log" 2>&1
count_browser "$out/browser.log" $?
wait "$mysql_path"
count_browser "$out/browser-mysql.log" $?

rm -rf "$out"
echo "(all suites in ${SECONDS}s)"
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
