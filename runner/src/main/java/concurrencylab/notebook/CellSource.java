package concurrencylab.notebook;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A code cell's source split the way the JJava kernel reads it: a line that starts with
 * {@code %name} (after optional blanks) is a line magic, evaluated in its place among the Java
 * code around it; a cell whose first line starts with {@code %%name} is a cell magic.
 * Magic arguments are split at blanks, with double quotes grouping and backslash escaping.
 *
 * <pre>{@code
 * CellSource.parse("%classpath ../lib/target/*.jar\nimport concurrencylab.chart.*;")
 *   // [LineMagic(classpath, [../lib/target/*.jar]), Java("import concurrencylab.chart.*;")]
 * }</pre>
 */
final class CellSource {
    private static final Pattern LINE_MAGIC = Pattern.compile("^\\s*%(\\w.*?)\\s*$");
    private static final Pattern CELL_MAGIC = Pattern.compile("^%%(\\w.*?)\\s*$");

    /** One step of a cell, run in order. */
    sealed interface Step permits Java, LineMagic, CellMagic {
    }

    record Java(String source) implements Step {
    }

    record LineMagic(String name, List<String> args, String line) implements Step {
    }

    record CellMagic(String name, List<String> args, String line) implements Step {
    }

    private CellSource() {
    }

    static List<Step> parse(String source) {
        List<String> lines = NotebookJson.splitLines(source);
        List<Step> steps = new ArrayList<>();
        if (!lines.isEmpty()) {
            Matcher cell = CELL_MAGIC.matcher(lines.get(0).stripTrailing());
            if (cell.matches()) {
                List<String> words = split(cell.group(1));
                steps.add(new CellMagic(words.get(0), words.subList(1, words.size()), lines.get(0).strip()));
                return steps;
            }
        }
        StringBuilder java = new StringBuilder();
        for (String line : lines) {
            Matcher magic = LINE_MAGIC.matcher(line.stripTrailing());
            if (magic.matches()) {
                if (!java.toString().isBlank()) {
                    steps.add(new Java(java.toString()));
                }
                java.setLength(0);
                List<String> words = split(magic.group(1));
                steps.add(new LineMagic(words.get(0), words.subList(1, words.size()), line.strip()));
            } else {
                java.append(line);
            }
        }
        if (!java.toString().isBlank()) {
            steps.add(new Java(java.toString()));
        }
        return steps;
    }

    /** JJava's argument splitting: blanks separate, "..." groups, backslash escapes. */
    static List<String> split(String args) {
        List<String> words = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        boolean quoted = false;
        boolean escaped = false;
        for (char c : args.strip().toCharArray()) {
            if (escaped) {
                current.append(c);
                escaped = false;
            } else if (c == '\\') {
                escaped = true;
            } else if (c == '"') {
                if (quoted) {
                    words.add(current.toString());
                    current.setLength(0);
                }
                quoted = !quoted;
            } else if ((c == ' ' || c == '\t') && !quoted) {
                if (!current.isEmpty()) {
                    words.add(current.toString());
                    current.setLength(0);
                }
            } else {
                current.append(c);
            }
        }
        if (!current.isEmpty()) {
            words.add(current.toString());
        }
        return words;
    }
}
