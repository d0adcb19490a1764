#!/usr/bin/env bash
# End-to-end check of mini-redis with the real Redis tools:
#  1. installs redis-tools (redis-cli, redis-benchmark) with apt-get if missing (needs root);
#  2. starts mini-redis on a free port of 127.0.0.1 (by PID; --port 0, port read from its log);
#  3. round-trips every command through redis-cli, and a --pipe mass insert;
#  4. pub/sub between two redis-cli processes;
#  5. redis-benchmark -t ping,set,get,incr,mset -n 100000 -P 16 -q, checking for errors;
#  6. stops what it started, by PID. Exits non-zero on the first failure.
# Environment: JAWAIT_SAMPLES_CP = classpath with the runtime and samples classes (skips the
#              build; the JUnit test RedisCliScriptTest passes its own), JAWAIT_TARGET_SUFFIX,
#              JAVA (java executable), JAWAIT_REDIS_VIA = tcp (default) or unix (every tool
#              connects over mini-redis's --unixsocket with -s instead).
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
work=$(mktemp -d)
server_pid=""
sub_pid=""
cleanup() {
  set +e # a killed child's status (143) must not become the script's
  if [ -n "$sub_pid" ]; then kill "$sub_pid" 2>/dev/null; wait "$sub_pid" 2>/dev/null; fi
  if [ -n "$server_pid" ]; then kill "$server_pid" 2>/dev/null; wait "$server_pid" 2>/dev/null; fi
  rm -rf "$work"
}
trap cleanup EXIT
fail() { echo "FAIL: $*" >&2; [ -f "$work/server.log" ] && sed 's/^/  server: /' "$work/server.log" | tail -20 >&2; exit 1; }

if ! command -v redis-cli >/dev/null 2>&1 || ! command -v redis-benchmark >/dev/null 2>&1; then
  echo "installing redis-tools..."
  if [ "$(id -u)" = 0 ]; then
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq redis-tools >/dev/null
  else
    sudo -n apt-get update -qq && sudo -n env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq redis-tools >/dev/null
  fi
fi

cp=${JAWAIT_SAMPLES_CP:-}
if [ -z "$cp" ]; then
  suffix=${JAWAIT_TARGET_SUFFIX:-}
  (cd "$root" && mvn -q -DskipTests -Djawait.target.suffix="$suffix" -pl samples -am package)
  cp="$root/runtime/target$suffix/classes:$root/samples/target$suffix/classes"
fi

# JAWAIT_REDIS_VIA=unix: every redis-cli and redis-benchmark call goes over --unixsocket (-s).
via=${JAWAIT_REDIS_VIA:-tcp}
unix_args=()
[ "$via" = unix ] && unix_args=(--unixsocket "$work/redis.sock")
"${JAVA:-java}" -cp "$cp" dev.jawait.samples.miniredis.MiniRedis --port 0 --bind 127.0.0.1 "${unix_args[@]}" >"$work/server.log" 2>&1 &
server_pid=$!
port=""
for _ in $(seq 1 300); do
  port=$(sed -n 's/.*ready to accept connections on .*:\([0-9][0-9]*\)$/\1/p' "$work/server.log" | head -1)
  [ -n "$port" ] && break
  kill -0 "$server_pid" 2>/dev/null || fail "mini-redis exited before listening"
  sleep 0.1
done
[ -n "$port" ] || fail "mini-redis did not start within 30 s"
echo "mini-redis pid $server_pid on 127.0.0.1:$port"

if [ "$via" = unix ]; then
  [ -S "$work/redis.sock" ] || fail "mini-redis is not listening on $work/redis.sock"
  conn=(-s "$work/redis.sock")
else
  conn=(-h 127.0.0.1 -p "$port")
fi
echo "redis-cli and redis-benchmark connect with: ${conn[*]}"
cli() { timeout 10 redis-cli "${conn[@]}" --no-raw "$@"; }
checks=0
expect() { # expect "<expected output>" redis-cli args...
  local want=$1; shift
  local got
  got=$(cli "$@" 2>&1) || fail "redis-cli $* exited with $?: $got"
  got=$(printf '%s' "$got" | sed 's/[[:space:]]*$//')
  [ "$got" = "$want" ] || fail "redis-cli $*: expected [$want], got [$got]"
  checks=$((checks + 1))
}

now_ns() { date +%s%N; }
expect_ttl() { # expect_ttl <seconds> key <ns>: the TTL set to <seconds> at time <ns> (now_ns before
  # the command that set it) is <seconds>, or less by at most the whole seconds elapsed since,
  # rounded up (TTL rounds to the nearest second; a loaded machine may take seconds per redis-cli)
  local got n elapsed
  got=$(cli TTL "$2" 2>&1) || fail "redis-cli TTL $2 exited with $?"
  elapsed=$(( ($(now_ns) - $3) / 1000000000 + 1 ))
  n=${got#"(integer) "}
  [[ "$n" =~ ^[0-9]+$ ]] && [ "$n" -le "$1" ] && [ "$n" -ge "$(($1 - elapsed))" ] \
    || fail "TTL $2: expected $1 (or at most $elapsed less), got [$got]"
  checks=$((checks + 1))
}

expect "PONG" PING
expect '"hi"' PING hi
expect '"hello world"' ECHO "hello world"
expect "OK" SET k v
expect '"v"' GET k
expect "(nil)" SET k w NX
expect "OK" SET k w XX
expect "(nil)" SET nokey w XX
expect '"w"' SET k x GET
t_at=$(now_ns)
expect "OK" SET t 1 EX 100
expect_ttl 100 t "$t_at"
p_at=$(now_ns)
expect "OK" SET p 1 PX 100000
expect_ttl 100 p "$p_at"
expect "(integer) 2" INCR t
expect "(integer) 1" DECR t
expect_ttl 100 t "$t_at"
expect "(error) ERR value is not an integer or out of range" INCR k
expect "(error) ERR syntax error" SET k v NX XX
expect "OK" MSET a 1 b 2 user:1 x user:2 y
expect $'1) "1"\n2) "2"\n3) (nil)' MGET a b nope
expect "(integer) 2" EXISTS a b nope
expect "(integer) 2" DEL a b nope
expect "(integer) 0" EXISTS a
expect "(integer) -1" TTL k
k_at=$(now_ns)
expect "(integer) 1" EXPIRE k 50
expect_ttl 50 k "$k_at"
expect "(integer) -2" TTL nope
expect "(integer) 0" EXPIRE nope 10
got=$(cli KEYS 'user:*' | sort | tr '\n' ' ')
[ "$got" = '1) "user:1" 2) "user:2" ' ] || [ "$got" = '1) "user:2" 2) "user:1" ' ] || fail "KEYS user:* gave [$got]"
checks=$((checks + 1))
expect "(integer) 0" PUBLISH nobody listens
expect $'1) "unsubscribe"\n2) "news"\n3) (integer) 0' UNSUBSCRIBE news
expect $'1) "unsubscribe"\n2) (nil)\n3) (integer) 0' UNSUBSCRIBE
expect $'1) "save"\n2) ""' CONFIG GET save
expect $'1) "appendonly"\n2) "no"' CONFIG GET appendonly
expect "(empty array)" COMMAND DOCS
expect "(empty array)" COMMAND
expect "OK" CLIENT SETNAME script
expect "(error) ERR unknown command 'NOSUCH', with args beginning with: 'x'" NOSUCH x
expect "(error) ERR unknown command 'HELLO', with args beginning with: '3'" HELLO 3
expect "(error) ERR wrong number of arguments for 'get' command" GET
expect "OK" FLUSHALL
expect "(integer) 0" DBSIZE
expect "OK" QUIT

# Several commands on one connection through redis-cli's stdin, and a --pipe mass insert.
got=$(printf 'SET s 1\nINCR s\nGET s\n' | cli | tr '\n' ' ')
[ "$got" = 'OK (integer) 2 "2" ' ] || fail "stdin session gave [$got]"
expect "OK" FLUSHALL
for i in $(seq 1 20000); do printf '*3\r\n$3\r\nSET\r\n$%d\r\nkey%d\r\n$1\r\nv\r\n' $((3 + ${#i})) "$i"; done >"$work/mass.resp"
got=$(timeout 30 redis-cli "${conn[@]}" --pipe <"$work/mass.resp" 2>&1 | tail -1)
[ "$got" = "errors: 0, replies: 20000" ] || fail "redis-cli --pipe: [$got]"
expect "(integer) 20000" DBSIZE
checks=$((checks + 2))

# Pub/sub between two redis-cli processes. Waits are bounded (30 s) and end as soon as the
# subscriber has reacted; the subscriber's own 90 s limit outlasts them.
timeout 90 redis-cli "${conn[@]}" SUBSCRIBE news >"$work/sub.out" 2>&1 &
sub_pid=$!
for _ in $(seq 1 300); do
  [ "$(cli PUBLISH news first)" = "(integer) 1" ] && break
  sleep 0.1
done
expect "(integer) 1" PUBLISH news second
for _ in $(seq 1 300); do tr -d '\r' <"$work/sub.out" | grep -q '^second$' && break; sleep 0.1; done
kill "$sub_pid" 2>/dev/null; wait "$sub_pid" 2>/dev/null || true
sub_pid=""
tr -d '\r' <"$work/sub.out" | grep -A2 '^message$' | grep -q '^second$' || fail "subscriber output: $(cat "$work/sub.out")"
grep -q '^first$' "$work/sub.out" || fail "subscriber missed the first message: $(cat "$work/sub.out")"
checks=$((checks + 1))

# redis-benchmark, pipelined.
timeout 120 redis-benchmark "${conn[@]}" -t ping,set,get,incr,mset -n 100000 -P 16 -q \
  >"$work/bench.out" 2>&1 || fail "redis-benchmark exited with $?: $(cat "$work/bench.out")"
tr '\r' '\n' <"$work/bench.out" | grep -v '^$' | grep -i 'requests per second' | sed 's/^ *//' | sort -u >"$work/bench.rps"
if tr '\r' '\n' <"$work/bench.out" | grep -qiE 'error|warning'; then
  fail "redis-benchmark reported errors: $(tr '\r' '\n' <"$work/bench.out" | grep -iE 'error|warning' | head -5)"
fi
for t in PING_INLINE PING_MBULK SET GET INCR MSET; do
  grep -q "^$t" "$work/bench.rps" || fail "redis-benchmark: no result for $t: $(cat "$work/bench.out")"
done
cat "$work/bench.rps"
kill -0 "$server_pid" 2>/dev/null || fail "mini-redis died during the benchmark"
expect "PONG" PING
echo "OK: $checks redis-cli checks, pub/sub and redis-benchmark passed"
