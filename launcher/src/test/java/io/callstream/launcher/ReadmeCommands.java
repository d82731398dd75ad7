package io.callstream.launcher;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The launcher's command lines as a Markdown document shows them: every {@code java -jar ...callstream.jar ...} in its
 * code blocks (continued lines joined) and inline code, cut out of what surrounds it in the same line
 * ({@code ./mvnw ... && java -jar ...}, {@code SIG=$(java -jar ...)}), with the variables set before it.
 */
final class ReadmeCommands {

    private static final Pattern INLINE_CODE = Pattern.compile("`([^`]+)`");
    private static final Pattern INVOCATION = Pattern.compile("java -jar \\S*callstream\\.jar");

    private ReadmeCommands() {
    }

    static List<String> in(String markdown) {
        Set<String> commands = new LinkedHashSet<>();
        for (String code : codeOf(markdown)) {
            if (INVOCATION.matcher(code).find()) {
                commands.add(command(code));
            }
        }
        return List.copyOf(commands);
    }

    /** Each line of a code block, continued lines joined, and each inline code span outside code blocks. */
    private static List<String> codeOf(String markdown) {
        List<String> code = new ArrayList<>();
        boolean inBlock = false;
        StringBuilder continued = new StringBuilder();
        for (String line : markdown.split("\n", -1)) {
            if (line.startsWith("```")) {
                inBlock = !inBlock;
                continue;
            }
            if (!inBlock) {
                Matcher inline = INLINE_CODE.matcher(line);
                while (inline.find()) {
                    code.add(inline.group(1));
                }
            } else if (line.endsWith("\\")) {
                continued.append(line, 0, line.length() - 1).append(' ');
            } else {
                code.add(continued.append(line).toString().replaceAll("\\s+", " ").trim());
                continued.setLength(0);
            }
        }
        return code;
    }

    /** The command that runs the jar: the part of a {@code &&} chain that does, or the inside of a {@code $(...)}. */
    private static String command(String code) {
        for (String part : code.split("&&")) {
            if (INVOCATION.matcher(part).find()) {
                code = part.trim();
            }
        }
        int java = code.indexOf("java -jar");
        int substitution = code.lastIndexOf("$(", java);
        if (substitution >= 0 && code.indexOf(')', substitution) > java) { // the jar runs inside this $(...)
            int depth = 0;
            for (int i = substitution + 1; i < code.length(); i++) {
                depth += code.charAt(i) == '(' ? 1 : code.charAt(i) == ')' ? -1 : 0;
                if (depth == 0) {
                    return code.substring(substitution + 2, i).trim();
                }
            }
        }
        return code.trim();
    }
}
