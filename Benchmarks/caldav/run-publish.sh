#!/usr/bin/env bash
# Times `convene publish` of the generated 20000-event plan (Benchmarks/export/gen_plan.py 20000 5000)
# to a fresh local Radicale (htpasswd bcrypt auth, filesystem storage, as in the tests), with 1 and
# with 4 requests in flight, then the second publish of the unchanged plan.
# usage: [SCRATCH=DIR] [EVENTS=20000] [CONCURRENCY="1 4"] Benchmarks/caldav/run-publish.sh
set -euo pipefail
cd "$(dirname "$0")/../.."
events=${EVENTS:-20000}
work=$(mktemp -d /tmp/convene-publish-bench.XXXXXX)
pids=()
cleanup() { for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done; rm -rf "$work"; }
trap cleanup EXIT

scratch=${SCRATCH:-.build}
swift build -c release --scratch-path "$scratch" --product convene >/dev/null
convene=$(pwd)/$scratch/release/convene
python3 Benchmarks/export/gen_plan.py "$events" 5000 "$work/plan" >/dev/null
export CONVENE_CALDAV_PASSWORD=bench-password

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }

# start_radicale DIR PORT: a fresh server, waited for
start_radicale() {
  mkdir -p "$1"
  htpasswd -B -b -c "$1/users" bench "$CONVENE_CALDAV_PASSWORD" 2>/dev/null
  printf '[server]\nhosts = 127.0.0.1:%s\n[auth]\ntype = htpasswd\nhtpasswd_filename = %s/users\nhtpasswd_encryption = bcrypt\n[storage]\nfilesystem_folder = %s/collections\n[rights]\ntype = owner_only\n[logging]\nlevel = warning\n' \
    "$2" "$1" "$1" > "$1/radicale.conf"
  radicale --config "$1/radicale.conf" >"$1/log" 2>&1 &
  pids+=($!)
  for _ in $(seq 100); do curl -s -o /dev/null "http://127.0.0.1:$2/" && return; sleep 0.1; done
  echo "radicale did not start" >&2; exit 1
}

echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs); load: $(cut -d' ' -f1-3 /proc/loadavg)"
echo "radicale $(radicale --version), $events events"
for concurrency in ${CONCURRENCY:-1 4}; do
  port=$(free_port)
  start_radicale "$work/radicale-$concurrency" "$port"
  rm -rf "$work/plan/records" "$work/plan/export"
  /usr/bin/time -f "%e %M" -o "$work/time" "$convene" publish --to "http://bench@127.0.0.1:$port/" --create \
    --jobs "$concurrency" --workspace "$work/plan" --format json > "$work/first.json"
  read -r t m < "$work/time"
  python3 - "$work/first.json" "$t" "$m" "$concurrency" <<'PY'
import json, sys
s = json.load(open(sys.argv[1])); t = float(sys.argv[2])
print(f"publish, {sys.argv[4]} in flight: {len(s['created'])} created in {t:.1f} s wall ({s['seconds']:.1f} s talking), "
      f"{s['requests']} requests, {s['requests'] / s['seconds']:.0f} requests/s, peak {int(sys.argv[3]) // 1024} MiB, "
      f"refused {len(s['refused'])}, failed {len(s['failed'])}")
PY
  /usr/bin/time -f "%e %M" -o "$work/time" "$convene" publish --to "http://bench@127.0.0.1:$port/" \
    --workspace "$work/plan" --format json > "$work/second.json"
  read -r t m < "$work/time"
  python3 - "$work/second.json" "$t" "$m" <<'PY'
import json, sys
s = json.load(open(sys.argv[1]))
print(f"  publish again, unchanged: {s['unchanged']} unchanged, {len(s['created']) + len(s['updated'])} PUT, "
      f"{s['requests']} requests, {float(sys.argv[2]):.1f} s wall, peak {int(sys.argv[3]) // 1024} MiB")
PY
  kill "${pids[-1]}"; wait "${pids[-1]}" 2>/dev/null || true
done
