#!/usr/bin/env bash
# What one HTTP hello request costs each server, measured so that a noisy machine cannot fake it:
# server CPU time per request (utime+stime from /proc/PID/stat over the run), wrk's own CPU per
# request, and requests/s, with every server started once and the wrk runs interleaved
# (A, B, C, A, B, C, ... rotating who goes first), so slow drifts in the machine's load hit every
# server alike. Prints one line per run, then per server the median (min-max) of each figure and
# the per-repetition requests/s ratio against the last server named.
#
#   bench/scripts/http-cost.sh [reps] [seconds] [subject...]
#   bench/scripts/http-cost.sh 6 3 jawaitMinimal jawait virtualThreads
#
# subjects: jawait (the samples HelloServer), jawaitMinimal, netty, virtualThreads (default: all
# four, virtualThreads last); jawaitReactor and jawaitMinimalReactor are the two jawait servers on a
# runtime whose selector is polled by a dedicated reactor thread (-Djawait.reactorThread=true)
# instead of by idle workers; jawaitMdc is the samples HelloServer with --mdc (a connection-id
# task-local, a request id put into SLF4J's MDC per exchange, the MDC carried with each task by
# jawait-slf4j, logback as the backend with the per-request debug line off: issue 20), e.g.
#   bench/scripts/http-cost.sh 9 4 jawaitMdc jawait        (ratio of jawaitMdc vs jawait per rep) Needs bench/target-bench/benchmarks.jar and the samples jar
# (bench/run.sh builds them; BENCH_SUFFIX picks another target suffix), wrk, and JDK 25
# (JDK25_HOME, else the first JDK 25 under /usr/lib/jvm). Servers run with bench/run.sh's flags,
# on 127.0.0.1, and are stopped by PID. requests/s ~ cores / (server CPU + wrk CPU per request)
# when both share the machine, so the CPU figures say where a ratio comes from.
#
# PIN=1 gives each side a core of its own instead (the nearest this machine has to a load
# generator on another host): every server runs on CPU 1 (taskset; its runtime then sizes itself
# for one core), wrk runs as one thread on CPU 0. A server that needs less CPU per request than
# wrk can generate requests for shows wrk's ceiling, not its own.
set -uo pipefail
REPS=${1:-6}
SECS=${2:-3}
if [ $# -gt 2 ]; then SUBJECTS=("${@:3}"); else SUBJECTS=(jawait jawaitMinimal netty virtualThreads); fi

ROOT=$(cd "$(dirname "$0")/../.." && pwd)
SUFFIX=${BENCH_SUFFIX:--bench}
JAR=$ROOT/bench/target$SUFFIX/benchmarks.jar
SAMPLES_JAR=$(ls "$ROOT"/samples/target$SUFFIX/jawait-samples-*.jar 2>/dev/null | head -1)
RUNTIME_JAR=$(ls "$ROOT"/runtime/target$SUFFIX/jawait-runtime-*.jar 2>/dev/null | head -1)
SLF4J_JAR=$(ls "$ROOT"/slf4j/target$SUFFIX/jawait-slf4j-*.jar 2>/dev/null | grep -v sources | head -1)
pom_version() { sed -n "s:.*<$1>\(.*\)</$1>.*:\1:p" "$ROOT/pom.xml" | head -1; }
M2=$HOME/.m2/repository
SLF4J_V=$(pom_version slf4j.version); LOGBACK_V=$(pom_version logback.version)
MDC_CP="$SLF4J_JAR:$M2/org/slf4j/slf4j-api/$SLF4J_V/slf4j-api-$SLF4J_V.jar"
MDC_CP="$MDC_CP:$M2/ch/qos/logback/logback-classic/$LOGBACK_V/logback-classic-$LOGBACK_V.jar"
MDC_CP="$MDC_CP:$M2/ch/qos/logback/logback-core/$LOGBACK_V/logback-core-$LOGBACK_V.jar"
JDK25=${JDK25_HOME:-$(for h in /usr/lib/jvm/*/; do "$h/bin/java" -version 2>&1 | grep -q ' version "25' && { echo "${h%/}"; break; }; done)}
FLAGS=(-Xms256m -Xmx1g -XX:+UseG1GC)   # bench/run.sh's SERVER_FLAGS
[ -f "$JAR" ] || { echo "missing $JAR (run bench/run.sh quick http once, or build bench)" >&2; exit 1; }
[ -n "$JDK25" ] || { echo "no JDK 25 found (set JDK25_HOME)" >&2; exit 1; }
command -v wrk >/dev/null || { echo "wrk missing" >&2; exit 1; }

SERVER_PIN=(); WRK=(wrk -t2)
if [ "${PIN:-0}" = 1 ]; then
  command -v taskset >/dev/null || { echo "PIN=1 needs taskset (util-linux)" >&2; exit 1; }
  [ "$(nproc)" -ge 2 ] || { echo "PIN=1 needs 2 cores" >&2; exit 1; }
  SERVER_PIN=(taskset -c 1); WRK=(taskset -c 0 wrk -t1)
fi

PIDS=()
cleanup() { local p; for p in "${PIDS[@]+"${PIDS[@]}"}"; do kill "$p" 2>/dev/null; wait "$p" 2>/dev/null; done; }
trap cleanup EXIT
trap 'cleanup; exit 130' INT TERM

PORTS=()
for s in "${SUBJECTS[@]}"; do
  port=$(( 20000 + RANDOM % 20000 ))
  case $s in
    jawait) cmd=(-cp "$SAMPLES_JAR:$RUNTIME_JAR" dev.jawait.samples.http.HelloServer) ;;
    jawaitMdc)
      for f in ${MDC_CP//:/ }; do [ -f "$f" ] || { echo "jawaitMdc needs $f (mvn -pl samples -am package)" >&2; exit 1; }; done
      cmd=(-cp "$SAMPLES_JAR:$RUNTIME_JAR:$MDC_CP" dev.jawait.samples.http.HelloServer --mdc) ;;
    jawaitReactor) cmd=(-Djawait.reactorThread=true -cp "$SAMPLES_JAR:$RUNTIME_JAR" dev.jawait.samples.http.HelloServer) ;;
    jawaitMinimal) cmd=(-cp "$JAR" dev.jawait.bench.http.JawaitHelloServer) ;;
    jawaitMinimalReactor) cmd=(-Djawait.reactorThread=true -cp "$JAR" dev.jawait.bench.http.JawaitHelloServer) ;;
    netty) cmd=(-cp "$JAR" dev.jawait.bench.http.NettyHelloServer) ;;
    virtualThreads) cmd=(-cp "$JAR" dev.jawait.bench.http.VirtualThreadHelloServer) ;;
    *) echo "unknown subject $s" >&2; exit 2 ;;
  esac
  "${SERVER_PIN[@]+"${SERVER_PIN[@]}"}" "$JDK25/bin/java" "${FLAGS[@]}" "${cmd[@]}" --port "$port" >/dev/null 2>&1 &
  PIDS+=($!)
  PORTS+=("$port")
done
for i in "${!SUBJECTS[@]}"; do
  for _ in $(seq 1 100); do (exec 3<>"/dev/tcp/127.0.0.1/${PORTS[$i]}") 2>/dev/null && break; sleep 0.1; done
  "${WRK[@]}" -c100 -d3s "http://127.0.0.1:${PORTS[$i]}/" >/dev/null 2>&1   # warm-up
done

TCK=$(getconf CLK_TCK)
cpu_ticks() { awk '{print $14 + $15}' "/proc/$1/stat"; }
LINES=()
n=${#SUBJECTS[@]}
for r in $(seq 1 "$REPS"); do
  for k in $(seq 0 $((n - 1))); do
    i=$(( (k + r) % n ))
    before=$(cpu_ticks "${PIDS[$i]}")
    out=$( { /usr/bin/time -f "WRKCPU %U %S" "${WRK[@]}" -c100 -d"${SECS}s" --latency "http://127.0.0.1:${PORTS[$i]}/"; } 2>&1 )
    after=$(cpu_ticks "${PIDS[$i]}")
    line=$(echo "$out" | awk -v s="${SUBJECTS[$i]}" -v r="$r" -v b="$before" -v a="$after" -v t="$TCK" '
      /requests in/ { n = $1 } /^Requests\/sec:/ { rps = $2 } /^WRKCPU/ { w = $2 + $3 }
      /^ +99%/ { p = $2 + 0; if ($2 ~ /us$/) p /= 1000; else if ($2 ~ /[^m]s$/) p *= 1000 }
      END { if (n > 0) printf "%s %d %.0f %.2f %.2f %.2f\n", s, r, rps, (a - b) / t * 1e6 / n, w * 1e6 / n, p }')
    [ -n "$line" ] && LINES+=("$line") && echo "$line" | awk '{printf "rep %d %-15s %8.0f req/s  server %6.2f us/req  wrk %6.2f us/req  p99 %6.2f ms\n", $2, $1, $3, $4, $5, $6}'
  done
done

printf '%s\n' "${LINES[@]}" | awk -v ref="${SUBJECTS[$((n - 1))]}" '
  function median(arr, cnt,   i, j, t) {
    for (i = 1; i <= cnt; i++) for (j = i + 1; j <= cnt; j++) if (arr[j] < arr[i]) { t = arr[i]; arr[i] = arr[j]; arr[j] = t }
    return cnt % 2 ? arr[(cnt + 1) / 2] : (arr[cnt / 2] + arr[cnt / 2 + 1]) / 2
  }
  { s = $1; c[s]++; rps[s, c[s]] = $3; srv[s, c[s]] = $4; wrk[s, c[s]] = $5; lat[s, c[s]] = $6; byrep[s, $2] = $3; reps[$2] = 1; seen[s] = 1 }
  END {
    print "server          req/s (median, min-max)      server us/req   wrk us/req   p99 ms   req/s ratio vs " ref " (per rep)"
    for (s in seen) {
      m = c[s]; delete a; delete b; delete d; delete e; delete q; nq = 0
      for (i = 1; i <= m; i++) { a[i] = rps[s, i]; b[i] = srv[s, i]; d[i] = wrk[s, i]; e[i] = lat[s, i] }
      lo = hi = ""
      for (r in reps) if ((s, r) in byrep && (ref, r) in byrep && byrep[ref, r] > 0) {
        x = byrep[s, r] / byrep[ref, r]; q[++nq] = x
        if (lo == "" || x < lo) lo = x; if (hi == "" || x > hi) hi = x
      }
      amin = amax = a[1]; for (i = 2; i <= m; i++) { if (a[i] < amin) amin = a[i]; if (a[i] > amax) amax = a[i] }
      ratio = (s == ref || nq == 0) ? "" : sprintf("%.2f (%.2f-%.2f)", median(q, nq), lo, hi)
      printf "%-15s %7.0f (%7.0f-%7.0f)   %6.2f          %6.2f       %6.2f   %s\n", s, median(a, m), amin, amax, median(b, m), median(d, m), median(e, m), ratio
    }
  }'
