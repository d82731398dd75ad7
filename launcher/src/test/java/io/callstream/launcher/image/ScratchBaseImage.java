package io.callstream.launcher.image;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * Writes a minimal base image in the format of {@code docker save} (one empty layer, a config without entrypoint), for
 * Jib's {@code tar://} base: the build checks the image offline, so the real JRE base image cannot be pulled. Whatever
 * {@link CallstreamImageIT} finds in the built image is therefore what our build put there.
 */
public final class ScratchBaseImage {

    private ScratchBaseImage() {
    }

    public static void main(String[] args) throws IOException {
        if (args.length != 1) {
            throw new IllegalArgumentException("usage: ScratchBaseImage <output tar>");
        }
        write(Path.of(args[0]));
    }

    static void write(Path tar) throws IOException {
        byte[] layer = Tar.archive(new byte[0][], new String[0]);
        String diffId = "sha256:" + sha256(layer);
        String config = """
                {"architecture":"amd64","os":"linux","config":{},"rootfs":{"type":"layers","diff_ids":["%s"]},"history":[{"created_by":"callstream ScratchBaseImage"}]}"""
                .formatted(diffId);
        String manifest = """
                [{"Config":"config.json","RepoTags":["callstream-scratch-base:latest"],"Layers":["layer.tar"]}]""";
        Files.createDirectories(tar.toAbsolutePath().getParent());
        try (OutputStream out = Files.newOutputStream(tar)) {
            out.write(Tar.archive(
                    new byte[][] {config.getBytes(StandardCharsets.UTF_8), layer, manifest.getBytes(StandardCharsets.UTF_8)},
                    new String[] {"config.json", "layer.tar", "manifest.json"}));
        }
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A ustar archive of regular files, enough for a base image (Jib reads it with Commons Compress). */
    private static final class Tar {

        static byte[] archive(byte[][] contents, String[] names) throws IOException {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            for (int i = 0; i < names.length; i++) {
                out.write(header(names[i], contents[i].length));
                out.write(contents[i]);
                out.write(new byte[(512 - contents[i].length % 512) % 512]);
            }
            out.write(new byte[1024]);
            return out.toByteArray();
        }

        private static byte[] header(String name, long size) {
            byte[] h = new byte[512];
            put(h, 0, name);
            put(h, 100, "0000644");
            put(h, 108, "0000000");
            put(h, 116, "0000000");
            put(h, 124, String.format("%011o", size));
            put(h, 136, String.format("%011o", 0));
            h[156] = '0';
            put(h, 257, "ustar");
            put(h, 263, "00");
            for (int i = 148; i < 156; i++) {
                h[i] = ' ';
            }
            long sum = 0;
            for (byte b : h) {
                sum += b & 0xff;
            }
            put(h, 148, String.format("%06o", sum));
            h[154] = 0;
            return h;
        }

        private static void put(byte[] header, int at, String value) {
            byte[] bytes = value.getBytes(StandardCharsets.US_ASCII);
            System.arraycopy(bytes, 0, header, at, bytes.length);
        }
    }
}
