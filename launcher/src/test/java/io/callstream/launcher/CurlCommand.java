package io.callstream.launcher;

import java.net.URI;
import java.net.http.HttpRequest;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A printed curl command read back the way a POSIX shell splits it (single quotes only, which is all the launcher
 * prints), so that tests can check it is valid and send exactly what it sends.
 */
public record CurlCommand(String method, URI url, Map<String, String> headers, String body) {

    public static CurlCommand parse(String command) {
        List<String> words = shellWords(command.trim());
        if (words.isEmpty() || !words.get(0).equals("curl")) {
            throw new IllegalArgumentException("not a curl command: " + command);
        }
        String method = "GET";
        URI url = null;
        Map<String, String> headers = new LinkedHashMap<>();
        String body = null;
        for (int i = 1; i < words.size(); i++) {
            String word = words.get(i);
            if (word.equals("-s")) {
                continue;
            } else if (word.startsWith("-X")) {
                method = word.length() > 2 ? word.substring(2) : words.get(++i);
            } else if (word.equals("-H")) {
                String[] header = words.get(++i).split(":", 2);
                headers.put(header[0].trim(), header[1].trim());
            } else if (word.equals("-d")) {
                body = words.get(++i);
            } else if (word.startsWith("-")) {
                throw new IllegalArgumentException("unexpected option " + word + " in " + command);
            } else if (url == null) {
                url = URI.create(word);
            } else {
                throw new IllegalArgumentException("a second URL " + word + " in " + command);
            }
        }
        if (url == null) {
            throw new IllegalArgumentException("no URL in " + command);
        }
        return new CurlCommand(method, url, Map.copyOf(headers), body);
    }

    /** The query parameters, in order (values as written: the launcher prints nothing that needs decoding). */
    public Map<String, String> query() {
        Map<String, String> params = new LinkedHashMap<>();
        for (String pair : url.getRawQuery().split("&")) {
            String[] kv = pair.split("=", 2);
            params.put(kv[0], kv.length > 1 ? kv[1] : "");
        }
        return params;
    }

    public HttpRequest toRequest() {
        HttpRequest.Builder builder = HttpRequest.newBuilder(url)
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        headers.forEach(builder::header);
        return builder.build();
    }

    private static List<String> shellWords(String text) {
        List<String> words = new ArrayList<>();
        StringBuilder word = new StringBuilder();
        boolean inWord = false;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\'') {
                int end = text.indexOf('\'', i + 1);
                if (end < 0) {
                    throw new IllegalArgumentException("unterminated quote in " + text);
                }
                word.append(text, i + 1, end);
                i = end;
                inWord = true;
            } else if (c == ' ') {
                if (inWord) {
                    words.add(word.toString());
                    word.setLength(0);
                    inWord = false;
                }
            } else if ("\"\\$`;&|<>(){}*?!#~".indexOf(c) >= 0) {
                throw new IllegalArgumentException("unquoted shell character '" + c + "' in " + text);
            } else {
                word.append(c);
                inWord = true;
            }
        }
        if (inWord) {
            words.add(word.toString());
        }
        return words;
    }
}
