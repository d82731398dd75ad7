#!/usr/bin/env bash
# Query benchmark (issue #5): latency of the vendor and analyst query APIs with BENCH_RECORDS (1,000,000) records in
# the stores, on one instance and then two. Writes stream-topology/target/bench/query-benchmark.md.
# Settings: BENCH_RECORDS, BENCH_USERS (50000), BENCH_QUERIES (5000 per kind and setup), BENCH_CLIENTS (4 closed-loop
# clients), BENCH_ONLY (only the queries whose name contains it, e.g. callId); CALLSTREAM_* and KAFKA_STREAMS_* variables are passed to both instances.
set -euo pipefail
cd "$(dirname "$0")/../.."
./mvnw -B -q -pl stream-topology -am install -DskipTests
./mvnw -B -q -pl stream-topology dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile=target/bench.cp
cd stream-topology
java -Xmx${BENCH_HEAP:-4g} -cp "target/test-classes:target/classes:$(cat target/bench.cp)" io.callstream.topology.bench.QueryBenchmark target/bench
