#!/usr/bin/env bash
# Gateway benchmark: saturation throughput, ack latency at 25/50/75% of it, heap and RSS, against a bare Vert.x
# ceiling. Takes about 4 minutes. Writes benchmarks/target/bench/gateway-benchmark.md.
#
# Settings (environment): BENCH_CONCURRENCY (64 outstanding requests at saturation), BENCH_WARMUP_SECONDS (20; the JIT needs it),
# BENCH_SATURATION_SECONDS (20), BENCH_RATE_SECONDS (15 per rate), BENCH_HEAP (256m, the servers' -Xmx),
# BENCH_EVENT_LOOPS (2), BENCH_SERVER_CPUS (run the server JVMs under `taskset -c`), BENCH_JVM_CPUS (the same for the
# broker and load generator). Pinned, as in docs/benchmarks.md:
#   BENCH_SERVER_CPUS=1 BENCH_EVENT_LOOPS=1 BENCH_JVM_CPUS=0 benchmarks/run-gateway-benchmark.sh
set -euo pipefail
cd "$(dirname "$0")/.."
. benchmarks/build.sh
pin=()
if [ -n "${BENCH_JVM_CPUS:-}" ]; then pin=(taskset -c "${BENCH_JVM_CPUS}"); fi
"${pin[@]}" java -Xmx1g -cp "${BENCH_CP}" \
  io.callstream.bench.gateway.GatewayBenchmark target/bench
