#!/usr/bin/env bash
# Reading plans and reporting on the workloads people have, in one run on this machine:
#  - `convene validate` on the 20000-event plan (Benchmarks/export/gen_plan.py 20000 5000) split over
#    20 files, against libyaml's own event parser over the same files (../shared/bench, when there);
#  - `convene report levels` on the report benchmark's workspace (20000 events, 200000 attendance
#    records; Benchmarks/report-bench), its plan split over 20 files the same way;
#  - the same on the one-file plans, with BEFORE=BINARY an earlier release's convene beside ours and
#    MAIN=BINARY another build of this version (before a change) on the 20-file plans;
#  - `report levels` on its two halves: the records with a plan of no events, the plan without records.
# Every command runs once per round, the rows taking turns, RUNS rounds.
# usage: [SCRATCH=DIR] [BEFORE=BIN] [MAIN=BIN] [WORK=DIR] [SHARED=DIR] [NO_BUILD=1] Benchmarks/plan/run-plan.sh [RUNS]
#   (medians of RUNS, default 5; SHARED is the yardsticks' folder, ../shared/bench by default)
# The machine is shared: beside the wall time it prints the processor time (user + system), which
# the other users of the machine disturb much less.
set -euo pipefail
cd "$(dirname "$0")/../.."
runs=${1:-5}
work=${WORK:-$(mktemp -d /tmp/convene-plan-bench.XXXXXX)}
mkdir -p "$work"
scratch=${SCRATCH:-.build}
if [ -z "${NO_BUILD:-}" ]; then
  swift build -c release --static-swift-stdlib --scratch-path "$scratch" --product convene >/dev/null
  swift build -c release --static-swift-stdlib --scratch-path "$scratch" --product convene-report-bench >/dev/null
fi
convene=$(pwd)/$scratch/release/convene

# Workloads (kept in WORK between runs).
[ -f "$work/xp/plan.yaml" ] || python3 Benchmarks/export/gen_plan.py 20000 5000 "$work/xp" >/dev/null
[ -d "$work/xp20/plan" ] || python3 Benchmarks/plan/split_plan.py "$work/xp" "$work/xp20" 20 >/dev/null
[ -f "$work/rp/plan.yaml" ] || "$scratch/release/convene-report-bench" --runs 1 --keep "$work/rp" --write-only >/dev/null
if [ ! -d "$work/rp20/plan" ]; then
  python3 Benchmarks/plan/split_plan.py "$work/rp" "$work/rp20" 20 >/dev/null
  cp -r "$work/rp/records" "$work/rp20/records"
fi
# The two halves of `report levels` apart: the records with a plan of no events (rp-records: the
# 20-file workspace's plan.yaml alone, its people and organisations), and the plan without records.
if [ ! -d "$work/rp-records/records" ]; then
  mkdir -p "$work/rp-records" && cp "$work/rp20/plan.yaml" "$work/rp-records/" && cp -r "$work/rp/records" "$work/rp-records/records"
fi
if [ ! -d "$work/rp-plan/plan" ]; then
  mkdir -p "$work/rp-plan" && cp "$work/rp20/plan.yaml" "$work/rp-plan/" && cp -r "$work/rp20/plan" "$work/rp-plan/plan"
fi

median() { sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }

# The rows: a label and a command. The commands take turns (run 1 of every row, then run 2, ...),
# so that a change in the machine's load falls on all of them alike.
labels=() commands=()
add() { labels+=("$1"); shift; commands+=("$(printf '%q ' "$@")"); }
shared=${SHARED:-../shared/bench}
if [ -f "$shared/limit_libyaml_parse.c" ]; then
  gcc -O2 "$shared/limit_libyaml_parse.c" -o "$work/limit_libyaml_parse" -lyaml
  add "libyaml event parser, the 20 files (floor)" "$work/limit_libyaml_parse" "$work/xp20/plan.yaml" "$work"/xp20/plan/*.yaml
fi
add "convene validate, plan in 20 files" "$convene" validate --workspace "$work/xp20"
add "convene validate, one-file plan" "$convene" validate --workspace "$work/xp"
if [ -n "${MAIN:-}" ]; then  # an earlier build of this version, e.g. before a change
  add "main: validate, plan in 20 files" "$MAIN" validate --workspace "$work/xp20"
  add "main: report levels, plan in 20 files" "$MAIN" report levels --workspace "$work/rp20"
  add "main: report levels, records only (no events)" "$MAIN" report levels --workspace "$work/rp-records"
  add "main: report levels, plan only (no records)" "$MAIN" report levels --workspace "$work/rp-plan"
fi
if [ -n "${BEFORE:-}" ]; then  # an earlier release reads plan.yaml only: the one-file plans
  add "before: validate, one-file plan" "$BEFORE" validate --workspace "$work/xp"
  add "before: report levels, one-file plan" "$BEFORE" report levels --workspace "$work/rp"
fi
add "convene report levels, plan in 20 files" "$convene" report levels --workspace "$work/rp20"
add "convene report levels, one-file plan" "$convene" report levels --workspace "$work/rp"
add "convene report levels, records only (no events)" "$convene" report levels --workspace "$work/rp-records"
add "convene report levels, plan only (no records)" "$convene" report levels --workspace "$work/rp-plan"

echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs); load before: $(cut -d' ' -f1-3 /proc/loadavg)"
echo "plan: $(du -sh "$work/xp/plan.yaml" | cut -f1) in one file, 20 files under $work/xp20; report workspace $(du -sh "$work/rp" | cut -f1)"
: > "$work/times"
for run in $(seq "$runs"); do
  for i in "${!commands[@]}"; do
    eval "/usr/bin/time -f '%e %U %S %M' -o '$work/time' ${commands[$i]}" >/dev/null 2>"$work/stderr" || { cat "$work/stderr" >&2; exit 1; }
    read -r t u s m < "$work/time"
    echo "$i $t $(echo "$u + $s" | bc) $m" >> "$work/times"
  done
done
echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)"
echo
echo "| what | median wall | processor (user + sys) | peak RSS | all runs (wall) |"
echo "|---|---:|---:|---:|---|"
for i in "${!commands[@]}"; do
  rows=$(awk -v i="$i" '$1 == i' "$work/times")
  t=$(echo "$rows" | awk '{print $2}' | median); c=$(echo "$rows" | awk '{print $3}' | median); m=$(echo "$rows" | awk '{print $4}' | median)
  printf '| %s | %s s | %.2f s | %s MiB | %s |\n' "${labels[$i]}" "$t" "$c" "$((m / 1024))" "$(echo "$rows" | awk '{printf "%s ", $2}')"
done
