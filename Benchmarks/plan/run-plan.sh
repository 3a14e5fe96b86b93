#!/usr/bin/env bash
# Reading plans and reporting on the workloads people have, in one run on this machine:
#  - `convene validate` on the 20000-event plan (Benchmarks/export/gen_plan.py 20000 5000) split over
#    20 files, against libyaml's own event parser over the same files (../shared/bench, when there);
#  - `convene report levels` on the report benchmark's workspace (20000 events, 200000 attendance
#    records; Benchmarks/report-bench), its plan split over 20 files the same way;
#  - the same on the one-file plans, and with BEFORE=BINARY an earlier release's convene beside ours.
# usage: [SCRATCH=DIR] [BEFORE=BIN] [WORK=DIR] [SHARED=DIR] [NO_BUILD=1] Benchmarks/plan/run-plan.sh [RUNS]
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
  swift build -c release --scratch-path "$scratch" --product convene >/dev/null
  swift build -c release --scratch-path "$scratch" --product convene-report-bench >/dev/null
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

median() { sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
# median wall seconds, processor seconds and peak MiB of a command run N times, then every wall time
measure() {
  local n=$1; shift
  local times=() cpus=() mems=()
  for _ in $(seq "$n"); do
    /usr/bin/time -f "%e %U %S %M" -o "$work/time" "$@" >/dev/null 2>"$work/stderr" || { cat "$work/stderr" >&2; return 1; }
    read -r t u s m < "$work/time"; times+=("$t"); cpus+=("$(printf '%.2f' "$(echo "$u + $s" | bc)")"); mems+=("$m")
  done
  echo "$(printf '%s\n' "${times[@]}" | median) $(printf '%s\n' "${cpus[@]}" | median) $(( $(printf '%s\n' "${mems[@]}" | median) / 1024 )) ${times[*]}"
}
row() { local label=$1; shift; read -r t c m all < <(measure "$runs" "$@"); printf '| %s | %s s | %s s | %s MiB | %s |\n' "$label" "$t" "$c" "$m" "$all"; }

echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs); load before: $(cut -d' ' -f1-3 /proc/loadavg)"
echo "plan: $(du -sh "$work/xp/plan.yaml" | cut -f1) in one file, 20 files under $work/xp20; report workspace $(du -sh "$work/rp" | cut -f1)"
echo
echo "| what | median wall | processor (user + sys) | peak RSS | all runs (wall) |"
echo "|---|---:|---:|---:|---|"
shared=${SHARED:-../shared/bench}
if [ -f "$shared/limit_libyaml_parse.c" ]; then
  gcc -O2 "$shared/limit_libyaml_parse.c" -o "$work/limit_libyaml_parse" -lyaml
  row "libyaml event parser, the 20 files (floor)" "$work/limit_libyaml_parse" "$work/xp20/plan.yaml" "$work"/xp20/plan/*.yaml
fi
row "convene validate, plan in 20 files" "$convene" validate --workspace "$work/xp20"
row "convene validate, one-file plan" "$convene" validate --workspace "$work/xp"
if [ -n "${BEFORE:-}" ]; then  # an earlier release reads plan.yaml only: the one-file plans
  row "before: validate, one-file plan" "$BEFORE" validate --workspace "$work/xp"
  row "before: report levels, one-file plan" "$BEFORE" report levels --workspace "$work/rp"
fi
row "convene report levels, plan in 20 files" "$convene" report levels --workspace "$work/rp20"
row "convene report levels, one-file plan" "$convene" report levels --workspace "$work/rp"
