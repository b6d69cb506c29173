#!/usr/bin/env bash
# Peer baseline for bench/scale.mjs: BullMQ delayed jobs on a local Redis, exactly as
# ../shared/bench-peers/README.md describes (bullmq 6.7.0, ioredis 6.0.0, redis-server on 6390,
# no persistence), run in a scratch folder OUTSIDE the repository. Run it in the same session as
# `node bench/scale.mjs` and compare the two as ratios.
#
# Usage: bash bench/peer-bullmq.sh [campaigns=1000] [runs=3] [seconds=60]
#   PEER_DIR (default /tmp/peer-bullmq)  scratch folder
#   PEER_SRC (default <repo>/../shared/bench-peers/bullmq-schedule.mjs)
# Prints the machine, each run's `RESULT {json}` line and the medians; stops redis on any exit.
set -euo pipefail

CAMPAIGNS="${1:-1000}"
RUNS="${2:-3}"
SECONDS_PER_CAMPAIGN="${3:-60}"
REDIS_PORT=6390
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
PEER_DIR="${PEER_DIR:-/tmp/peer-bullmq}"
PEER_SRC="${PEER_SRC:-$HERE/../../shared/bench-peers/bullmq-schedule.mjs}"

echo "machine: $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //'), $(nproc) cores," \
  "$(awk '/MemTotal/ {printf "%.1f GB RAM", $2/1048576}' /proc/meminfo), node $(node -v)," \
  "$(. /etc/os-release && echo "$PRETTY_NAME") ($(uname -sr))"
echo "date: $(date -u +%Y-%m-%dT%H:%M:%SZ)   load average at start: $(cut -d' ' -f1-3 /proc/loadavg)"

# 1. scratch folder with the pinned client libraries
mkdir -p "$PEER_DIR"
cd "$PEER_DIR"
[ -f package.json ] || npm init -y >/dev/null
if ! node -e "process.exit(require('bullmq/package.json').version === '6.7.0' && require('ioredis/package.json').version === '6.0.0' ? 0 : 1)" 2>/dev/null; then
  npm install --no-audit --no-fund bullmq@6.7.0 ioredis@6.0.0
fi
cp "$PEER_SRC" ./bullmq-schedule.mjs

# 2. redis (Debian package), started by this script and stopped on any exit
if ! command -v redis-server >/dev/null; then
  apt-get update && apt-get install -y redis-server
fi
if redis-cli -p "$REDIS_PORT" ping >/dev/null 2>&1; then
  echo "something already answers on port $REDIS_PORT; stop it first" >&2
  exit 1
fi
redis-server --port "$REDIS_PORT" --bind 127.0.0.1 --save "" --appendonly no --daemonize no >"$PEER_DIR/redis.log" 2>&1 &
REDIS_PID=$!
cleanup() {
  if kill -0 "$REDIS_PID" 2>/dev/null; then
    kill "$REDIS_PID" 2>/dev/null || true
    wait "$REDIS_PID" 2>/dev/null || true
  fi
}
trap cleanup EXIT INT TERM
for _ in $(seq 1 50); do
  redis-cli -p "$REDIS_PORT" ping >/dev/null 2>&1 && break
  sleep 0.1
done
echo "redis $(redis-server --version | sed 's/.*v=\([^ ]*\).*/\1/') on 127.0.0.1:$REDIS_PORT (pid $REDIS_PID, hz $(redis-cli -p "$REDIS_PORT" config get hz | tail -1))"

# 3. runs, flushall between them
: >results.txt
for i in $(seq 1 "$RUNS"); do
  redis-cli -p "$REDIS_PORT" flushall >/dev/null
  timeout $((SECONDS_PER_CAMPAIGN + 180)) node bullmq-schedule.mjs --campaigns="$CAMPAIGNS" --seconds="$SECONDS_PER_CAMPAIGN" --quiet \
    | tee -a results.txt | grep '^RESULT'
done
redis-cli -p "$REDIS_PORT" flushall >/dev/null

# 4. medians
node -e '
const lines = require("fs").readFileSync("results.txt", "utf8").split("\n").filter((l) => l.startsWith("RESULT "));
const rs = lines.map((l) => JSON.parse(l.slice(7)));
const med = (k) => { const s = rs.map((r) => r[k]).sort((a, b) => a - b); const m = s.length >> 1; return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2; };
const keys = ["enqueueMs", "processed", "duplicates", "missed", "lateP50", "lateP99", "lateMax", "cpuNodeS", "cpuRedisS", "cpuMsPer1kActions", "peakNodeRssMB", "peakRedisUsedMemMB"];
const out = Object.fromEntries(keys.map((k) => [k, med(k)]));
console.log(`BullMQ medians over ${rs.length} run(s): ` + JSON.stringify(out));
console.log("PEER_SUMMARY " + JSON.stringify({ runs: rs.length, campaigns: rs[0]?.campaigns, seconds: rs[0]?.seconds, ...out, versions: rs[0]?.versions }));
'
