package io.callstream.launcher.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * deploy/'s manifests as the cluster gets them. The base is read file by file (its kustomization only lists the files
 * and sets the namespace), so it is checked on any machine; the overlays need {@code kubectl kustomize} (kustomize's
 * patches and components), which a fresh machine may lack: {@link #overlay} is then empty.
 */
public final class RenderedManifests {

    public static final Path DEPLOY = Path.of("..", "deploy");
    public static final List<String> OVERLAYS = List.of("dev", "prod");
    private static final YAMLMapper YAML = new YAMLMapper();

    private RenderedManifests() {
    }

    /** Every document of the files deploy/base/kustomization.yaml lists. */
    public static List<JsonNode> base() {
        Path base = DEPLOY.resolve("base");
        List<JsonNode> docs = new ArrayList<>();
        for (JsonNode resource : read(base.resolve("kustomization.yaml")).get(0).get("resources")) {
            docs.addAll(read(base.resolve(resource.asText())));
        }
        return docs;
    }

    /** {@code kubectl kustomize deploy/overlays/<name>}, or empty when this machine has no kubectl. */
    public static Optional<List<JsonNode>> overlay(String name) {
        return kubectl().map(kubectl -> render(kubectl, DEPLOY.resolve("overlays").resolve(name)));
    }

    /** The tag deploy/overlays/<name> gives the image {@code callstream}. */
    public static String imageTag(String overlay) {
        JsonNode kustomization = read(DEPLOY.resolve("overlays").resolve(overlay).resolve("kustomization.yaml")).get(0);
        for (JsonNode image : kustomization.path("images")) {
            if ("callstream".equals(image.path("name").asText())) {
                return image.path("newTag").asText();
            }
        }
        throw new AssertionError("deploy/overlays/" + overlay + " sets no tag for the image callstream");
    }

    /** The images of every container of every workload in {@code docs}. */
    public static List<String> containerImages(List<JsonNode> docs) {
        List<String> images = new ArrayList<>();
        for (JsonNode doc : docs) {
            doc.path("spec").path("template").path("spec").path("containers").forEach(c -> images.add(c.path("image").asText()));
        }
        return images;
    }

    public static List<JsonNode> read(Path file) {
        try {
            return documents(Files.readString(file));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static List<JsonNode> documents(String yaml) throws IOException {
        List<JsonNode> docs = new ArrayList<>();
        try (MappingIterator<JsonNode> it = YAML.readerFor(JsonNode.class).readValues(yaml)) {
            while (it.hasNext()) {
                JsonNode doc = it.next();
                if (doc != null && !doc.isEmpty()) {
                    docs.add(doc);
                }
            }
        }
        return docs;
    }

    private static Optional<Path> kubectl() {
        String path = System.getenv().getOrDefault("PATH", "");
        for (String dir : path.split(java.io.File.pathSeparator)) {
            Path candidate = Path.of(dir, "kubectl");
            if (Files.isExecutable(candidate)) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }

    private static List<JsonNode> render(Path kubectl, Path dir) {
        try {
            Process process = new ProcessBuilder(kubectl.toString(), "kustomize", dir.toString()).redirectErrorStream(false).start();
            byte[] out = process.getInputStream().readAllBytes();
            String err = new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
                throw new AssertionError("kubectl kustomize " + dir + " failed: " + err);
            }
            return documents(new String(out, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }
}
