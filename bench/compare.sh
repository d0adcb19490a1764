#!/usr/bin/env bash
# Compares two bench runs target by target: is each jawait/peer ratio of the second run within
# the per-repetition range (the noise) the first run reported?
#
#   bench/compare.sh [before-raw.tsv [after-raw.tsv]]
#
# Defaults: the two newest bench/results/raw-*.tsv (before = the older one); with one argument,
# that file against the newest. Targets come from bench/targets.tsv. Prints a Markdown table
# (ratio and per-rep range of each run, change, "within noise" / "outside", verdict changes)
# and exits 1 when some ratio moved with disjoint ranges (the two runs' repetitions do not
# overlap: a change, not noise), 0 otherwise.
#
# Environment: BENCH_SUFFIX (output under bench/target<suffix>, default -bench), JDK17_HOME (else
# java/javac on PATH). The report tool (bench.report) needs only the JDK: it is compiled with
# javac into bench/target<suffix>/report-classes when its sources are newer, so a stale or
# missing benchmarks jar does not matter.
set -uo pipefail

ROOT=$(cd "$(dirname "$0")/.." && pwd)
BENCH=$ROOT/bench
SUFFIX=${BENCH_SUFFIX:--bench}
CLASSES=$BENCH/target$SUFFIX/report-classes
SRC=$BENCH/src/main/java/dev/jawait/bench/report
BIN=${JDK17_HOME:+$JDK17_HOME/bin/}

mapfile -t RAWS < <(ls -1 "$BENCH"/results/raw-*.tsv 2>/dev/null | sort)
case $# in
  0) [ ${#RAWS[@]} -ge 2 ] || { echo "need two bench/results/raw-*.tsv (found ${#RAWS[@]})" >&2; exit 2; }
     BEFORE=${RAWS[-2]}; AFTER=${RAWS[-1]} ;;
  1) [ ${#RAWS[@]} -ge 1 ] || { echo "no bench/results/raw-*.tsv to compare with" >&2; exit 2; }
     BEFORE=$1; AFTER=${RAWS[-1]} ;;
  2) BEFORE=$1; AFTER=$2 ;;
  *) echo "usage: $0 [before-raw.tsv [after-raw.tsv]]" >&2; exit 2 ;;
esac
for f in "$BEFORE" "$AFTER"; do [ -f "$f" ] || { echo "no such file: $f" >&2; exit 2; }; done

STAMP_FILE=$CLASSES/.compiled
if [ ! -f "$STAMP_FILE" ] || [ -n "$(find "$SRC" -newer "$STAMP_FILE" -type f -print -quit)" ]; then
  rm -rf "$CLASSES" && mkdir -p "$CLASSES"
  "${BIN}javac" --release 17 -d "$CLASSES" "$SRC"/*.java || { echo "javac of $SRC failed" >&2; exit 2; }
  touch "$STAMP_FILE"
fi
exec "${BIN}java" -cp "$CLASSES" dev.jawait.bench.report.RunComparison "$BEFORE" "$AFTER" "$BENCH/targets.tsv"
