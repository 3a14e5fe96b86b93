#!/usr/bin/env bash
# Times `convene export` on a generated 20000-event plan (about 20 invitees each) against Python
# icalendar writing the same calendar (../shared/bench/gen_workload.py), in one run on this machine:
# the plan in one file, and the same plan split over 20 files (Benchmarks/plan/split_plan.py: the
# multi-file layout a network of this size keeps its plan in).
# usage: [SCRATCH=DIR] [BEFORE=PATH/convene] Benchmarks/export/run-export.sh [RUNS]
#   median of RUNS (default 5; Python 3 runs); BEFORE also times another build's feed export in the
#   same run (e.g. the commit before a change, built into its own scratch folder).
set -euo pipefail
cd "$(dirname "$0")/../.."
runs=${1:-5}
work=$(mktemp -d /tmp/convene-export-bench.XXXXXX)
trap 'rm -rf "$work"' EXIT

scratch=${SCRATCH:-.build}   # SCRATCH=.build-rel reuses another release build folder
swift build -c release --static-swift-stdlib --scratch-path "$scratch" --product convene >/dev/null
convene=$scratch/release/convene
python3 Benchmarks/export/gen_plan.py 20000 5000 "$work/plan" >/dev/null
python3 Benchmarks/plan/split_plan.py "$work/plan" "$work/split" 20 >/dev/null
# The generated plan is full of double bookings by design: --force exports it without `convene
# check`'s gate (which would refuse it), so the figures are the export's alone.

# median wall seconds, peak KiB and median processor seconds (user + sys) of a command run N times
measure() {
  local n=$1; shift
  local times=() mems=() cpus=()
  for _ in $(seq "$n"); do
    [ -n "${RESET:-}" ] && rm -rf "$work/plan/export" "$work/plan/records" "$work/split/export" "$work/split/records"
    /usr/bin/time -f "%e %M %U %S" -o "$work/time" "$@" >/dev/null 2>&1
    read -r t m u s < "$work/time"; times+=("$t"); mems+=("$m"); cpus+=("$(awk -v u="$u" -v s="$s" 'BEGIN { print u + s }')")
  done
  median() { sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
  printf '%s %s %s\n' "$(printf '%s\n' "${times[@]}" | median)" "$(printf '%s\n' "${mems[@]}" | median)" \
                      "$(printf '%s\n' "${cpus[@]}" | median)"
}

echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs); load average: $(cut -d" " -f1-3 /proc/loadavg)"
read -r vt vm vc < <(measure "$runs" "$convene" validate --workspace "$work/plan")
echo "convene validate (load the 20000-event plan):     ${vt} s  $((vm / 1024)) MiB  (processor ${vc} s)"
read -r ft fm fc < <(RESET=1 measure "$runs" "$convene" export --force --workspace "$work/plan" --only workspace-feed)
echo "convene export --only workspace-feed (one file):  ${ft} s  $((fm / 1024)) MiB  (processor ${fc} s)"
if [ -n "${BEFORE:-}" ]; then
  before_force=$("$BEFORE" export --help 2>&1 | grep -q -- '--force' && echo --force || true)   # builds before the check gate lack it
  read -r bt bm bc < <(RESET=1 measure "$runs" "$BEFORE" export $before_force --workspace "$work/plan" --only workspace-feed)
  echo "BEFORE export --only workspace-feed (one file):   ${bt} s  $((bm / 1024)) MiB  (processor ${bc} s)"
fi
read -r svt svm svc < <(measure "$runs" "$convene" validate --workspace "$work/split")
echo "convene validate, plan in 20 files:               ${svt} s  $((svm / 1024)) MiB  (processor ${svc} s)"
read -r st sm sc < <(RESET=1 measure "$runs" "$convene" export --force --workspace "$work/split" --only workspace-feed)
echo "convene export --only workspace-feed, 20 files:   ${st} s  $((sm / 1024)) MiB  (processor ${sc} s)"
if [ -n "${BEFORE:-}" ]; then
  read -r sbt sbm sbc < <(RESET=1 measure "$runs" "$BEFORE" export $before_force --workspace "$work/split" --only workspace-feed)
  echo "BEFORE export --only workspace-feed, 20 files:    ${sbt} s  $((sbm / 1024)) MiB  (processor ${sbc} s)"
fi
read -r it im ic < <(RESET=1 measure "$runs" "$convene" export --force --workspace "$work/plan" --only invitations)
echo "convene export --only invitations (20000 files):  ${it} s  $((im / 1024)) MiB  (processor ${ic} s)"
read -r at am ac < <(measure "$runs" "$convene" export --force --workspace "$work/plan" --only workspace-feed)
echo "convene export again, unchanged (no byte written): ${at} s  $((am / 1024)) MiB  (processor ${ac} s)"
shared=${SHARED:-../shared/bench}   # SHARED=/work/shared/bench from a worktree elsewhere
if [ -f "$shared/gen_workload.py" ] && python3 -c "import icalendar" 2>/dev/null; then
  read -r pt pm pc < <(measure 3 python3 "$shared/gen_workload.py" 20000 5000 "$work/python.ics")
  echo "python icalendar gen_workload.py 20000 5000:     ${pt} s  $((pm / 1024)) MiB  (processor ${pc} s)"
  awk -v p="$pt" -v f="$ft" -v i="$it" -v pc="$pc" -v fc="$fc" 'BEGIN { printf "speed-up vs python: feed %.1fx (processor time %.1fx), invitations %.1fx\n", p / f, pc / fc, p / i }'
  awk -v p="$pt" -v f="$st" -v pc="$pc" -v fc="$sc" 'BEGIN { printf "speed-up vs python, plan in 20 files: feed %.1fx (processor time %.1fx)\n", p / f, pc / fc }'
  if [ -n "${BEFORE:-}" ]; then
    awk -v p="$pt" -v b="$bt" -v pc="$pc" -v bc="$bc" 'BEGIN { printf "speed-up vs python, BEFORE build: feed %.1fx (processor time %.1fx)\n", p / b, pc / bc }'
    awk -v p="$pt" -v b="$sbt" -v pc="$pc" -v bc="$sbc" 'BEGIN { printf "speed-up vs python, BEFORE build, plan in 20 files: feed %.1fx (processor time %.1fx)\n", p / b, pc / bc }'
  fi
fi
echo "load average after: $(cut -d" " -f1-3 /proc/loadavg)"
