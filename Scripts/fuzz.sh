#!/usr/bin/env bash
# Fuzzes the inputs Convene reads (plan.yaml, calendar files, sign-in sheets) with libFuzzer and
# AddressSanitizer, seeded with the repository's own fixtures.
#
#   Scripts/fuzz.sh [SECONDS_PER_TARGET] [TARGET...]     (default: 20 s each for plan, ical, sheet)
#
# Inputs that grow coverage are kept in .fuzz/corpus/TARGET (not in git). A crash, a leak, an
# input slower than 10 s or one needing more than 2 GB is written to .fuzz/findings/ and the
# script exits 1: copy it into Tests/conveneTests/Fixtures/fuzz/TARGET/ (the regression tests
# replay every file there) and fix the cause. Replay one file with
# the replay build: `swift run convene-fuzz TARGET FILE`.
# With FUZZ_KEEP_GOING=1 (long runs) libFuzzer goes on past findings (fork mode), keeping each.
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=${1:-20}
shift || true
targets=("$@")
[ ${#targets[@]} -gt 0 ] || targets=(plan ical sheet)

swift build --product convene-fuzz --scratch-path .build-fuzz \
    -Xswiftc -sanitize=fuzzer,address -Xswiftc -DFUZZING -Xswiftc -parse-as-library \
    -Xcc -fsanitize=fuzzer-no-link,address >&2
binary=.build-fuzz/debug/convene-fuzz

seeds() {
    case $1 in
        plan) find Calendars Tests -name '*.yaml' ;;
        ical) find Tests Calendars/*/busy Calendars/*/replies -name '*.ics' -size -256k
              find Calendars/strong-cities/export/invitations -name '*.ics' | head -20 ;;
        sheet) find Calendars Tests -name '*.csv' ;;
    esac
    [ -d "Tests/conveneTests/Fixtures/fuzz/$1" ] && find "Tests/conveneTests/Fixtures/fuzz/$1" -type f
    true
}

status=0
mkdir -p .fuzz/findings
for target in "${targets[@]}"; do
    corpus=.fuzz/corpus/$target seed=.fuzz/seed/$target
    mkdir -p "$corpus" "$seed"
    seeds "$target" | while read -r file; do cp "$file" "$seed/$(echo "$file" | tr / _)"; done
    echo "== $target: $seconds s" >&2
    extra=()
    [ "${FUZZ_KEEP_GOING:-0}" = 1 ] && extra=(-fork=1 -ignore_timeouts=1 -ignore_ooms=1 -ignore_crashes=1)
    CONVENE_FUZZ_TARGET=$target "$binary" "${extra[@]}" "$corpus" "$seed" \
        -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 -max_len=65536 \
        -artifact_prefix=".fuzz/findings/$target-" -print_final_stats=1 2>&1 \
        | grep -E '^(#[0-9]+ +DONE|stat::number_of_executed_units|==[0-9]+==ERROR|SUMMARY|artifact_prefix|Test unit written|.*ALARM|INFO: fuzzed for|#[0-9]+: cov)' >&2 \
        || true
    if ls .fuzz/findings/"$target"-* >/dev/null 2>&1; then status=1; fi
done
exit $status
