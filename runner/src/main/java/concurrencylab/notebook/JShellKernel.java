package concurrencylab.notebook;

import concurrencylab.notebook.runtime.Display;
import jdk.jshell.DeclarationSnippet;
import jdk.jshell.Diag;
import jdk.jshell.EvalException;
import jdk.jshell.JShell;
import jdk.jshell.JShellException;
import jdk.jshell.Snippet;
import jdk.jshell.SnippetEvent;
import jdk.jshell.SourceCodeAnalysis;
import jdk.jshell.UnresolvedReferenceException;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * One notebook's JShell session, evaluating Java the way the JJava kernel does: cells compiled
 * for Java release 21, the kernel's default imports, source split into snippets with
 * {@link SourceCodeAnalysis#analyzeCompletion}, snippets run on one cell thread, and the value of
 * the last snippet (if it is an expression) as the result.
 *
 * <pre>{@code
 * try (JShellKernel kernel = new JShellKernel(Duration.ofSeconds(10))) {
 *     kernel.startCell(Duration.ofMinutes(10));
 *     Object result = kernel.eval("int x = 6;\n x * 7");   // 42
 * } // eval throws CellFailure for a compile error, an exception or a timeout
 * }</pre>
 *
 * <p>Not thread-safe: one thread evaluates, as a kernel's shell handler does.
 */
final class JShellKernel implements AutoCloseable {
    /** The ename of a cell stopped by its timeout. */
    static final String TIMEOUT_ENAME = "CellTimeout";

    /** The JJava kernel's default imports, plus its notebook functions. */
    static final String DEFAULT_IMPORTS = """
            import java.util.*;
            import java.io.*;
            import java.math.*;
            import java.net.*;
            import java.time.*;
            import java.util.concurrent.*;
            import java.util.prefs.*;
            import java.util.regex.*;
            import static concurrencylab.notebook.runtime.Display.display;
            import static concurrencylab.notebook.runtime.Display.render;
            import static concurrencylab.notebook.runtime.Display.printf;
            """;

    /** The release cells are compiled for: the tutorial's minimum Java. */
    static final String RELEASE = "21";

    private final CellThreadExecutionControl control;
    private final JShell shell;
    private final SourceCodeAnalysis analysis;
    private Duration currentTimeout = Duration.ZERO;

    JShellKernel(Duration interruptGrace) {
        SnippetLoaderDelegate loader = new SnippetLoaderDelegate();
        this.control = new CellThreadExecutionControl(loader, interruptGrace);
        // JShell compiles against java.class.path, read when it first compiles. Pointing it at the
        // notebook functions alone for that moment keeps the runner's own class path (Jackson,
        // picocli) out of the compiler's sight; %classpath entries are added on top of it.
        String runnerClassPath = System.getProperty("java.class.path");
        System.setProperty("java.class.path", runtimeApiLocation());
        try {
            this.shell = JShell.builder()
                    .executionEngine(control.provider(), java.util.Map.of())
                    .compilerOptions("--release", RELEASE)
                    .build();
            this.analysis = shell.sourceCodeAnalysis();
            startCell(Duration.ofMinutes(1));
            eval(DEFAULT_IMPORTS);
        } catch (CellFailure e) {
            throw new IllegalStateException("the default imports do not compile: " + e.error().summary());
        } finally {
            System.setProperty("java.class.path", runnerClassPath);
        }
    }

    private static String runtimeApiLocation() {
        try {
            return Path.of(Display.class.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
        } catch (URISyntaxException e) {
            throw new IllegalStateException("cannot locate the runner's classes", e);
        }
    }

    /** Starts the clock of a cell: every snippet evaluated from now on shares {@code timeout}. */
    void startCell(Duration timeout) {
        currentTimeout = timeout;
        control.startCell(timeout);
    }

    /** Adds a jar or class folder for both compiling and running later snippets. */
    void addToClasspath(Path path) {
        shell.addToClasspath(path.toAbsolutePath().toString());
    }

    /**
     * Evaluates Java source (one or more snippets) and returns the value of the last snippet when
     * it is an expression, else null.
     *
     * @throws CellFailure on a compile error, incomplete source, an exception or a timeout
     */
    Object eval(String source) throws CellFailure {
        Object last = null;
        SourceCodeAnalysis.CompletionInfo info = analysis.analyzeCompletion(source);
        while (info.completeness().isComplete()) {
            last = evalSnippet(info.source());
            info = analysis.analyzeCompletion(info.remaining());
        }
        if (info.completeness() != SourceCodeAnalysis.Completeness.EMPTY) {
            String rest = info.remaining().strip();
            List<String> traceback = new ArrayList<>(rest.lines().toList());
            traceback.add("Incomplete input: the cell ends inside a statement or declaration.");
            throw new CellFailure(new CellError("IncompleteSourceException", rest.lines().findFirst().orElse(""), traceback));
        }
        return last;
    }

    private Object evalSnippet(String source) throws CellFailure {
        List<SnippetEvent> events = shell.eval(source);
        Object result = null;
        for (SnippetEvent event : events) {
            if (event.status() == Snippet.Status.OVERWRITTEN) {
                continue;
            }
            String key = event.value();
            if (key == null) {
                continue;
            }
            Snippet.SubKind kind = event.snippet().subKind();
            Object value = kind.isExecutable() && control.hasResult(key) ? control.takeResult(key) : key;
            result = switch (kind) {
                case VAR_VALUE_SUBKIND, OTHER_EXPRESSION_SUBKIND, TEMP_VAR_EXPRESSION_SUBKIND -> value;
                default -> null;
            };
        }
        for (SnippetEvent event : events) {
            if (event.causeSnippet() != null) {
                continue;
            }
            JShellException thrown = event.exception();
            if (thrown != null) {
                throw new CellFailure(runtimeError(thrown));
            }
            if (!event.status().isDefined()) {
                throw new CellFailure(compileError(event.snippet()));
            }
        }
        return result;
    }

    private CellError runtimeError(JShellException thrown) {
        if (thrown instanceof EvalException eval && CellThreadExecutionControl.TIMEOUT_NAME.equals(eval.getExceptionClassName())) {
            List<String> traceback = new ArrayList<>();
            traceback.add("The cell's thread was interrupted after " + Durations.format(currentTimeout) + (control.lastTimeoutStopped()
                    ? " and stopped."
                    : " and did not stop within the grace period (it does not respond to interruption)."));
            return new CellError(TIMEOUT_ENAME, "timed out after " + Durations.format(currentTimeout), traceback);
        }
        if (thrown instanceof UnresolvedReferenceException unresolved) {
            DeclarationSnippet snippet = unresolved.getSnippet();
            List<String> traceback = new ArrayList<>(snippet.source().strip().lines().toList());
            String missing = shell.unresolvedDependencies(snippet).collect(Collectors.joining(", "));
            traceback.add("Unresolved dependencies: " + missing);
            return new CellError("UnresolvedReferenceException",
                    "'" + snippet.name() + "' cannot be used until " + missing + " is declared", traceback);
        }
        Throwable real = control.lastThrown();
        if (real != null) {
            return new CellError(real.getClass().getName(), String.valueOf(real.getMessage()), stackTrace(real));
        }
        String name = thrown instanceof EvalException eval ? eval.getExceptionClassName() : thrown.getClass().getName();
        return new CellError(name, String.valueOf(thrown.getMessage()), stackTrace(thrown));
    }

    /** The stack trace down to the cell's own frame: the runner's frames below it say nothing. */
    static List<String> stackTrace(Throwable thrown) {
        StringWriter text = new StringWriter();
        thrown.printStackTrace(new PrintWriter(text));
        List<String> lines = text.toString().lines().toList();
        int firstCause = lines.size();
        for (int i = 1; i < lines.size(); i++) {
            if (!lines.get(i).startsWith("\tat ") && !lines.get(i).startsWith("\t...")) {
                firstCause = i;
                break;
            }
        }
        int lastCellFrame = -1;
        for (int i = 0; i < firstCause; i++) {
            if (lines.get(i).startsWith("\tat REPL.")) {
                lastCellFrame = i;
            }
        }
        List<String> kept = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            if (lastCellFrame >= 0 && i > lastCellFrame && i < firstCause) {
                continue;
            }
            kept.add(lines.get(i));
        }
        return kept;
    }

    private CellError compileError(Snippet snippet) {
        List<String> traceback = new ArrayList<>();
        String source = snippet.source();
        List<Diag> diagnostics = shell.diagnostics(snippet).filter(Diag::isError).toList();
        String first = "";
        for (Diag diag : diagnostics) {
            traceback.addAll(markSpan(source, diag.getStartPosition(), diag.getEndPosition()));
            for (String line : diag.getMessage(null).lines().toList()) {
                if (!line.strip().startsWith("location:")) {
                    traceback.add(line);
                }
            }
            if (first.isEmpty()) {
                first = diag.getMessage(null).lines().findFirst().orElse("");
            }
            traceback.add("");
        }
        if (snippet instanceof DeclarationSnippet declaration) {
            List<String> missing = shell.unresolvedDependencies(declaration).toList();
            if (!missing.isEmpty()) {
                traceback.addAll(source.strip().lines().toList());
                traceback.add("Unresolved dependencies: " + String.join(", ", missing));
                if (first.isEmpty()) {
                    first = "unresolved dependencies: " + String.join(", ", missing);
                }
            }
        }
        if (traceback.isEmpty()) {
            traceback.addAll(source.strip().lines().toList());
            traceback.add("rejected by the compiler (status " + snippet.kind() + ")");
        }
        return new CellError("CompilationException", first, traceback);
    }

    /** The source lines a diagnostic points at, each followed by a {@code ^} marker under the span. */
    static List<String> markSpan(String source, long start, long end) {
        List<String> out = new ArrayList<>();
        if (start < 0 || end < 0 || start > source.length()) {
            out.addAll(source.strip().lines().toList());
            return out;
        }
        int from = (int) start;
        int to = (int) Math.max(Math.min(end, source.length()), start + 1);
        int lineStart = 0;
        for (String line : NotebookJson.splitLines(source)) {
            int lineEnd = lineStart + line.length();
            String bare = line.stripTrailing();
            if (from < lineEnd && to > lineStart) {
                out.add(bare);
                int markFrom = Math.max(from, lineStart) - lineStart;
                int markTo = Math.min(Math.min(to, lineEnd) - lineStart, Math.max(bare.length(), markFrom + 1));
                out.add(" ".repeat(markFrom) + "^".repeat(Math.max(1, markTo - markFrom)));
            }
            lineStart = lineEnd;
        }
        return out;
    }

    @Override
    public void close() {
        shell.close();
    }
}
