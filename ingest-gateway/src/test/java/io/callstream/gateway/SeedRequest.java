package io.callstream.gateway;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/** One request of the vendor's documentation, kept verbatim as a {@code .http} file in test resources. */
record SeedRequest(String method, String pathAndQuery, String body) {

    static SeedRequest load(String resource) {
        try (InputStream in = SeedRequest.class.getResourceAsStream("/seed/" + resource)) {
            if (in == null) {
                throw new IllegalArgumentException("no seed " + resource);
            }
            String text = new String(in.readAllBytes(), StandardCharsets.UTF_8).replace("\r\n", "\n");
            int blank = text.indexOf("\n\n");
            String[] requestLine = text.substring(0, text.indexOf('\n')).split(" ");
            return new SeedRequest(requestLine[0], requestLine[1], text.substring(blank + 2));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String resource(String name) {
        try (InputStream in = SeedRequest.class.getResourceAsStream("/seed/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
