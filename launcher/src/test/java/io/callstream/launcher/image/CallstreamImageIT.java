package io.callstream.launcher.image;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.callstream.launcher.deploy.RenderedManifests;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The image that {@code verify} builds with Jib (launcher/pom.xml, execution image-check) on a scratch base: its config
 * (user, entrypoint, ports, environment, labels), its layers (the launcher's classes and every dependency jar) and its
 * name, which is the one deploy/ runs. What this cannot check offline: the real base image, and running the image.
 */
class CallstreamImageIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String VERSION = System.getProperty("callstream.version");

    private static Map<String, byte[]> image;
    private static JsonNode manifest;
    private static JsonNode config;

    @BeforeAll
    static void readImage() throws IOException {
        image = TarEntries.read(Files.readAllBytes(Path.of(System.getProperty("callstream.image.tar"))));
        manifest = JSON.readTree(image.get("manifest.json")).get(0);
        config = JSON.readTree(image.get(manifest.get("Config").asText()));
    }

    @Test
    void runsTheLauncherAsANonRootUserWithContainerAwareMemory() {
        JsonNode container = config.get("config");
        assertThat(container.get("User").asText()).isEqualTo("65532:65532");
        List<String> entrypoint = texts(container.get("Entrypoint"));
        assertThat(entrypoint).startsWith("java").contains("-XX:+ExitOnOutOfMemoryError")
                .endsWith("io.callstream.launcher.CallstreamMain");
        assertThat(texts(container.get("Env")))
                .contains("JAVA_TOOL_OPTIONS=-XX:MaxRAMPercentage=75", "CALLSTREAM_DATA_DIR=/tmp/callstream");
    }

    @Test
    void exposesTheGatewayQueryAndInternalPorts() {
        List<String> ports = new ArrayList<>();
        config.get("config").get("ExposedPorts").fieldNames().forEachRemaining(ports::add);
        assertThat(ports).containsExactlyInAnyOrder("8080/tcp", "8081/tcp", "8082/tcp");
    }

    @Test
    void isLabelledWithItsVersionSourceAndLicense() {
        JsonNode labels = config.get("config").get("Labels");
        assertThat(labels.get("org.opencontainers.image.version").asText()).isEqualTo(VERSION);
        assertThat(labels.get("org.opencontainers.image.licenses").asText()).isEqualTo("Apache-2.0");
        assertThat(labels.get("org.opencontainers.image.source").asText()).startsWith("https://");
    }

    @Test
    void holdsTheLauncherClassesAndEveryRuntimeDependency() throws IOException {
        List<String> files = new ArrayList<>();
        for (JsonNode layer : manifest.get("Layers")) {
            files.addAll(TarEntries.read(gunzip(image.get(layer.asText()))).keySet());
        }
        assertThat(files).contains(
                "app/classes/io/callstream/launcher/CallstreamMain.class",
                "app/libs/callstream-ingest-gateway-" + VERSION + ".jar",
                "app/libs/callstream-stream-topology-" + VERSION + ".jar",
                "app/libs/callstream-schemas-" + VERSION + ".jar");
        assertThat(files).anyMatch(f -> f.matches("app/libs/kafka-streams-4\\.3\\.[0-9]+\\.jar"));
        assertThat(files).anyMatch(f -> f.matches("app/libs/vertx-web-5\\.[0-9.]+\\.jar"));
        assertThat(files).noneMatch(f -> f.contains("junit") || f.contains("assertj"));
    }

    @Test
    void isTheImageTheManifestsRun() {
        String tag = manifest.get("RepoTags").get(0).asText();
        assertThat(tag).isEqualTo("callstream:" + VERSION);
        assertThat(RenderedManifests.containerImages(RenderedManifests.base()))
                .as("deploy/base runs the image by the name the build gives it").containsOnly("callstream");
        for (String overlay : RenderedManifests.OVERLAYS) {
            assertThat(RenderedManifests.imageTag(overlay)).as("deploy/overlays/%s newTag", overlay).isEqualTo(VERSION);
        }
    }

    private static List<String> texts(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(node -> out.add(node.asText()));
        return out;
    }

    private static byte[] gunzip(byte[] bytes) throws IOException {
        try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(bytes))) {
            return in.readAllBytes();
        }
    }

    /** The regular files of a tar archive (ustar, with GNU or PAX long names as Jib writes them), by name. */
    static final class TarEntries {

        static Map<String, byte[]> read(byte[] tar) {
            Map<String, byte[]> files = new HashMap<>();
            String longName = null;
            int at = 0;
            while (at + 512 <= tar.length && tar[at] != 0) {
                String name = field(tar, at, 100);
                String prefix = field(tar, at + 345, 155);
                long size = Long.parseLong(field(tar, at + 124, 12).trim().isEmpty() ? "0" : field(tar, at + 124, 12).trim(), 8);
                byte type = tar[at + 156];
                int data = at + 512;
                byte[] content = java.util.Arrays.copyOfRange(tar, data, data + (int) size);
                if (type == 'L') {
                    longName = new String(content, java.nio.charset.StandardCharsets.UTF_8).trim();
                } else if (type == 'x') {
                    longName = paxPath(new String(content, java.nio.charset.StandardCharsets.UTF_8));
                } else {
                    String path = longName != null ? longName : prefix.isEmpty() ? name : prefix + "/" + name;
                    longName = null;
                    if (type == '0' || type == 0) {
                        files.put(path.startsWith("/") ? path.substring(1) : path, content);
                    }
                }
                at = data + (int) ((size + 511) / 512 * 512);
            }
            return files;
        }

        private static String paxPath(String records) {
            for (String record : records.split("\n")) {
                int eq = record.indexOf(" path=");
                if (eq >= 0) {
                    return record.substring(eq + " path=".length());
                }
            }
            return null;
        }

        private static String field(byte[] tar, int at, int length) {
            int end = at;
            while (end < at + length && tar[end] != 0) {
                end++;
            }
            return new String(tar, at, end - at, java.nio.charset.StandardCharsets.US_ASCII);
        }
    }
}
