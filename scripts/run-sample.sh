#!/usr/bin/env bash
# Builds the samples (skipping tests) and runs one in the foreground:
#   scripts/run-sample.sh <sample> [its options]
# Samples: mini-redis, http, echo, chat, compound, handwritten, unix-echo, tls-echo, https-hello,
# https-get (options: see samples/README.md).
# The servers print "task dump: kill -USR1 <pid>": that signal prints every live task to stderr.
# Environment: JAWAIT_TARGET_SUFFIX (build directory suffix, default none),
#              JAWAIT_NO_BUILD=1 to reuse the classes already built,
#              JAWAIT_SAMPLES_CP to run from this classpath (implies no build), JAVA (java executable).
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
usage() { echo "usage: $0 mini-redis|http|echo|chat|compound|handwritten|unix-echo|tls-echo|https-hello|https-get [options]" >&2; exit 2; }
[ $# -ge 1 ] || usage
case "$1" in
  mini-redis)  main=dev.jawait.samples.miniredis.MiniRedis ;;
  http)        main=dev.jawait.samples.http.HelloServer ;;
  echo)        main=dev.jawait.samples.echo.EchoServer ;;
  chat)        main=dev.jawait.samples.chat.ChatServer ;;
  compound)    main=dev.jawait.samples.compound.Compound ;;
  handwritten) main=dev.jawait.samples.handwritten.HandwrittenDemo ;;
  unix-echo)   main=dev.jawait.samples.unixecho.UnixEchoServer ;;
  tls-echo)    main=dev.jawait.samples.tls.TlsEchoServer ;;
  https-hello) main=dev.jawait.samples.tls.HttpsHelloServer ;;
  https-get)   main=dev.jawait.samples.tls.HttpsGet ;;
  *) echo "unknown sample: $1" >&2; usage ;;
esac
shift
cp=${JAWAIT_SAMPLES_CP:-}
if [ -z "$cp" ]; then
  suffix=${JAWAIT_TARGET_SUFFIX:-}
  if [ "${JAWAIT_NO_BUILD:-0}" != 1 ]; then
    (cd "$root" && mvn -q -DskipTests -Djawait.target.suffix="$suffix" -pl samples -am package)
  fi
  cp="$root/runtime/target$suffix/classes:$root/samples/target$suffix/classes"
fi
exec "${JAVA:-java}" -cp "$cp" "$main" "$@"
