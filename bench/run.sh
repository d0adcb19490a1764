#!/usr/bin/env bash
# jawait benchmark suite.
#
#   bench/run.sh [quick|full] [section...]
#
# sections (default: all, in this order): jmh memory compile http idle redis
#   quick: 3 repetitions of what the targets need (bench/targets.tsv): short JMH iterations, only the
#          benchmark methods a target row reads, wrk -d4s (pipelined -d3s), idle/memory vs the brief's
#          peers only. Budget: under 10 minutes including a build from scratch on a quiet 2-core machine.
#   full : 5 repetitions of everything, longer JMH iterations, wrk -d10s, JMH on JDK 17 and 25
#
# Builds what it needs (Maven, offline first, output in target${BENCH_SUFFIX:--bench}), installs
# wrk / redis-server / redis-tools with apt-get when missing (as root, apt-get update first), starts
# every server itself on 127.0.0.1 and stops it by PID, writes raw numbers and logs under
# bench/target-bench/results/<stamp>/, prints one table (median (min–max), speedup vs each peer,
# and per target the range of the per-repetition ratios: the noise that bench/compare.sh judges a
# re-run against) into bench/RESULTS.md: the "latest" section is replaced, and the history table
# (every target's ratio over the newest runs, from bench/results/raw-*.tsv) is made anew. Prints the
# total duration, build included, and each section's.
#
# Environment: JDK17_HOME / JDK25_HOME (else found under /usr/lib/jvm), BENCH_SUFFIX,
# BENCH_REBUILD=1 (force a build), JAWAIT_HTTP_MAIN / JAWAIT_REDIS_MAIN (sample main classes),
# BENCH_NO_RESULTS_MD=1 (do not touch RESULTS.md nor bench/results/), BENCH_REPS=N (override repetitions, smoke runs).
set -uo pipefail   # no -e: one failed measurement is reported and the run goes on
RUN_START_S=$(date +%s)   # the total duration includes the build

MODE=${1:-quick}
shift || true
case "$MODE" in quick|full) ;; *) echo "usage: $0 [quick|full] [jmh memory compile http idle redis]" >&2; exit 2 ;; esac
SECTIONS=${*:-"jmh memory compile http idle redis"}

ROOT=$(cd "$(dirname "$0")/.." && pwd)
BENCH=$ROOT/bench
SUFFIX=${BENCH_SUFFIX:--bench}
TARGET=$BENCH/target$SUFFIX
JAR=$TARGET/benchmarks.jar
STAMP=$(date -u +%Y%m%dT%H%M%SZ)
OUT=$TARGET/results/$STAMP
RAW=$OUT/raw.tsv
mkdir -p "$OUT"
: > "$RAW"
FAILURES=()
NOTES=()   # things not measured for a known reason of this machine (not failures)
REP=0

JMH_FILTER='dev.jawait.bench.(runtime|sync|debug)'
if [ "$MODE" = quick ]; then
  # Quick runs only the JMH methods a target row reads (subject and peer, see jmh_filter); the
  # others (hand-written floors, current-thread variants, tryLock) run in full. wrk: the plain
  # warm-up and run have warmed the server JVM, so the pipelined path needs only a short one.
  REPS=3; JMH_OPTS=(-f 1 -wi 1 -w 500ms -i 2 -r 500ms); WRK_D=4s; WRK_PIPE_D=3s; WARM=2s; WARM_PIPE=1s
  REDIS_N1=100000; REDIS_N16=300000
  COMPILE_RUNS=3; IDLE_COUNTS="10000"; MEM_TASKS=1000000; JMH_JDKS="25 17"
  MEM_VARIANTS="jawait completableFuture virtualThreads"; IDLE_PEERS="virtualThreads"
  JMH_QUICK_TARGETS=1; JMH17_REPS=1   # JDK 17: only what its target rows read (0 B/await)
else
  REPS=5; JMH_OPTS=(-f 1 -wi 2 -w 1s -i 3 -r 1s); WRK_D=10s; WRK_PIPE_D=10s; WARM=3s; WARM_PIPE=3s
  REDIS_N1=200000; REDIS_N16=2000000
  COMPILE_RUNS=5; IDLE_COUNTS="10000 100000"; MEM_TASKS=1000000; JMH_JDKS="25 17"
  MEM_VARIANTS="jawait jawaitHandWritten completableFuture virtualThreads"; IDLE_PEERS="netty virtualThreads"
  JMH_QUICK_TARGETS=; JMH17_REPS=$REPS
fi
REPS=${BENCH_REPS:-$REPS}                        # override for smoke runs only
HISTORY_RUNS=8                                   # runs side by side in RESULTS.md's history table
SERVER_FLAGS=(-Xms256m -Xmx1g -XX:+UseG1GC)   # the same for every server
MEM_FLAGS=(-Xms6g -Xmx6g -XX:+UseG1GC)          # the same for every parked-task variant

log() { printf '[%s] %s\n' "$(date +%H:%M:%S)" "$*" | tee -a "$OUT/run.log" >&2; }
fail() { log "FAILED: $*"; FAILURES+=("$*"); }

# ---------------------------------------------------------------- JDKs
find_jdk() { # $1 = feature version
  local want=$1 home
  for home in /usr/lib/jvm/*/; do
    [ -x "$home/bin/java" ] && [ -x "$home/bin/javac" ] || continue
    if "$home/bin/java" -version 2>&1 | grep -m1 ' version ' | grep -q "\"$want[.\"]"; then echo "${home%/}"; return 0; fi
  done
  return 1
}
JDK17=${JDK17_HOME:-$(find_jdk 17 || true)}
JDK25=${JDK25_HOME:-$(find_jdk 25 || true)}
[ -n "$JDK17" ] || { echo "no JDK 17 found (set JDK17_HOME)" >&2; exit 1; }
[ -n "$JDK25" ] || log "no JDK 25 found (set JDK25_HOME): virtual-thread peers are skipped"
jdk_for() { [ "$1" = 17 ] && echo "$JDK17" || echo "$JDK25"; }
JAVA_SERVERS=${JDK25:-$JDK17}   # all servers run on the same JDK (25 has virtual threads)

# ---------------------------------------------------------------- processes we start
STARTED=()
LAST_PID=
start_bg() { # $1 = log file, rest = command; sets LAST_PID
  local logf=$1; shift
  "$@" >"$logf" 2>&1 &
  LAST_PID=$!
  STARTED+=("$LAST_PID")
}
stop_pid() {
  local pid=$1 i
  if kill -0 "$pid" 2>/dev/null; then
    kill "$pid" 2>/dev/null
    for i in $(seq 1 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
    kill -0 "$pid" 2>/dev/null && kill -9 "$pid" 2>/dev/null
  fi
  wait "$pid" 2>/dev/null
  local keep=() p
  for p in "${STARTED[@]}"; do [ "$p" = "$pid" ] || keep+=("$p"); done
  STARTED=("${keep[@]+"${keep[@]}"}")
}
cleanup() { local p; for p in "${STARTED[@]+"${STARTED[@]}"}"; do stop_pid "$p"; done; }
trap cleanup EXIT
trap 'cleanup; exit 130' INT TERM

port_open() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }
free_port() { local p; for p in $(seq "$1" $(($1 + 500))); do port_open "$p" || { echo "$p"; return 0; }; done; return 1; }
# Each server gets a new port, so 10,000s of client-side TIME_WAIT sockets never collide.
NEXT_PORT=18080
next_port() { local p; p=$(free_port "$NEXT_PORT") || return 1; echo "$p"; }
wait_port() { # port pid seconds
  local i
  for i in $(seq 1 $(($3 * 10))); do
    kill -0 "$2" 2>/dev/null || return 1
    port_open "$1" && return 0
    sleep 0.1
  done
  return 1
}
rss_kb() { awk '/^VmRSS:/ {print $2}' "/proc/$1/status" 2>/dev/null || echo 0; }
hwm_kb() { awk '/^VmHWM:/ {print $2}' "/proc/$1/status" 2>/dev/null || echo 0; }
heap_used_kb() { # after a full GC, from jstat (works for G1 and Parallel)
  local java_home=$1 pid=$2
  "$java_home/bin/jcmd" "$pid" GC.run >/dev/null 2>&1
  sleep 0.5
  "$java_home/bin/jstat" -gc "$pid" 2>/dev/null | awk 'NR==1 {for (i=1;i<=NF;i++) h[$i]=i} NR==2 {printf "%.0f\n", $h["S0U"]+$h["S1U"]+$h["EU"]+$h["OU"]}'
}

# One measured number: group metric subject value unit higher|lower
record() { printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$1" "$2" "$3" "$REP" "$4" "$5" "$6" >> "$RAW"; }
record_results_from() { # RESULT lines printed by a bench main program
  local g m s v u b
  grep $'^RESULT\t' "$1" | while IFS=$'\t' read -r _ g m s v u b; do record "$g" "$m" "$s" "$v" "$u" "$b"; done
}

# ---------------------------------------------------------------- load tools
APT_UPDATED=
ensure_tool() { # command debian-package: installs with apt-get (as root) when missing
  command -v "$1" >/dev/null && return 0
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
    log "installing $2 (apt-get) for $1"
    if [ -z "$APT_UPDATED" ]; then apt-get update -qq >>"$OUT/apt.log" 2>&1; APT_UPDATED=1; fi
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$2" >>"$OUT/apt.log" 2>&1
  fi
  command -v "$1" >/dev/null
}

# ---------------------------------------------------------------- build
build() {
  local newer= t0
  t0=$(date +%s)
  if [ -f "$JAR" ] && [ -z "${BENCH_REBUILD:-}" ]; then
    newer=$(find "$ROOT"/runtime/src "$ROOT"/processor/src "$ROOT"/bench/src "$ROOT"/samples/src \
                 "$ROOT"/pom.xml "$ROOT"/*/pom.xml -newer "$JAR" -type f -print -quit 2>/dev/null)
    [ -z "$newer" ] && { log "build: up to date ($JAR)"; BUILD_S=0; return 0; }
  fi
  log "build: mvn package (suffix $SUFFIX)"
  # maven.test.skip: the tests are not even compiled (a third of the build); mvn verify runs them.
  local m=(mvn -q -B -Djawait.target.suffix="$SUFFIX" -Dmaven.test.skip=true)
  if (cd "$ROOT" && { "${m[@]}" -o -pl bench,samples -am package || "${m[@]}" -pl bench,samples -am package; }) \
      >"$OUT/build.log" 2>&1; then
    BUILD_S=$(( $(date +%s) - t0 )); log "build: done in ${BUILD_S}s"; return 0
  fi
  log "build of bench+samples failed (see $OUT/build.log); trying bench alone"
  (cd "$ROOT" && "${m[@]}" -o -pl bench -am package) >>"$OUT/build.log" 2>&1 \
      || { fail "build of bench failed: $OUT/build.log"; exit 1; }
  BUILD_S=$(( $(date +%s) - t0 ))
}
BUILD_S=0
build

RUNTIME_JAR=$(ls "$ROOT"/runtime/target$SUFFIX/jawait-runtime-*.jar 2>/dev/null | grep -v sources | head -1)
SAMPLES_JAR=$(ls "$ROOT"/samples/target$SUFFIX/jawait-samples-*.jar 2>/dev/null | head -1)
PROCESSOR_JAR=$(ls "$ROOT"/processor/target$SUFFIX/jawait-processor-*.jar 2>/dev/null | head -1)
JAVAPOET_VERSION=$(sed -n 's:.*<javapoet.version>\(.*\)</javapoet.version>.*:\1:p' "$ROOT/pom.xml")
JAVAPOET_JAR=$HOME/.m2/repository/com/palantir/javapoet/javapoet/$JAVAPOET_VERSION/javapoet-$JAVAPOET_VERSION.jar
SAMPLES_CP="$SAMPLES_JAR:$RUNTIME_JAR"

sample_main() { # $1 = sample package (http, miniredis); prints the class with a main method
  local f
  f=$(grep -rl 'static void main' "$ROOT/samples/src/main/java/dev/jawait/samples/$1" 2>/dev/null | head -1)
  [ -n "$f" ] || return 1
  f=${f#"$ROOT/samples/src/main/java/"}; f=${f%.java}; echo "${f//\//.}"
}
HTTP_MAIN=${JAWAIT_HTTP_MAIN:-$(sample_main http || true)}
REDIS_MAIN=${JAWAIT_REDIS_MAIN:-$(sample_main miniredis || true)}

jdk_line() { "$1/bin/java" -version 2>&1 | grep -m1 ' version '; }   # skips "Picked up JAVA_TOOL_OPTIONS"
JDK_LINE17=$(jdk_line "$JDK17")
JDK_LINE25=$([ -n "$JDK25" ] && jdk_line "$JDK25")
log "mode $MODE, sections: $SECTIONS; JDK17: $JDK_LINE17; JDK25: ${JDK_LINE25:-none}; out: $OUT"

# ---------------------------------------------------------------- JMH
jmh_filter() { # $1 = JDK feature version; prints the JMH include regex for this mode
  if [ -z "$JMH_QUICK_TARGETS" ]; then echo "$JMH_FILTER"; return; fi
  # Exactly the methods the target rows of that JDK read (bench.report.JmhTargetFilter).
  # Prints nothing when no target reads a JMH benchmark on that JDK.
  "$JDK17/bin/java" -cp "$JAR" dev.jawait.bench.report.JmhTargetFilter "$BENCH/targets.tsv" "jdk$1" 2>>"$OUT/run.log"
}

section_jmh() {
  local jdk home tag excl csv r filter reps
  for jdk in $JMH_JDKS; do
    home=$(jdk_for "$jdk"); [ -n "$home" ] || continue
    tag=jdk$jdk
    excl=(); filter=$(jmh_filter "$jdk"); reps=$REPS
    [ -n "$filter" ] || { log "jmh $tag: no target reads a JMH benchmark on JDK $jdk"; continue; }
    # Virtual-thread peers exist only on 21+: exclude them by name on 17.
    [ "$jdk" = 17 ] && { excl=(-e '.*\.virtualThread.*'); reps=$JMH17_REPS; }
    for r in $(seq 1 "$reps"); do
      REP=$r
      csv=$OUT/jmh-$tag-$r.csv
      log "jmh $tag rep $r/$reps: ${JMH_QUICK_TARGETS:+the methods the targets read: }$filter"
      if "$home/bin/java" -jar "$JAR" "$filter" "${excl[@]+"${excl[@]}"}" "${JMH_OPTS[@]}" \
          -prof gc -rf csv -rff "$csv" >"$OUT/jmh-$tag-$r.log" 2>&1; then
        "$JDK17/bin/java" -cp "$JAR" dev.jawait.bench.report.JmhCsv "$csv" "$r" "$tag" "$RAW"
      else
        fail "jmh $tag rep $r (see $OUT/jmh-$tag-$r.log)"
        [ -f "$csv" ] && "$JDK17/bin/java" -cp "$JAR" dev.jawait.bench.report.JmhCsv "$csv" "$r" "$tag" "$RAW"
      fi
      grep -E '^(Benchmark|dev\.jawait|[A-Z][A-Za-z]+Benchmark)' "$OUT/jmh-$tag-$r.log" | grep -v ':gc.alloc.rate ' | tail -60 >&2 || true
    done
  done
}

# ---------------------------------------------------------------- parked-task memory
section_memory() {
  local r variant home
  for r in $(seq 1 "$REPS"); do
    REP=$r
    for variant in $MEM_VARIANTS; do
      home=$JAVA_SERVERS
      [ "$variant" = virtualThreads ] && [ -z "$JDK25" ] && continue
      log "memory $variant rep $r/$REPS ($MEM_TASKS tasks)"
      if timeout 300 "$home/bin/java" "${MEM_FLAGS[@]}" -cp "$JAR" dev.jawait.bench.memory.ParkedTaskMemory \
          "$variant" "$MEM_TASKS" >"$OUT/memory-$variant-$r.log" 2>&1; then
        record_results_from "$OUT/memory-$variant-$r.log"
        grep -v '^RESULT' "$OUT/memory-$variant-$r.log" | tail -2 >&2
      else
        fail "memory $variant rep $r (see $OUT/memory-$variant-$r.log)"
      fi
    done
  done
}

# ---------------------------------------------------------------- compile time
section_compile() {
  REP=1
  if [ -z "$PROCESSOR_JAR" ] || [ ! -f "$JAVAPOET_JAR" ]; then fail "compile: processor jar or javapoet missing"; return; fi
  log "compile time: 1,000 @Async methods, $COMPILE_RUNS runs each way (JDK 17)"
  if timeout 1200 "$JDK17/bin/java" -cp "$JAR" dev.jawait.bench.compile.CompileTime \
      --processor-path "$PROCESSOR_JAR:$JAVAPOET_JAR" --runtime-cp "$RUNTIME_JAR" --runs "$COMPILE_RUNS" \
      >"$OUT/compile.log" 2>&1; then
    record_results_from "$OUT/compile.log"
    grep -v '^RESULT' "$OUT/compile.log" >&2
  else
    fail "compile time (see $OUT/compile.log)"; tail -20 "$OUT/compile.log" >&2
  fi
}

# ---------------------------------------------------------------- HTTP servers under wrk
server_cmd() { # $1 = subject, $2 = port; prints nothing, sets CMD array
  case "$1" in
    jawait) CMD=("$JAVA_SERVERS/bin/java" "${SERVER_FLAGS[@]}" -cp "$SAMPLES_CP" "$HTTP_MAIN" --port "$2") ;;
    jawaitMinimal) CMD=("$JAVA_SERVERS/bin/java" "${SERVER_FLAGS[@]}" -cp "$JAR" dev.jawait.bench.http.JawaitHelloServer --port "$2") ;;
    netty)  CMD=("$JAVA_SERVERS/bin/java" "${SERVER_FLAGS[@]}" -cp "$JAR" dev.jawait.bench.http.NettyHelloServer --port "$2") ;;
    virtualThreads) CMD=("$JAVA_SERVERS/bin/java" "${SERVER_FLAGS[@]}" -cp "$JAR" dev.jawait.bench.http.VirtualThreadHelloServer --port "$2") ;;
  esac
}
HTTP_SUBJECTS=
http_subjects_once() { # sets HTTP_SUBJECTS (not in a subshell, so fail() is kept)
  [ -n "$HTTP_SUBJECTS" ] && return
  if [ -n "$HTTP_MAIN" ] && [ -n "$SAMPLES_JAR" ]; then HTTP_SUBJECTS=jawait; else fail "http: jawait HTTP sample not built/found"; fi
  HTTP_SUBJECTS="$HTTP_SUBJECTS jawaitMinimal netty"
  [ -n "$JDK25" ] && HTTP_SUBJECTS="$HTTP_SUBJECTS virtualThreads"
}
to_ms() { # wrk latency like 1.23ms / 456.00us / 1.02s
  awk -v x="$1" 'BEGIN { v = x + 0; if (x ~ /us$/) v /= 1000; else if (x ~ /ms$/) v += 0; else if (x ~ /s$/) v *= 1000; printf "%.4f\n", v }'
}
run_wrk() { # group subject pid port [pipeline]
  local group=$1 subject=$2 pid=$3 port=$4 f rps p50 p99 errs
  f=$OUT/wrk-$group-$subject-$REP.txt
  if [ -n "${5:-}" ]; then
    wrk -t2 -c100 -d"$WRK_PIPE_D" --latency -s "$BENCH/scripts/pipeline.lua" "http://127.0.0.1:$port/" -- 16 >"$f" 2>&1
  else
    wrk -t2 -c100 -d"$WRK_D" --latency "http://127.0.0.1:$port/" >"$f" 2>&1
  fi
  rps=$(awk '/^Requests\/sec:/ {print $2}' "$f")
  p50=$(awk '$1 == "50%" {print $2}' "$f")
  p99=$(awk '$1 == "99%" {print $2}' "$f")
  errs=$(grep -E 'Non-2xx|Socket errors' "$f" | tr '\n' ' ')
  [ -n "$errs" ] && log "wrk $group $subject: $errs"
  if [ -z "$rps" ]; then fail "wrk $group $subject rep $REP (see $f)"; return; fi
  record "$group" "requests/s" "$subject" "$rps" "req/s" higher
  record "$group" "latency p50" "$subject" "$(to_ms "$p50")" ms lower
  record "$group" "latency p99" "$subject" "$(to_ms "$p99")" ms lower
  record "$group" "RSS after load" "$subject" "$(( $(rss_kb "$pid") / 1024 ))" MiB lower
  log "  $group $subject: $rps req/s, p50 $p50, p99 $p99, RSS $(( $(rss_kb "$pid") / 1024 )) MiB"
}
section_http() {
  ensure_tool wrk wrk || { fail "http: wrk missing and could not be installed (apt-get install wrk)"; return; }
  http_subjects_once
  local r subject port pid
  for r in $(seq 1 "$REPS"); do
    REP=$r
    for subject in $HTTP_SUBJECTS; do
      port=$(next_port); NEXT_PORT=$((port + 1)); server_cmd "$subject" "$port"
      start_bg "$OUT/server-http-$subject-$r.log" "${CMD[@]}"; pid=$LAST_PID
      if ! wait_port "$port" "$pid" 30; then fail "http $subject did not start (see $OUT/server-http-$subject-$r.log)"; stop_pid "$pid"; continue; fi
      # The bytes a server sends do not change between repetitions: check them once.
      if [ "$r" = 1 ] && ! "$JDK17/bin/java" -cp "$JAR" dev.jawait.bench.http.ResponseCheck 127.0.0.1 "$port" >>"$OUT/run.log" 2>&1; then
        fail "http $subject: response bytes differ from the sample's (see $OUT/run.log)"
      fi
      log "http rep $r/$REPS: $subject on :$port (pid $pid), warm-up"
      wrk -t2 -c100 -d"$WARM" "http://127.0.0.1:$port/" >/dev/null 2>&1
      run_wrk http-plain "$subject" "$pid" "$port"
      # The pipelined path needs its own JIT warm-up (seen: Netty 65k cold vs 530k+ warm).
      wrk -t2 -c100 -d"$WARM_PIPE" -s "$BENCH/scripts/pipeline.lua" "http://127.0.0.1:$port/" -- 16 >/dev/null 2>&1
      run_wrk http-pipelined-16 "$subject" "$pid" "$port" pipeline
      record http-plain "peak RSS" "$subject" "$(( $(hwm_kb "$pid") / 1024 ))" MiB lower
      stop_pid "$pid"
    done
  done
}

# ---------------------------------------------------------------- idle connections
section_idle() {
  local hard r subject count port pid cpid rss0 rss1 heap0 heap1 i
  http_subjects_once
  ensure_tool wrk wrk || { fail "idle: wrk missing and could not be installed"; return; }
  hard=$(ulimit -Hn)
  ulimit -n "$hard" 2>/dev/null
  for count in $IDLE_COUNTS; do
    if [ "$hard" != unlimited ] && [ "$hard" -lt $((count + 1000)) ]; then
      log "idle $count: not measured — the hard open-files limit here is $hard (each side needs $count fds; raise it with ulimit -Hn as a privileged user)"
      NOTES+=("idle $count connections not measured: the hard open-files limit here is $hard")
      continue
    fi
    for r in $(seq 1 "$REPS"); do
      REP=$r
      for subject in $HTTP_SUBJECTS; do
        case " jawait jawaitMinimal $IDLE_PEERS " in *" $subject "*) ;; *) continue ;; esac
        port=$(next_port); NEXT_PORT=$((port + 1)); server_cmd "$subject" "$port"
        start_bg "$OUT/server-idle-$subject-$count-$r.log" "${CMD[@]}"; pid=$LAST_PID
        if ! wait_port "$port" "$pid" 30; then fail "idle $subject did not start"; stop_pid "$pid"; continue; fi
        wrk -t1 -c10 -d1s "http://127.0.0.1:$port/" >/dev/null 2>&1   # touch the code paths once
        sleep 0.5
        heap0=$(heap_used_kb "$JAVA_SERVERS" "$pid"); rss0=$(rss_kb "$pid")
        # The client holds its connections until we stop it by PID.
        start_bg "$OUT/idle-client-$subject-$count-$r.log" \
            "$JDK17/bin/java" -Xmx1g -cp "$JAR" dev.jawait.bench.net.IdleConnections 127.0.0.1 "$port" "$count"
        cpid=$LAST_PID
        for i in $(seq 1 1200); do
          grep -q '^OPEN' "$OUT/idle-client-$subject-$count-$r.log" 2>/dev/null && break
          kill -0 "$cpid" 2>/dev/null || break
          sleep 0.1
        done
        if ! grep -q '^OPEN' "$OUT/idle-client-$subject-$count-$r.log"; then
          fail "idle $subject $count: client did not open all connections (see $OUT/idle-client-$subject-$count-$r.log)"
        else
          sleep 1   # the last accepts settle; heap_used_kb runs a full GC first
          heap1=$(heap_used_kb "$JAVA_SERVERS" "$pid"); rss1=$(rss_kb "$pid")
          record "idle-$count" "RSS per connection" "$subject" $(( (rss1 - rss0) * 1024 / count )) bytes lower
          record "idle-$count" "heap per connection" "$subject" $(( (heap1 - heap0) * 1024 / count )) bytes lower
          log "idle $count rep $r: $subject RSS +$(( (rss1 - rss0) / 1024 )) MiB, heap +$(( (heap1 - heap0) / 1024 )) MiB"
        fi
        stop_pid "$cpid"
        stop_pid "$pid"
      done
    done
  done
}

# ---------------------------------------------------------------- Redis
run_redis_benchmark() { # subject port pipeline requests
  local f=$OUT/redis-$1-P$3-$REP.csv line test rps p50 p99
  redis-benchmark -h 127.0.0.1 -p "$2" -c 50 -P "$3" -n "$4" -t set,get --csv >"$f" 2>"$f.err"
  while IFS=, read -r test rps _ _ p50 _ p99 _; do
    test=${test//\"/}; rps=${rps//\"/}; p50=${p50//\"/}; p99=${p99//\"/}
    case "$test" in SET|GET) ;; *) continue ;; esac
    record "redis-$test-P$3" "requests/s" "$1" "$rps" "req/s" higher
    record "redis-$test-P$3" "latency p50" "$1" "$p50" ms lower
    record "redis-$test-P$3" "latency p99" "$1" "$p99" ms lower
    log "  redis $test -P $3 $1: $rps req/s, p50 $p50 ms, p99 $p99 ms"
  done < "$f"
  grep -q '"SET"' "$f" || fail "redis-benchmark $1 -P $3 rep $REP (see $f.err)"
}
section_redis() {
  ensure_tool redis-server redis-server && ensure_tool redis-benchmark redis-tools \
      || { fail "redis: redis-server/redis-benchmark missing and could not be installed"; return; }
  local r subject port pid subjects=()
  if [ -n "$REDIS_MAIN" ] && [ -n "$SAMPLES_JAR" ]; then subjects+=(jawait-miniredis); else fail "redis: mini-redis sample not built/found"; fi
  subjects+=(redis-server)
  for r in $(seq 1 "$REPS"); do
    REP=$r
    for subject in "${subjects[@]}"; do
      port=$(next_port); NEXT_PORT=$((port + 1))
      if [ "$subject" = redis-server ]; then
        start_bg "$OUT/server-redis-$r.log" redis-server --port "$port" --bind 127.0.0.1 --save '' --appendonly no --daemonize no
      else
        start_bg "$OUT/server-miniredis-$r.log" "$JAVA_SERVERS/bin/java" "${SERVER_FLAGS[@]}" -cp "$SAMPLES_CP" "$REDIS_MAIN" --port "$port" --bind 127.0.0.1
      fi
      pid=$LAST_PID
      if ! wait_port "$port" "$pid" 30; then fail "redis $subject did not start"; stop_pid "$pid"; continue; fi
      log "redis rep $r/$REPS: $subject on :$port (pid $pid), warm-up"
      # Warm both request paths (pipelined and one request per wake-up) before measuring: the
      # JVM server compiles each on first use; redis-server is unaffected. The -P 1 path gets
      # 150,000 requests (about 3 s): after 50,000 it was still warming up (run again and again,
      # mini-redis -P 1 went from 41-44 k to 46-49 k req/s while redis-server stayed at 46-49 k).
      redis-benchmark -h 127.0.0.1 -p "$port" -c 50 -P 16 -n 200000 -t set,get -q >/dev/null 2>&1
      redis-benchmark -h 127.0.0.1 -p "$port" -c 50 -P 1 -n 150000 -t set,get -q >/dev/null 2>&1
      run_redis_benchmark "$subject" "$port" 1 "$REDIS_N1"
      run_redis_benchmark "$subject" "$port" 16 "$REDIS_N16"
      record redis "RSS after load" "$subject" "$(( $(rss_kb "$pid") / 1024 ))" MiB lower
      stop_pid "$pid"
    done
  done
}

# ---------------------------------------------------------------- run + report
TIMINGS=()
for s in $SECTIONS; do
  t0=$(date +%s)
  case "$s" in
    jmh|memory|compile|http|idle|redis) "section_$s" ;;
    *) fail "unknown section $s" ;;
  esac
  TIMINGS+=("$s $(( $(date +%s) - t0 ))s")
done
timings_text() { local IFS=,; echo "${TIMINGS[*]+"${TIMINGS[*]}"}" | sed 's/,/, /g'; }

TABLE=$OUT/table.md
"$JDK17/bin/java" -cp "$JAR" dev.jawait.bench.report.ResultsTable "$RAW" "$BENCH/targets.tsv" >"$TABLE" 2>>"$OUT/run.log" \
    || fail "summary table (see $OUT/run.log)"
# Against the newest earlier run: which target ratios left that run's per-repetition range.
PREV_RAW=$(ls -1 "$BENCH"/results/raw-*.tsv 2>/dev/null | sort | tail -1)
COMPARED=
if [ -n "$PREV_RAW" ]; then
  "$JDK17/bin/java" -cp "$JAR" dev.jawait.bench.report.RunComparison "$PREV_RAW" "$RAW" "$BENCH/targets.tsv" \
      >"$OUT/compare.md" 2>>"$OUT/run.log"
  [ -s "$OUT/compare.md" ] && COMPARED=$(tail -1 "$OUT/compare.md" | sed "s/\\.$//")
fi
REV=$(cd "$ROOT" && git rev-parse --short HEAD 2>/dev/null)$(cd "$ROOT" && [ -n "$(git status --porcelain 2>/dev/null)" ] && echo "+dirty")
{
  echo "### $(date -u '+%Y-%m-%d %H:%M UTC') — \`bench/run.sh $MODE $SECTIONS\`"
  echo
  echo "- commit $REV; $(nproc) cores; took $(( $(date +%s) - RUN_START_S ))s in all (build ${BUILD_S}s; $(timings_text)); repetitions $REPS (median (min–max))"
  echo "- JDK 17: $JDK_LINE17; JDK 25: ${JDK_LINE25:-none}; servers ran on $(jdk_line "$JAVA_SERVERS") with ${SERVER_FLAGS[*]}"
  echo "- JMH: ${JMH_OPTS[*]} -prof gc${JMH_QUICK_TARGETS:+ (only the methods the targets read)}; wrk -t2 -c100 -d$WRK_D after ${WARM} warm-up (pipelined x16: -d$WRK_PIPE_D after $WARM_PIPE); redis-benchmark -c 50 -P 1 / -P 16"
  echo "- per-rep ratio: the i-th jawait figure of a repetition over the i-th peer figure of the same repetition; \`bench/compare.sh\` flags a re-run whose ratio leaves that range"
  echo "- raw numbers: \`bench/results/raw-$STAMP.tsv\`"
  [ -n "$COMPARED" ] && echo "- vs the previous run \`${PREV_RAW#"$ROOT"/}\`: $COMPARED (\`bench/compare.sh ${PREV_RAW#"$ROOT"/} bench/results/raw-$STAMP.tsv\`)"
  [ ${#FAILURES[@]} -gt 0 ] && { echo "- problems in this run:"; printf '  - %s\n' "${FAILURES[@]}"; }
  [ ${#NOTES[@]} -gt 0 ] && { echo "- notes:"; printf '  - %s\n' "${NOTES[@]}"; }
  echo
  cat "$TABLE"
} >"$OUT/section.md"
cat "$OUT/section.md"
if [ -z "${BENCH_NO_RESULTS_MD:-}" ]; then
  mkdir -p "$BENCH/results" && cp "$RAW" "$BENCH/results/raw-$STAMP.tsv"
  RESULTS=$BENCH/RESULTS.md
  [ -f "$RESULTS" ] || printf '# jawait benchmark results\n\n## Latest run\n\n<!-- latest:begin -->\n<!-- latest:end -->\n\n## History\n\n<!-- history:begin -->\n<!-- history:end -->\n' >"$RESULTS"
  # The targets of the newest runs side by side; each run's every figure stays in its raw file.
  "$JDK17/bin/java" -cp "$JAR" dev.jawait.bench.report.History "$BENCH/targets.tsv" "$HISTORY_RUNS" "$BENCH"/results/raw-*.tsv \
      >"$OUT/history.md" 2>>"$OUT/run.log" || fail "history table (see $OUT/run.log)"
  # Replace the "latest" and "history" blocks.
  awk -v latest="$OUT/section.md" -v history="$OUT/history.md" '
    /<!-- latest:begin -->/ { print; while ((getline l < latest) > 0) print l; skip = 1; next }
    /<!-- history:begin -->/ { print; while ((getline l < history) > 0) print l; skip = 1; next }
    /<!-- (latest|history):end -->/ { skip = 0 }
    !skip { print }' "$RESULTS" >"$RESULTS.tmp" && mv "$RESULTS.tmp" "$RESULTS"
  log "wrote $RESULTS"
fi
log "total: $(( $(date +%s) - RUN_START_S ))s (build ${BUILD_S}s; $(timings_text))"
[ ${#FAILURES[@]} -eq 0 ] || { log "${#FAILURES[@]} problem(s): ${FAILURES[*]}"; exit 1; }
