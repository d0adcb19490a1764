#!/usr/bin/env bash
# TLS: jawait's TlsStream against the JDK's SSLSocket on virtual threads.
#
#   bench/scripts/tls-compare.sh [reps] [seconds]        (default: 3 repetitions, 8 s per run)
#
# Both servers run on JDK 25 (virtual threads need 21+) with the same heap flags, the same
# certificate (EC P-256, made here with keytool) and the JDK's own TLS provider; the load client is
# the same for both (bench.tls.TlsLoad: SSLSocket on virtual threads, its own JVM). Per server and
# repetition, all on 127.0.0.1:
#   handshakes  new connections/s: 16 clients connect, full handshake (nothing resumed), echo 32 B, close
#   echo        64 kept connections, 64-byte request/response: requests/s, p50, p99
#   mixed       the same echo while 8 clients keep opening new connections: what a handshake storm
#               does to established connections (and handshakes/s meanwhile)
#   idle        heap per idle TLS connection (after a full GC) with IDLE connections (default 2000)
# Subjects: jawait (default settings), jawaitInline (every delegated task run on the worker),
# jawaitPool (every one on the blocking pool), virtualThreads. Prints the medians (min-max); raw
# numbers go to bench/target-bench/tls-results/<stamp>/raw.tsv. Starts and stops every process
# by PID. Environment: JDK25_HOME, IDLE (connections for the idle run), BENCH_SUFFIX.
set -uo pipefail
REPS=${1:-3}
SECONDS_PER_RUN=${2:-8}
IDLE=${IDLE:-2000}
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
SUFFIX=${BENCH_SUFFIX:--bench}
JAR=$ROOT/bench/target$SUFFIX/benchmarks.jar
OUT=$ROOT/bench/target$SUFFIX/tls-results/$(date -u +%Y%m%dT%H%M%SZ)
RAW=$OUT/raw.tsv
mkdir -p "$OUT"
: > "$RAW"
JDK25=${JDK25_HOME:-}
if [ -z "$JDK25" ]; then
  for home in /usr/lib/jvm/*/; do
    if "$home/bin/java" -version 2>&1 | grep -m1 ' version ' | grep -q '"25[."]'; then JDK25=${home%/}; break; fi
  done
fi
[ -x "$JDK25/bin/java" ] || { echo "JDK 25 not found (set JDK25_HOME)" >&2; exit 2; }
FLAGS=(-Xms256m -Xmx1g -XX:+UseG1GC)
STARTED=()
log() { printf '[%s] %s\n' "$(date +%H:%M:%S)" "$*" | tee -a "$OUT/run.log" >&2; }
stop_pid() {
  local pid=$1 i
  kill "$pid" 2>/dev/null
  for i in $(seq 1 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
  kill -0 "$pid" 2>/dev/null && kill -9 "$pid" 2>/dev/null
  wait "$pid" 2>/dev/null
}
cleanup() { local p; for p in "${STARTED[@]+"${STARTED[@]}"}"; do stop_pid "$p"; done; }
trap cleanup EXIT
trap 'cleanup; exit 130' INT TERM

if [ ! -f "$JAR" ] || [ -n "$(find "$ROOT/runtime/src" "$ROOT/bench/src" -newer "$JAR" -type f -print -quit)" ]; then
  log "build: mvn package (suffix $SUFFIX)"
  (cd "$ROOT" && mvn -q -o -B -Djawait.target.suffix="$SUFFIX" -Dmaven.test.skip=true -pl bench -am package) \
      >"$OUT/build.log" 2>&1 || { log "build failed: $OUT/build.log"; exit 1; }
fi
KS=$OUT/server.p12
"$JDK25/bin/keytool" -genkeypair -alias server -keyalg EC -groupname secp256r1 -dname CN=localhost \
    -ext san=dns:localhost,ip:127.0.0.1 -validity 7 -storetype PKCS12 -keystore "$KS" \
    -storepass changeit -keypass changeit >/dev/null 2>&1 || { log "keytool failed"; exit 1; }
KEYS=(--keystore "$KS" --storepass changeit)

port_open() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }
NEXT_PORT=18443
next_port() { local p; for p in $(seq "$NEXT_PORT" $((NEXT_PORT + 500))); do port_open "$p" || { NEXT_PORT=$((p + 1)); echo "$p"; return 0; }; done; return 1; }
heap_used_kb() { # after a full GC
  "$JDK25/bin/jcmd" "$1" GC.run >/dev/null 2>&1
  sleep 0.5
  "$JDK25/bin/jstat" -gc "$1" 2>/dev/null | awk 'NR==1 {for (i=1;i<=NF;i++) h[$i]=i} NR==2 {printf "%.0f\n", $h["S0U"]+$h["S1U"]+$h["EU"]+$h["OU"]}'
}
record() { printf '%s\t%s\t%s\t%s\t%s\t%s\n' "$1" "$2" "$3" "$REP" "$4" "$5" >> "$RAW"; }

start_server() { # subject port -> SERVER_PID
  local main extra=()
  case "$1" in
    jawait) main=dev.jawait.bench.tls.JawaitTlsEchoServer ;;
    jawaitInline) main=dev.jawait.bench.tls.JawaitTlsEchoServer; extra=(--inline-task-limit-us 10000000) ;;
    jawaitPool) main=dev.jawait.bench.tls.JawaitTlsEchoServer; extra=(--inline-task-limit-us 0) ;;
    virtualThreads) main=dev.jawait.bench.tls.VirtualThreadTlsEchoServer ;;
  esac
  "$JDK25/bin/java" "${FLAGS[@]}" -cp "$JAR" "$main" --port "$2" "${KEYS[@]}" "${extra[@]}" \
      >"$OUT/server-$1-$REP.log" 2>&1 &
  SERVER_PID=$!
  STARTED+=("$SERVER_PID")
  local i
  for i in $(seq 1 300); do port_open "$2" && return 0; kill -0 "$SERVER_PID" 2>/dev/null || break; sleep 0.1; done
  log "server $1 did not start (see $OUT/server-$1-$REP.log)"
  return 1
}
load() { # subject port mode args... : runs TlsLoad, records its RESULT lines
  local subject=$1 port=$2 mode=$3
  shift 3
  "$JDK25/bin/java" -Xmx2g -cp "$JAR" dev.jawait.bench.tls.TlsLoad "$mode" --port "$port" "${KEYS[@]}" \
      --subject "$subject" "$@" >"$OUT/load-$mode-$subject-$REP.log" 2>&1
  grep $'^RESULT\t' "$OUT/load-$mode-$subject-$REP.log" | while IFS=$'\t' read -r _ g m s v u b; do record "$g" "$m" "$s" "$v" "$u"; done
}

T0=$(date +%s)
for REP in $(seq 1 "$REPS"); do
  for subject in jawait virtualThreads jawaitInline jawaitPool; do
    port=$(next_port)
    start_server "$subject" "$port" || continue
    load "$subject" "$port" handshakes --connections 16 --warmup 3 --seconds "$SECONDS_PER_RUN"
    load "$subject" "$port" echo --connections 64 --size 64 --warmup 2 --seconds "$SECONDS_PER_RUN"
    load "$subject" "$port" mixed --connections 64 --handshakers 8 --size 64 --warmup 2 --seconds "$SECONDS_PER_RUN"
    if [ "$subject" = jawait ] || [ "$subject" = virtualThreads ]; then
      heap0=$(heap_used_kb "$SERVER_PID")
      "$JDK25/bin/java" -Xmx2g -cp "$JAR" dev.jawait.bench.tls.TlsLoad idle --port "$port" "${KEYS[@]}" \
          --connections "$IDLE" --seconds 600 >"$OUT/idle-$subject-$REP.log" 2>&1 &
      cpid=$!
      STARTED+=("$cpid")
      for i in $(seq 1 1800); do grep -q '^OPEN' "$OUT/idle-$subject-$REP.log" 2>/dev/null && break; kill -0 "$cpid" 2>/dev/null || break; sleep 0.1; done
      if grep -q '^OPEN' "$OUT/idle-$subject-$REP.log"; then
        sleep 1
        heap1=$(heap_used_kb "$SERVER_PID")
        record idle-$IDLE "heap per connection" "$subject" $(( (heap1 - heap0) * 1024 / IDLE )) bytes
      else
        log "idle $subject: the client did not open $IDLE connections (see $OUT/idle-$subject-$REP.log)"
      fi
      stop_pid "$cpid"
    fi
    stop_pid "$SERVER_PID"
    log "rep $REP $subject done"
  done
done

# Medians (min-max) per group, metric and subject (values sorted per key by sort, for mawk).
sort -t$'\t' -k1,1 -k2,2 -k3,3 -k5,5g "$RAW" | awk -F'\t' '
  function flush() { if (n == 0) return; m = (n % 2) ? v[(n+1)/2] : (v[n/2] + v[n/2+1]) / 2;
                     printf "%-14s %-20s %-15s %12.1f  (%.1f-%.1f) %s\n", g, me, s, m, v[1], v[n], u; n = 0 }
  { key = $1 FS $2 FS $3; if (key != last) { flush(); last = key; g = $1; me = $2; s = $3; u = $6 } v[++n] = $5 }
  END { flush() }' | tee "$OUT/summary.txt"
log "done in $(( $(date +%s) - T0 ))s; raw numbers: $RAW"
