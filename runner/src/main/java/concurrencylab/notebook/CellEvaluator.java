package concurrencylab.notebook;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Runs a code cell's source: Java through the {@link JShellKernel}, and the magics this runner
 * supports with JJava's meaning. Supported: {@code %classpath PATH_OR_GLOB...} (relative to the
 * notebook's folder; a path that matches nothing is ignored, as the kernel does) and
 * {@code %load FILE} (a {@code .jsh}/{@code .jshell} script, relative to the notebook's folder,
 * the extension optional). Every other magic fails the cell with a message that lists these, so
 * that a notebook that passes here needs nothing the runner alone has.
 *
 * <p>Not thread-safe: used by the thread that executes the notebook.
 */
final class CellEvaluator {
    static final String SUPPORTED_MAGICS = "%classpath and %load";
    private static final List<String> SCRIPT_EXTENSIONS = List.of("", ".jsh", ".jshell");
    private static final int MAX_LOAD_DEPTH = 16;

    private final JShellKernel kernel;
    private final Path notebookDir;
    private final PrintStream log;

    CellEvaluator(JShellKernel kernel, Path notebookDir, PrintStream log) {
        this.kernel = kernel;
        this.notebookDir = notebookDir;
        this.log = log;
    }

    /** Runs a cell; returns the value of its last step when that is a Java expression, else null. */
    Object run(String source) throws CellFailure {
        return run(source, 0);
    }

    private Object run(String source, int depth) throws CellFailure {
        Object last = null;
        for (CellSource.Step step : CellSource.parse(source)) {
            last = switch (step) {
                case CellSource.Java java -> kernel.eval(java.source());
                case CellSource.LineMagic magic -> lineMagic(magic, depth);
                case CellSource.CellMagic magic -> throw unsupported("%%" + magic.name(), magic.line());
            };
        }
        return last;
    }

    private Object lineMagic(CellSource.LineMagic magic, int depth) throws CellFailure {
        switch (magic.name()) {
            case "classpath" -> classpath(magic);
            case "load" -> load(magic, depth);
            default -> throw unsupported("%" + magic.name(), magic.line());
        }
        return null;   // JJava ends a magic with a statement: it is never a cell's result
    }

    private void classpath(CellSource.LineMagic magic) throws CellFailure {
        for (String glob : magic.args()) {
            List<Path> paths;
            try {
                paths = PathGlob.resolve(notebookDir, glob);
            } catch (IOException e) {
                throw magicError(magic, "cannot list the files of " + glob + ": " + e);
            }
            if (paths.isEmpty()) {
                log.println("  note: " + magic.line() + ": '" + glob + "' matches nothing under " + notebookDir
                        + " (ignored, as the kernel ignores it)");
            }
            paths.forEach(kernel::addToClasspath);
        }
    }

    private void load(CellSource.LineMagic magic, int depth) throws CellFailure {
        if (magic.args().size() != 1) {
            throw magicError(magic, "%load takes one file (a .jsh or .jshell script), got " + magic.args().size() + " arguments");
        }
        if (depth >= MAX_LOAD_DEPTH) {
            throw magicError(magic, "%load nested more than " + MAX_LOAD_DEPTH + " deep (does a script load itself?)");
        }
        Path given = notebookDir.resolve(magic.args().get(0)).normalize();
        List<String> tried = new ArrayList<>();
        for (String extension : SCRIPT_EXTENSIONS) {
            Path script = given.resolveSibling(given.getFileName() + extension);
            tried.add(script.toString());
            if (Files.isRegularFile(script)) {
                if (script.getFileName().toString().endsWith(".ipynb")) {
                    throw magicError(magic, "%load of a notebook is not supported by the notebook runner; load a .jsh or .jshell script");
                }
                try {
                    run(Files.readString(script), depth + 1);
                } catch (IOException e) {
                    throw magicError(magic, "cannot read " + script + ": " + e.getMessage());
                }
                return;
            }
        }
        throw magicError(magic, "no such script: tried " + String.join(", ", tried));
    }

    private static CellFailure unsupported(String magic, String line) {
        String message = magic + " is not supported by the notebook runner, which supports only " + SUPPORTED_MAGICS
                + " (with the JJava kernel's meaning), so that a notebook that passes here runs unchanged in JJava";
        return new CellFailure(new CellError("UnsupportedMagic", message, List.of(line, message)));
    }

    private static CellFailure magicError(CellSource.LineMagic magic, String message) {
        return new CellFailure(new CellError("MagicError", message, List.of(magic.line(), message)));
    }
}
