package io.callstream.bench.topology;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs a closed-loop load with <a href="https://github.com/wg/wrk">wrk</a> instead of clients in the benchmark's own
 * JVM: a native client takes far less of the shared cores, so the latency measured is the server's, not the
 * client's. The requests are cycled through by a generated Lua script, which also checks every answer for an expected
 * fragment and reports the latency percentiles and the count of unexpected answers.
 */
final class WrkClient {

    /** One request: wrk sends to one address, so every request of a run goes to the same port. */
    record Request(int port, String method, String pathAndQuery, String body, Map<String, String> headers) {
    }

    /** Latencies in microseconds. */
    record Result(long requests, double seconds, long unexpected, long socketErrors, double p50, double p90, double p99,
                  double p999, double max) {
        double perSecond() {
            return requests / seconds;
        }
    }

    private WrkClient() {
    }

    static boolean available() {
        try {
            Process p = new ProcessBuilder("wrk", "--version").redirectErrorStream(true).start();
            p.getInputStream().readAllBytes();
            p.waitFor(5, TimeUnit.SECONDS);
            return true;
        } catch (IOException | InterruptedException e) {
            return false;
        }
    }

    /**
     * @param expect a fragment every answer's body must contain (and its status must be 200)
     */
    static Result run(List<Request> requests, String expect, int connections, Duration duration) throws Exception {
        int port = requests.get(0).port();
        if (requests.stream().anyMatch(r -> r.port() != port)) {
            throw new IllegalArgumentException("wrk sends every request of a run to one address");
        }
        Path script = Files.createTempFile("query-bench", ".lua");
        try {
            Files.writeString(script, script(requests, expect), StandardCharsets.UTF_8);
            List<String> command = List.of("wrk", "-t1", "-c" + connections, "-d" + duration.toSeconds() + "s",
                    "--timeout", "30s", "-s", script.toString(), "http://127.0.0.1:" + port);
            Process wrk = new ProcessBuilder(command).redirectErrorStream(true).start();
            String output = new String(wrk.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!wrk.waitFor(duration.toSeconds() + 60, TimeUnit.SECONDS) || wrk.exitValue() != 0) {
                throw new IllegalStateException("wrk failed: " + output);
            }
            String line = output.lines().filter(l -> l.startsWith("RESULT ")).findFirst()
                    .orElseThrow(() -> new IllegalStateException("no result from wrk: " + output));
            String[] f = line.split(" ");
            return new Result(Long.parseLong(f[1]), Long.parseLong(f[2]) / 1e6, Long.parseLong(f[3]), Long.parseLong(f[4]),
                    Double.parseDouble(f[5]), Double.parseDouble(f[6]), Double.parseDouble(f[7]), Double.parseDouble(f[8]),
                    Double.parseDouble(f[9]));
        } finally {
            Files.deleteIfExists(script);
        }
    }

    /** Long brackets ([==[ ]==]) quote the values, so JSON and UserSigs need no escaping. */
    private static String script(List<Request> requests, String expect) {
        List<String> rows = new ArrayList<>();
        for (Request r : requests) {
            StringBuilder headers = new StringBuilder();
            r.headers().forEach((name, value) -> headers.append("[ ").append(quote(name)).append(" ]=").append(quote(value)).append(","));
            rows.add("{" + quote(r.method()) + "," + quote(r.pathAndQuery()) + "," + quote(r.body() == null ? "" : r.body())
                    + ",{" + headers + "}}");
        }
        return """
                local requests = {
                %s
                }
                local expect = %s
                local n = 0
                unexpected = 0
                request = function()
                  n = n + 1
                  local r = requests[(n %% #requests) + 1]
                  local body = nil
                  if r[3] ~= "" then body = r[3] end
                  return wrk.format(r[1], r[2], r[4], body)
                end
                response = function(status, headers, body)
                  if status ~= 200 or not string.find(body, expect, 1, true) then unexpected = unexpected + 1 end
                end
                local threads = {}
                function setup(thread) table.insert(threads, thread) end
                function done(summary, latency, requests)
                  local bad = 0
                  for _, t in ipairs(threads) do bad = bad + t:get("unexpected") end
                  local e = summary.errors
                  io.write(string.format("RESULT %%d %%d %%d %%d %%.1f %%.1f %%.1f %%.1f %%.1f\\n", summary.requests,
                    summary.duration, bad, e.connect + e.read + e.write + e.timeout, latency:percentile(50),
                    latency:percentile(90), latency:percentile(99), latency:percentile(99.9), latency.max))
                end
                """.formatted(String.join(",\n", rows), quote(expect));
    }

    private static String quote(String value) {
        if (value.contains("]==]")) {
            throw new IllegalArgumentException("cannot quote " + value);
        }
        return "[==[" + value + "]==]";
    }
}
