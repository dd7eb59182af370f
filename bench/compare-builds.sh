#!/usr/bin/env bash
# Registration, events and check-in (or BENCHES, e.g. "booking booking booking" for three pairs of
# booking runs) against two builds in one run, alternating, so both see the same machine: OLD_DIST
# (e.g. a worktree of the commit before, built) and NEW_DIST (default this build).
#   OLD_DIST=../before/dist/apps/api QUICK=1 CONNECTIONS=64 bash bench/compare-builds.sh
#   BENCHES="booking booking booking" OLD_DIST=../before/dist/apps/api bash bench/compare-builds.sh
set -euo pipefail
cd "$(dirname "$0")/.."
export DATABASE_URL=${DATABASE_URL:-postgres://postgres@127.0.0.1:5432/postgres}
OLD=${OLD_DIST:?OLD_DIST names the other build (its dist/apps/api)}
NEW=${NEW_DIST:-dist/apps/api}
for bench in ${BENCHES:-registration events checkin}; do
  for which in before after; do
    dist=$OLD; [ $which = after ] && dist=$NEW
    echo "### $bench — $which ($dist)"
    case $bench in
      checkin) API_DIST=$dist node -r ./test/web/swc-register.cjs bench/checkin/run.ts ;;
      booking) API_DIST=$dist node bench/slots/booking.mjs ;;
      *) API_DIST=$dist node bench/$bench/run.mjs ;;
    esac
    echo
  done
done
echo "compare-builds: done"
