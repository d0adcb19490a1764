#!/usr/bin/env bash
# Builds the samples (skipping tests) and starts mini-redis in the foreground:
#   scripts/run-mini-redis.sh [--port 6379] [--bind 127.0.0.1] [--workers N (default: one per core)]
#                             [--tls [--keystore F.p12 --storepass P]] [--unixsocket PATH] [--shutdown-timeout 5]
# Same as scripts/run-sample.sh mini-redis (see there for the environment variables).
exec "$(dirname "$0")/run-sample.sh" mini-redis "$@"
