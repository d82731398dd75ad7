package io.callstream.testkit;

import java.security.SecureRandom;
import java.util.Arrays;
import java.util.List;
import java.util.stream.LongStream;

/**
 * How much a fuzz test does: its seeds and requests per seed. The suite's run is fixed and small, so that CI is
 * repeatable and quick; a longer run (the nightly {@code .ci/fuzz}) sets {@value #SEEDS} to {@code random:<n>} for n
 * fresh seeds, or to a list to replay the seeds a failure printed, and {@value #REQUESTS} to how many requests each
 * seed sends.
 *
 * @param seeds    the generator's seeds, one run each
 * @param requests requests per seed
 */
public record FuzzRun(List<Long> seeds, int requests) {

    public static final String SEEDS = "callstream.fuzz.seeds";
    public static final String REQUESTS = "callstream.fuzz.requests";

    /** The run the system properties ask for, else {@code suiteSeeds} with {@code suiteRequests} each. */
    public static FuzzRun fromSystemProperties(List<Long> suiteSeeds, int suiteRequests) {
        String seeds = System.getProperty(SEEDS, "").trim();
        String requests = System.getProperty(REQUESTS, "").trim();
        return new FuzzRun(seeds.isEmpty() ? suiteSeeds : parseSeeds(seeds),
                requests.isEmpty() ? suiteRequests : Integer.parseInt(requests));
    }

    static List<Long> parseSeeds(String text) {
        if (text.startsWith("random")) {
            int count = text.contains(":") ? Integer.parseInt(text.substring(text.indexOf(':') + 1)) : 1;
            SecureRandom random = new SecureRandom();
            return LongStream.generate(random::nextLong).limit(count).boxed().toList();
        }
        return Arrays.stream(text.split(",")).map(String::trim).map(Long::parseLong).toList();
    }
}
