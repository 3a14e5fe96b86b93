#!/usr/bin/env bash
# Times `convene publish` of the generated plan (Benchmarks/export/gen_plan.py EVENTS 5000, the
# export benchmark's 20000-event shape by default) to a fresh local Radicale (htpasswd bcrypt auth,
# filesystem storage, owner_only: as in the tests) and, on request, Xandikos, each started on a free
# loopback port in a temporary folder; with each number of requests in flight in JOBS; then the
# second publish of the unchanged plan. Prints wall time, requests/s, Convene's and the server's
# processor time (user+sys) and the load average, which matters on a shared machine.
#
# usage: [EVENTS=20000] [JOBS="1 4"] [SERVERS="radicale xandikos"] [SCRATCH=.build-rel]
#        [STORAGE=indexed] [TMP=/dev/shm] Benchmarks/caldav/run-publish.sh
# STORAGE=indexed runs Radicale with Benchmarks/caldav/radicale_indexed_storage.py (its own storage
# without the scans of the whole calendar on every write, which make stock Radicale quadratic:
# see BENCHMARKS.md). TMP is where the servers keep their data (default: mktemp's folder);
# /dev/shm (tmpfs) takes the disk's fsync out of the figures.
set -euo pipefail
cd "$(dirname "$0")/../.."
events=${EVENTS:-20000}
work=$(mktemp -d "${TMP:-/tmp}/convene-publish-bench.XXXXXX")
server_pid=""
cleanup() { [ -n "$server_pid" ] && kill "$server_pid" 2>/dev/null; rm -rf "$work"; }
trap cleanup EXIT

scratch=${SCRATCH:-.build-rel}
swift build -c release --static-swift-stdlib --scratch-path "$scratch" --product convene >/dev/null
convene=$(pwd)/$scratch/release/convene
python3 Benchmarks/export/gen_plan.py "$events" 5000 "$work/plan" >/dev/null
export CONVENE_CALDAV_PASSWORD=bench-password

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }
wait_port() {
  for _ in $(seq 300); do curl -s -o /dev/null "http://127.0.0.1:$1/" && return; sleep 0.1; done
  echo "the server did not start" >&2; exit 1
}
# Processor seconds (user+sys) a process has used so far.
cpu_of() { awk -v hz="$(getconf CLK_TCK)" '{ printf "%.1f", ($14 + $15) / hz }' "/proc/$1/stat"; }
load() { cut -d' ' -f1-3 /proc/loadavg; }

# start SERVER DIR PORT: a fresh server, waited for; sets server_pid and account
start() {
  mkdir -p "$2"
  case $1 in
  radicale)
    htpasswd -B -b -c "$2/users" bench "$CONVENE_CALDAV_PASSWORD" 2>/dev/null
    printf '[server]\nhosts = 127.0.0.1:%s\n[auth]\ntype = htpasswd\nhtpasswd_filename = %s/users\nhtpasswd_encryption = bcrypt\ndelay = 0\n[storage]\nfilesystem_folder = %s/collections\n%b[rights]\ntype = owner_only\n[logging]\nlevel = warning\n' \
      "$3" "$2" "$2" "$([ "${STORAGE:-}" = indexed ] && echo 'type = radicale_indexed_storage\n')" > "$2/radicale.conf"
    PYTHONPATH=$(pwd)/Benchmarks/caldav radicale --config "$2/radicale.conf" >"$2/log" 2>&1 &
    account="http://bench@127.0.0.1:$3/" ;;
  xandikos)
    xandikos -d "$2/data" --defaults -l 127.0.0.1 -p "$3" >"$2/log" 2>&1 &
    account="http://127.0.0.1:$3/user/calendars/" ;;
  esac
  server_pid=$!
  wait_port "$3"
}

echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs); load average $(load)"
echo "convene $(git rev-parse --short HEAD), $events events ($(du -sh "$work/plan/plan.yaml" | cut -f1) plan)"
for server in ${SERVERS:-radicale}; do
  echo "$server $($server --version 2>&1 | head -1)$([ "$server" = radicale ] && echo ", storage ${STORAGE:-stock}"), data in $(dirname "$work")"
  for jobs in ${JOBS:-1 4}; do
    port=$(free_port)
    start "$server" "$work/$server-$jobs" "$port"
    rm -rf "$work/plan/records" "$work/plan/export"
    before=$(load)
    /usr/bin/time -f "%e %U %S %M" -o "$work/time" "$convene" publish --to "$account" --create \
      --jobs "$jobs" --workspace "$work/plan" --format json > "$work/first.json" || true
    server_cpu=$(cpu_of "$server_pid")
    python3 - "$work/first.json" "$work/time" "$jobs" "$server_cpu" "$before" "$(load)" <<'PY'
import json, sys
s = json.load(open(sys.argv[1])); wall, user, system, rss = open(sys.argv[2]).read().split()[-4:]
print(f"  publish, {sys.argv[3]} in flight: {len(s['created'])} created in {float(wall):.1f} s wall ({s['seconds']:.1f} s talking), "
      f"{s['requests']} requests, {s['requests'] / s['seconds']:.1f} requests/s; convene {float(user) + float(system):.1f} s user+sys, "
      f"peak {int(rss) // 1024} MiB; server {sys.argv[4]} s user+sys; refused {len(s['refused'])}, failed {len(s['failed'])}"
      + (f", stopped: {s['stopped']}" if s.get('stopped') else "") + f"; load {sys.argv[5]} -> {sys.argv[6]}")
PY
    /usr/bin/time -f "%e %U %S %M" -o "$work/time" "$convene" publish --to "$account" \
      --jobs "$jobs" --workspace "$work/plan" --format json > "$work/second.json" || true
    python3 - "$work/second.json" "$work/time" <<'PY'
import json, sys
s = json.load(open(sys.argv[1])); wall, user, system, rss = open(sys.argv[2]).read().split()[-4:]
print(f"  publish again, unchanged: {s['unchanged']} unchanged, {len(s['created']) + len(s['updated'])} PUT, "
      f"{s['requests']} requests, {float(wall):.1f} s wall, convene {float(user) + float(system):.1f} s user+sys")
PY
    kill "$server_pid"; wait "$server_pid" 2>/dev/null || true; server_pid=""
  done
done
