# Sourced by the run-*.sh scripts, from the project root: builds the benchmarks module and the modules it needs (in
# one reactor, so nothing is installed into the local repository), then enters benchmarks/ with its runtime classpath
# in BENCH_CP. Reports go to benchmarks/target/bench/.
./mvnw -B -q -pl benchmarks -am package dependency:build-classpath -DskipTests -Dmdep.outputFile=target/bench.cp
cd benchmarks
BENCH_CP="target/classes:$(cat target/bench.cp)"
