#!/usr/bin/env bash
# Builds the samples (skipping tests) and starts mini-redis in the foreground.
#   scripts/run-mini-redis.sh [--port 6379] [--bind 127.0.0.1] [--workers N (default: one per core)]
# Environment: JAWAIT_TARGET_SUFFIX (build directory suffix, default none),
#              JAWAIT_NO_BUILD=1 to reuse the classes already built.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
suffix=${JAWAIT_TARGET_SUFFIX:-}
if [ "${JAWAIT_NO_BUILD:-0}" != 1 ]; then
  (cd "$root" && mvn -q -DskipTests -Djawait.target.suffix="$suffix" -pl samples -am package)
fi
exec "${JAVA:-java}" -cp "$root/runtime/target$suffix/classes:$root/samples/target$suffix/classes" \
  dev.jawait.samples.miniredis.MiniRedis "$@"
