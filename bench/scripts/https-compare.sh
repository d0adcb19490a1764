#!/usr/bin/env bash
# Issue 21's performance rows in one command: the jawait HTTP sample with --tls against Netty's
# SslHandler (SslProvider.JDK) and virtual threads on SSLSocket, all three on JDK 25 with the same
# heap flags, the same certificate (EC P-256, made here with keytool) and the JDK's TLS provider.
#
#   bench/scripts/https-compare.sh [reps] [seconds]        (default: 5 repetitions, 8 s per run)
#
# Subjects (started once each, on 127.0.0.1, stopped by PID):
#   jawait          samples HelloServer --tls --keystore ... (the sample as shipped)
#   netty           bench.tls.NettyHttpsHelloServer (Netty 4 NIO + SslHandler, JDK provider)
#   virtualThreads  bench.tls.VirtualThreadHttpsHelloServer (SSLServerSocket, a virtual thread per connection)
# Before measuring, each server's TLS version and cipher suite (openssl s_client) and its
# keep-alive response bytes are checked and printed. Then, per repetition, with the servers
# interleaved (the first one rotating):
#   keepalive   wrk -t2 -c100 --latency over TLS, kept connections: requests/s, p50, p99, and
#               server CPU per request (/proc/PID/stat)
#   close       wrk -t2 -c16 -H 'Connection: close': a new TLS connection per request (wrk's
#               OpenSSL keeps the session across its reconnects, so these may be resumptions)
#   handshakes  bench.tls.TlsLoad handshakes --http: 16 threads, each a new connection with a full
#               handshake (the client session is invalidated: nothing resumed), one request with
#               Connection: close, read to the server's close: connections/s
# and at the end, IDLE_REPS times per server (default 2): heap per idle TLS connection with IDLE
# connections (default 10000) opened by TlsLoad idle (handshake done, then nothing), heap used
# after a full GC (jcmd GC.run + jstat) after - before, divided by IDLE (RSS is logged, not
# compared: a server's RSS keeps what earlier runs grew, so its difference is no per-connection figure).
# Prints the medians (min-max) and jawait's per-repetition ratio against each peer; raw numbers and
# logs in bench/target-bench/https-results/<stamp>/. wrk is installed with apt-get if missing.
# Environment: JDK25_HOME, IDLE, IDLE_REPS, BENCH_SUFFIX.
set -uo pipefail
REPS=${1:-5}
SECS=${2:-8}
IDLE=${IDLE:-10000}
IDLE_REPS=${IDLE_REPS:-2}
SUBJECTS=(jawait netty virtualThreads)
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
SUFFIX=${BENCH_SUFFIX:--bench}
JAR=$ROOT/bench/target$SUFFIX/benchmarks.jar
OUT=$ROOT/bench/target$SUFFIX/https-results/$(date -u +%Y%m%dT%H%M%SZ)
RAW=$OUT/raw.tsv
mkdir -p "$OUT"
: > "$RAW"
log() { printf '[%s] %s\n' "$(date +%H:%M:%S)" "$*" | tee -a "$OUT/run.log" >&2; }
load_avg() { cut -d' ' -f1-3 /proc/loadavg; }

JDK25=${JDK25_HOME:-}
if [ -z "$JDK25" ]; then
  for home in /usr/lib/jvm/*/; do
    if "$home/bin/java" -version 2>&1 | grep -m1 ' version ' | grep -q '"25[."]'; then JDK25=${home%/}; break; fi
  done
fi
[ -x "$JDK25/bin/java" ] || { echo "JDK 25 not found (set JDK25_HOME)" >&2; exit 2; }
if ! command -v wrk >/dev/null; then
  [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null || { echo "wrk missing (apt-get install wrk)" >&2; exit 2; }
  log "installing wrk (apt-get)"
  { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk; } >"$OUT/apt.log" 2>&1 \
      || { echo "apt-get install wrk failed: $OUT/apt.log" >&2; exit 2; }
fi

if [ ! -f "$JAR" ] || [ -n "$(find "$ROOT/runtime/src" "$ROOT/bench/src" "$ROOT/samples/src" -newer "$JAR" -type f -print -quit)" ]; then
  log "build: mvn package (suffix $SUFFIX)"
  (cd "$ROOT" && { mvn -q -o -B -Djawait.target.suffix="$SUFFIX" -Dmaven.test.skip=true -pl bench,samples -am package \
      || mvn -q -B -Djawait.target.suffix="$SUFFIX" -Dmaven.test.skip=true -pl bench,samples -am package; }) \
      >"$OUT/build.log" 2>&1 || { log "build failed: $OUT/build.log"; exit 1; }
fi
SAMPLES_JAR=$(ls "$ROOT"/samples/target$SUFFIX/jawait-samples-*.jar 2>/dev/null | head -1)
RUNTIME_JAR=$(ls "$ROOT"/runtime/target$SUFFIX/jawait-runtime-*.jar 2>/dev/null | grep -v sources | head -1)
[ -f "$SAMPLES_JAR" ] && [ -f "$RUNTIME_JAR" ] || { echo "samples or runtime jar missing" >&2; exit 1; }

KS=$OUT/server.p12
"$JDK25/bin/keytool" -genkeypair -alias server -keyalg EC -groupname secp256r1 -dname CN=localhost \
    -ext san=dns:localhost,ip:127.0.0.1 -validity 7 -storetype PKCS12 -keystore "$KS" \
    -storepass changeit -keypass changeit >/dev/null 2>&1 || { log "keytool failed"; exit 1; }
KEYS=(--keystore "$KS" --storepass changeit)
FLAGS=(-Xms256m -Xmx1g -XX:+UseG1GC)   # bench/run.sh's SERVER_FLAGS

PIDS=()
stop_pid() {
  local pid=$1 i
  kill "$pid" 2>/dev/null
  for i in $(seq 1 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
  kill -0 "$pid" 2>/dev/null && kill -9 "$pid" 2>/dev/null
  wait "$pid" 2>/dev/null
}
cleanup() { local p; for p in "${PIDS[@]+"${PIDS[@]}"}"; do stop_pid "$p"; done; }
trap cleanup EXIT
trap 'cleanup; exit 130' INT TERM
port_open() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }
heap_used_kb() { # after a full GC
  "$JDK25/bin/jcmd" "$1" GC.run >/dev/null 2>&1
  sleep 0.5
  "$JDK25/bin/jstat" -gc "$1" 2>/dev/null | awk 'NR==1 {for (i=1;i<=NF;i++) h[$i]=i} NR==2 {printf "%.0f\n", $h["S0U"]+$h["S1U"]+$h["EU"]+$h["OU"]}'
}
rss_kb() { awk '/^VmRSS:/ {print $2}' "/proc/$1/status" 2>/dev/null || echo 0; }
cpu_ticks() { awk '{print $14 + $15}' "/proc/$1/stat"; }
TCK=$(getconf CLK_TCK)
record() { printf '%s\t%s\t%s\t%s\t%s\n' "$1" "$2" "$3" "$REP" "$4" >> "$RAW"; }   # group metric subject value
to_ms() { awk -v x="$1" 'BEGIN { v = x + 0; if (x ~ /us$/) v /= 1000; else if (x ~ /ms$/) v += 0; else if (x ~ /s$/) v *= 1000; printf "%.3f\n", v }'; }

log "load average at start: $(load_avg); JDK: $("$JDK25/bin/java" -version 2>&1 | grep -m1 ' version '); out: $OUT"
declare -A PID PORT
for s in "${SUBJECTS[@]}"; do
  port=$(( 20000 + RANDOM % 20000 ))
  case $s in
    jawait) cmd=(-cp "$SAMPLES_JAR:$RUNTIME_JAR" dev.jawait.samples.http.HelloServer --tls "${KEYS[@]}" --port "$port") ;;
    netty) cmd=(-cp "$JAR" dev.jawait.bench.tls.NettyHttpsHelloServer "${KEYS[@]}" --port "$port") ;;
    virtualThreads) cmd=(-cp "$JAR" dev.jawait.bench.tls.VirtualThreadHttpsHelloServer "${KEYS[@]}" --port "$port") ;;
  esac
  "$JDK25/bin/java" "${FLAGS[@]}" "${cmd[@]}" >"$OUT/server-$s.log" 2>&1 &
  PID[$s]=$!; PORT[$s]=$port; PIDS+=($!)
done
EXPECTED=$(printf 'HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Length: 13\r\n\r\nHello, World!' | od -An -tx1 | tr -d ' \n')
for s in "${SUBJECTS[@]}"; do
  for _ in $(seq 1 300); do port_open "${PORT[$s]}" && break; kill -0 "${PID[$s]}" 2>/dev/null || break; sleep 0.1; done
  port_open "${PORT[$s]}" || { log "server $s did not start (see $OUT/server-$s.log)"; exit 1; }
  # TLS version and cipher suite as OpenSSL (wrk's library) negotiates them, and the response bytes.
  tls=$(openssl s_client -connect "127.0.0.1:${PORT[$s]}" -servername localhost </dev/null 2>/dev/null \
        | grep -m1 -E '^(New|Reused), ' | sed 's/^[A-Za-z]*, //')
  got=$( { printf 'GET / HTTP/1.1\r\nHost: localhost\r\n\r\n'; sleep 1; } \
        | timeout 5 openssl s_client -connect "127.0.0.1:${PORT[$s]}" -servername localhost -quiet 2>/dev/null | od -An -tx1 | tr -d ' \n')
  [ "$got" = "$EXPECTED" ] && same="same response bytes" || same="RESPONSE DIFFERS: $got"
  log "$s on port ${PORT[$s]}: $tls; $same"
  wrk -t2 -c100 -d5s "https://127.0.0.1:${PORT[$s]}/" >/dev/null 2>&1   # warm-up (JIT, handshake code)
  wrk -t2 -c16 -d2s -H "Connection: close" "https://127.0.0.1:${PORT[$s]}/" >/dev/null 2>&1
done

n=${#SUBJECTS[@]}
T0=$(date +%s)
for REP in $(seq 1 "$REPS"); do
  log "rep $REP/$REPS, load average $(load_avg)"
  record load "load1" all "$(load_avg | cut -d' ' -f1)"
  for k in $(seq 0 $((n - 1))); do   # keep-alive, interleaved, the first one rotating
    s=${SUBJECTS[$(( (k + REP) % n ))]}
    f=$OUT/wrk-keepalive-$s-$REP.txt
    before=$(cpu_ticks "${PID[$s]}")
    wrk -t2 -c100 -d"${SECS}s" --latency "https://127.0.0.1:${PORT[$s]}/" >"$f" 2>&1
    after=$(cpu_ticks "${PID[$s]}")
    total=$(awk '/requests in/ {print $1}' "$f")
    rps=$(awk '/^Requests\/sec:/ {print $2}' "$f")
    [ -n "$rps" ] || { log "wrk keepalive $s failed: $f"; continue; }
    record keepalive requests/s "$s" "$rps"
    record keepalive p50_ms "$s" "$(to_ms "$(awk '$1 == "50%" {print $2}' "$f")")"
    record keepalive p99_ms "$s" "$(to_ms "$(awk '$1 == "99%" {print $2}' "$f")")"
    record keepalive server_us_per_request "$s" "$(awk -v a="$after" -v b="$before" -v t="$TCK" -v n="$total" 'BEGIN {printf "%.2f", (a - b) / t * 1e6 / n}')"
    grep -q 'Socket errors' "$f" && log "keepalive $s: $(grep 'Socket errors' "$f")"
  done
  for k in $(seq 0 $((n - 1))); do   # a new connection per request: wrk
    s=${SUBJECTS[$(( (k + REP) % n ))]}
    f=$OUT/wrk-close-$s-$REP.txt
    wrk -t2 -c16 -d"${SECS}s" -H 'Connection: close' "https://127.0.0.1:${PORT[$s]}/" >"$f" 2>&1
    rps=$(awk '/^Requests\/sec:/ {print $2}' "$f")
    [ -n "$rps" ] && record close connections/s "$s" "$rps" || log "wrk close $s failed: $f"
    grep -q 'Socket errors' "$f" && log "close $s: $(grep 'Socket errors' "$f")"
  done
  for k in $(seq 0 $((n - 1))); do   # full handshakes: TlsLoad
    s=${SUBJECTS[$(( (k + REP) % n ))]}
    f=$OUT/handshakes-$s-$REP.log
    "$JDK25/bin/java" -Xmx1g -cp "$JAR" dev.jawait.bench.tls.TlsLoad handshakes --http --port "${PORT[$s]}" "${KEYS[@]}" \
        --subject "$s" --connections 16 --warmup 2 --seconds "$SECS" >"$f" 2>&1
    v=$(awk -F'\t' '$1 == "RESULT" && $3 == "handshakes/s" {print $5}' "$f")
    failed=$(awk -F'\t' '$1 == "RESULT" && $3 == "failed" {print $5}' "$f")
    [ -n "$v" ] && record handshakes full_handshakes/s "$s" "$v" || log "handshakes $s failed: $f"
    [ "${failed:-0}" = 0.0 ] || log "handshakes $s: $failed failed (see $f)"
  done
done
log "throughput done in $(( $(date +%s) - T0 ))s, load average $(load_avg)"

for REP in $(seq 1 "$IDLE_REPS"); do
  for s in "${SUBJECTS[@]}"; do
    pid=${PID[$s]}
    heap0=$(heap_used_kb "$pid"); rss0=$(rss_kb "$pid")
    f=$OUT/idle-$s-$REP.log
    timeout 900 "$JDK25/bin/java" -Xmx3g -cp "$JAR" dev.jawait.bench.tls.TlsLoad idle --port "${PORT[$s]}" "${KEYS[@]}" \
        --connections "$IDLE" --seconds 600 >"$f" 2>&1 &
    cpid=$!; PIDS+=($cpid)
    for _ in $(seq 1 3000); do grep -q '^OPEN' "$f" 2>/dev/null && break; kill -0 "$cpid" 2>/dev/null || break; sleep 0.1; done
    if grep -q '^OPEN' "$f"; then
      sleep 2
      heap1=$(heap_used_kb "$pid"); rss1=$(rss_kb "$pid")
      record idle-$IDLE heap_bytes_per_connection "$s" $(( (heap1 - heap0) * 1024 / IDLE ))
      log "idle $s rep $REP: $(grep '^OPEN' "$f"); heap ${heap0} -> ${heap1} KB, RSS ${rss0} -> ${rss1} KB; load average $(load_avg)"
    else
      log "idle $s: the client did not open $IDLE connections (see $f)"
    fi
    stop_pid "$cpid"
    sleep 3   # let the server see the closes before the next one's "before"
  done
done
log "load average at end: $(load_avg)"

# Medians (min-max) per group, metric and subject; jawait's per-repetition ratio to each peer.
awk -F'\t' -v subjects="${SUBJECTS[*]}" '
  function median(a, c,   i, j, t) {
    for (i = 1; i <= c; i++) for (j = i + 1; j <= c; j++) if (a[j] < a[i]) { t = a[i]; a[i] = a[j]; a[j] = t }
    return c % 2 ? a[(c + 1) / 2] : (a[c / 2] + a[c / 2 + 1]) / 2
  }
  { key = $1 SUBSEP $2; if (!(key in seen)) { seen[key] = 1; order[++nk] = key }
    cnt[key, $3]++; val[key, $3, cnt[key, $3]] = $5; byrep[key, $3, $4] = $5; reps[$4] = 1 }
  END {
    ns = split(subjects, S, " ")
    for (k = 1; k <= nk; k++) {
      split(order[k], gm, SUBSEP)
      if (gm[1] == "load") continue
      line = sprintf("%-10s %-28s", gm[1], gm[2])
      for (i = 1; i <= ns; i++) {
        s = S[i]; c = cnt[order[k], s]; if (c == 0) continue
        delete a; for (j = 1; j <= c; j++) a[j] = val[order[k], s, j]
        lo = hi = a[1]; for (j = 2; j <= c; j++) { if (a[j] < lo) lo = a[j]; if (a[j] > hi) hi = a[j] }
        line = line sprintf("  %s %.6g (%.6g-%.6g)", s, median(a, c), lo, hi)
      }
      for (i = 2; i <= ns; i++) {
        p = S[i]; nq = 0; delete q
        for (r in reps) if ((order[k], "jawait", r) in byrep && (order[k], p, r) in byrep && byrep[order[k], p, r] > 0)
          q[++nq] = byrep[order[k], "jawait", r] / byrep[order[k], p, r]
        if (nq == 0) continue
        lo = hi = q[1]; for (j = 2; j <= nq; j++) { if (q[j] < lo) lo = q[j]; if (q[j] > hi) hi = q[j] }
        line = line sprintf("  | jawait/%s %.2f (%.2f-%.2f)", p, median(q, nq), lo, hi)
      }
      print line
    }
  }' "$RAW" | tee "$OUT/summary.txt"
log "raw numbers: $RAW"
