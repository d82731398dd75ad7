#!/usr/bin/env bash
# Fold benchmark: events/s folded (RocksDB, exactly-once) against a plain consumer of the same topic and Kafka Streams'
# own floors, with the statistics (concurrency windows and daily stats, R7/R8, the product's default) and without them
# (CALLSTREAM_STATS=false), on the same backlog in the same run; and the latency from a call's last event to its record.
# Writes benchmarks/target/bench/fold-benchmark.md: per app run, steady events/s, ratios to the ceiling and to
# each floor (the headline: the fold with statistics over the floor with 3 puts per event), CPU µs/event by thread
# group, writes per backlog event by topic (changelogs, the statistics' repartition topic, the records and statistics
# topics); then the ratios statistics on / off.
# Settings: BENCH_CALLS (60000 generated calls, ~450k events), BENCH_LIVE_CALLS_PER_SECOND (200),
# BENCH_CONCURRENT_CALLS (10000 calls in progress at once, their callbacks interleaved; 1 sends each call whole),
# BENCH_FLOORS (0,1,3: Kafka Streams with the app's settings making that many logged RocksDB puts per event, no fold,
# to compare the fold with what the framework allows on this host; empty for none; left out when pinned),
# BENCH_STATS (both: the app without statistics, then with them, each with its own application id, state directory,
# output topics and JIT warm-up; on or off for one run; on,off for the reverse order; the live phase follows the last
# run only, since its calls join the backlog),
# BENCH_LIVE_SECONDS (30), BENCH_WARMUP_SECONDS (30: the JIT warm-up folds under other application ids first, for at
# least this long and then until the JIT compiler uses under 5% of a core; 0 for none; before each app run),
# BENCH_ROUNDS (1: the floors and the app runs measured that many times, one after the other, each round under its
# own application ids; the headline is then the median of the measured rounds' ratios, since one run's ratio moves with
# the host; each round's CPU per event, JIT included, is listed), BENCH_WARMUP_ROUNDS (0: rounds run first like the
# measured ones, listed in the report but left out of its headline),
# BENCH_WARMUP_MAX_SECONDS (180, the warm-up's cap), BENCH_APP_CPUS (run each Streams app, warm-up included, in a JVM
# of its own under `taskset -c`), BENCH_APP_HEAP (1g, its -Xmx), BENCH_JVM_CPUS (the same for the broker and producer).
# About 8 minutes with BENCH_STATS=on or off, and about 1.8 more per further round (warm-up or measured); the default's second app run adds its warm-up (30 s or more) and fold.
# Pinned, as in docs/benchmarks.md:
#   BENCH_APP_CPUS=1 BENCH_JVM_CPUS=0 benchmarks/run-fold-benchmark.sh
set -euo pipefail
cd "$(dirname "$0")/.."
. benchmarks/build.sh
pin=()
if [ -n "${BENCH_JVM_CPUS:-}" ]; then pin=(taskset -c "${BENCH_JVM_CPUS}"); fi
# BENCH_JAVA_OPTS: extra options for the benchmark's JVM, e.g. a profiler's -agentpath (docs/benchmarks.md).
"${pin[@]}" java -Xmx2g ${BENCH_JAVA_OPTS:-} -cp "${BENCH_CP}" io.callstream.bench.topology.FoldBenchmark target/bench
