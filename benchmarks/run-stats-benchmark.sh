#!/usr/bin/env bash
# Statistics benchmark: how many changes per second one app's statistics (R7, R8) carry on one stream thread, the
# figure docs/architecture.md ("Limits") promises. The statistics run alone (CallRecordTopology.addStatistics), with
# the app's settings (RocksDB, exactly-once), on a topic of one partition holding one busy app's changes: a record per
# call in the order they come out, and a revision for a share of the calls; Kafka Streams decoding the same changes is
# the floor. Writes benchmarks/target/bench/stats-benchmark.md: the calls per second one app's statistics carry
# (steady changes/s ÷ (1 + revision share)), changes/s against the floor, CPU µs/change by thread group, and writes
# per change to each store's changelog and to callkit.concurrency and callkit.daily-stats.
# Settings: BENCH_STATS_CALLS (1500000 calls, ~1.95M changes: about a minute of measured work on a fast host),
# BENCH_STATS_SPREAD_SECONDS (3600: the calls start over the last hour, a busy app live), BENCH_STATS_REVISION_SHARE
# (0.3 of the calls' records revised once, 5-60 s later: a later end or a late participant), BENCH_STATS_USERS (as
# many as calls), BENCH_STATS_FLOORS (0: decoding alone; puts per change separated by commas, as BENCH_FLOORS in
# run-benchmark.sh; empty for none),
# BENCH_WARMUP_SECONDS (30: the statistics run under other application ids first, for at least this long and then
# until the JIT compiler uses under 5% of a core; 0 for none), BENCH_WARMUP_MAX_SECONDS (180), BENCH_HEAP (2g).
# CALLSTREAM_* and KAFKA_STREAMS_* variables pass through to the statistics and the floor (e.g.
# CALLSTREAM_STATS_ZONE=Asia/Shanghai, CALLSTREAM_STATS_PUBLISH_INTERVAL_MS). MAVEN_ARGS is added to every Maven
# command line (by Maven itself), e.g. MAVEN_ARGS=-o to build offline.
# About 5 minutes on a fast host: a minute or so each for the fill, the JIT warm-up and the measured run, less for the
# floor and for counting the writes.
# A quick check that it works end to end (a few seconds of statistics, no figure: the warm-up cannot judge the JIT on
# a topic folded in a second, so it is capped):
#   BENCH_STATS_CALLS=5000 BENCH_WARMUP_SECONDS=5 BENCH_WARMUP_MAX_SECONDS=15 benchmarks/run-stats-benchmark.sh
set -euo pipefail
cd "$(dirname "$0")/.."
. benchmarks/build.sh
java -Xmx${BENCH_HEAP:-2g} -cp "${BENCH_CP}" io.callstream.bench.topology.StatsBenchmark target/bench
