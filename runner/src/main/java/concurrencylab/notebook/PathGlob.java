package concurrencylab.notebook;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The path globs of JJava's {@code %classpath}: segments split at {@code /}, {@code *} matches
 * any characters within one segment, {@code ?} exactly one, {@code \*} and {@code \?} are
 * literal; a relative glob is resolved against the notebook's folder. A glob that matches
 * nothing gives an empty list, never an error (the kernel ignores such paths silently).
 *
 * <pre>{@code
 * PathGlob.resolve(notebookDir, "../lib/target/*.jar")   // [.../lib/target/concurrency-lab.jar]
 * }</pre>
 */
final class PathGlob {
    private PathGlob() {
    }

    static List<Path> resolve(Path baseDir, String glob) throws IOException {
        boolean absolute = glob.startsWith("/");
        String[] segments = glob.split("/+");
        Path base = absolute ? Path.of("/") : baseDir;
        int i = 0;
        for (; i < segments.length; i++) {
            if (segments[i].isEmpty()) {
                continue;
            }
            if (hasWildcard(segments[i])) {
                break;
            }
            base = base.resolve(unescape(segments[i]));
        }
        List<Path> matches = new ArrayList<>();
        if (i == segments.length) {
            if (Files.exists(base)) {
                matches.add(base.normalize());
            }
            return matches;
        }
        collect(base, segments, i, matches);
        matches.sort(null);
        return matches;
    }

    private static void collect(Path dir, String[] segments, int index, List<Path> into) throws IOException {
        if (!Files.isDirectory(dir)) {
            return;
        }
        boolean last = index == segments.length - 1;
        Pattern pattern = toRegex(segments[index]);
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir)) {
            for (Path entry : entries) {
                if (!pattern.matcher(entry.getFileName().toString()).matches()) {
                    continue;
                }
                if (last) {
                    into.add(entry.normalize());
                } else if (Files.isDirectory(entry)) {
                    collect(entry, segments, index + 1, into);
                }
            }
        }
    }

    private static boolean hasWildcard(String segment) {
        for (int i = 0; i < segment.length(); i++) {
            char c = segment.charAt(i);
            if (c == '\\') {
                i++;
            } else if (c == '*' || c == '?') {
                return true;
            }
        }
        return false;
    }

    private static String unescape(String segment) {
        return segment.replace("\\*", "*").replace("\\?", "?");
    }

    private static Pattern toRegex(String segment) {
        StringBuilder regex = new StringBuilder();
        for (int i = 0; i < segment.length(); i++) {
            char c = segment.charAt(i);
            if (c == '\\' && i + 1 < segment.length() && (segment.charAt(i + 1) == '*' || segment.charAt(i + 1) == '?')) {
                regex.append(Pattern.quote(String.valueOf(segment.charAt(++i))));
            } else if (c == '*') {
                regex.append(".*");
            } else if (c == '?') {
                regex.append('.');
            } else {
                regex.append(Pattern.quote(String.valueOf(c)));
            }
        }
        return Pattern.compile(regex.toString());
    }
}
