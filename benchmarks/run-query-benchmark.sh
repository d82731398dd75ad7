#!/usr/bin/env bash
# Query benchmark (issue #5): latency of the vendor and analyst query APIs, on one instance and then two, with the
# stores filled through the real pipeline: the callbacks of BENCH_CALLS (1,115,000) generated calls are produced onto
# callkit.events and the app folds them and indexes the records (one per complete call: about 90%, so a little over a
# million records; the rest stay open).
# Writes benchmarks/target/bench/query-benchmark.md.
# Settings: BENCH_CALLS (BENCH_RECORDS is accepted as an alias), BENCH_USERS (50000), BENCH_QUERIES (5000 per kind and
# setup: the distinct queries cycled through), BENCH_CLIENTS (4 closed-loop connections), BENCH_ONLY (only the queries
# whose name contains it, e.g. callId), BENCH_CLIENT (wrk when installed, `apt-get install wrk`, for BENCH_WRK_SECONDS,
# 20, per kind; or jvm: clients in the benchmark's JVM, which share its cores);
# CALLSTREAM_* and KAFKA_STREAMS_* variables are passed to both instances (CALLSTREAM_SETTLE_DELAY_MS defaults to 100
# here, so that records follow the fold closely).
set -euo pipefail
cd "$(dirname "$0")/.."
. benchmarks/build.sh
java -Xmx${BENCH_HEAP:-4g} -cp "${BENCH_CP}" io.callstream.bench.topology.QueryBenchmark target/bench
