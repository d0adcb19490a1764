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
  # http --mdc: jawait-slf4j, SLF4J and logback (from the local Maven repository the build filled).
  m2=$HOME/.m2/repository
  v() { sed -n "s:.*<$1>\(.*\)</$1>.*:\1:p" "$root/pom.xml" | head -1; }
  slf4j=$(v slf4j.version); logback=$(v logback.version)
  cp="$cp:$root/slf4j/target$suffix/classes:$m2/org/slf4j/slf4j-api/$slf4j/slf4j-api-$slf4j.jar"
  cp="$cp:$m2/ch/qos/logback/logback-classic/$logback/logback-classic-$logback.jar"
  cp="$cp:$m2/ch/qos/logback/logback-core/$logback/logback-core-$logback.jar"
fi
exec "${JAVA:-java}" -cp "$cp" "$main" "$@"
