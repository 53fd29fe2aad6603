package concurrencylab.notebook;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import concurrencylab.notebook.runtime.Display;
import concurrencylab.notebook.runtime.DisplayData;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.Locale;

/**
 * Executes one notebook in this JVM, top to bottom in one JShell session, and writes the
 * executed copy: the same cells, ids and metadata, with {@code execution_count} and outputs
 * filled in as a kernel run would. At the first failing cell the run stops (as
 * {@code jupyter nbconvert --execute} does); that cell gets an {@code error} output and later
 * cells are left unexecuted; with {@code allowErrors} (nbconvert's {@code --allow-errors}) the
 * failing cell's error is recorded and the run goes on with the next cell. Every {@code image/png} output is also written as a file into a
 * folder beside the copy: {@code b.ipynb} -> {@code b_files/cellNN_K.png} (NN = the cell's
 * 1-based position in the notebook, K = the image's number within that cell).
 *
 * <p>Once per JVM: it takes over {@code System.out}/{@code System.err} and installs the
 * notebook functions' session. Cell numbers in messages count every cell (markdown too), from 1.
 */
final class NotebookExecution {
    /** One failed cell: its 1-based number, whether it is a check cell (nbgrader grade), its error. */
    record FailedCell(int number, boolean check, CellError error) {
    }

    /** What happened: every failed cell in order (only the first, unless errors are allowed). */
    record Result(List<FailedCell> failures) {
        Result {
            failures = List.copyOf(failures);
        }

        boolean ok() {
            return failures.isEmpty();
        }
    }

    private final Path notebook;
    private final Path executedCopy;
    private final Duration cellTimeout;
    private final Duration interruptGrace;
    private final boolean allowErrors;
    private final MimeRenderer renderer = new MimeRenderer();
    /** The outputs of the cell now running; display() from any cell thread goes there. */
    private volatile CellOutputs running;

    NotebookExecution(Path notebook, Path executedCopy, Duration cellTimeout, Duration interruptGrace, boolean allowErrors) {
        this.notebook = notebook.toAbsolutePath().normalize();
        this.executedCopy = executedCopy.toAbsolutePath().normalize();
        this.cellTimeout = cellTimeout;
        this.interruptGrace = interruptGrace;
        this.allowErrors = allowErrors;
    }

    /** A check cell, in nbgrader's terms: {@code metadata.nbgrader.grade} is true. */
    static boolean isCheckCell(JsonNode cell) {
        return cell.path("metadata").path("nbgrader").path("grade").asBoolean(false);
    }

    /** Runs every code cell and writes the executed copy (and its images), failed or not. */
    Result run() throws IOException {
        ObjectNode document = NotebookJson.read(notebook);
        OutputCapture capture = OutputCapture.install();
        PrintStream log = capture.console();
        Display.install(new Display.Session() {
            @Override
            public DisplayData render(Object value) {
                return renderer.render(value);
            }

            @Override
            public void display(DisplayData data) {
                CellOutputs cell = running;
                if (cell == null) {
                    throw new IllegalStateException("display() called while no cell is running");
                }
                cell.display(data);
            }
        });

        ArrayNode cells = (ArrayNode) document.get("cells");
        List<FailedCell> failures = new ArrayList<>();
        try (JShellKernel kernel = new JShellKernel(interruptGrace)) {
            CellEvaluator evaluator = new CellEvaluator(kernel, notebook.getParent(), log);
            int executionCount = 0;
            for (int i = 0; i < cells.size(); i++) {
                if (!(cells.get(i) instanceof ObjectNode cell) || !"code".equals(cell.path("cell_type").asText())) {
                    continue;
                }
                String source = NotebookJson.text(cell.get("source"));
                if (!failures.isEmpty() && !allowErrors || source.isBlank()) {
                    // Not executed: after a failure, or empty (nbconvert skips empty cells too).
                    cell.putNull("execution_count");
                    cell.putArray("outputs");
                    continue;
                }
                executionCount++;
                int number = i + 1;
                long start = System.nanoTime();
                CellError error = runCell(kernel, evaluator, capture, cell, source, executionCount, number);
                double seconds = (System.nanoTime() - start) / 1e9;
                if (error == null) {
                    log.printf(Locale.ROOT, "  cell %d [%d] ok (%.1f s)%n", number, executionCount, seconds);
                } else {
                    boolean check = isCheckCell(cell);
                    log.printf(Locale.ROOT, "  cell %d [%d] FAILED%s (%.1f s): %s%n", number, executionCount,
                            check ? " (check cell)" : "", seconds, error.summary());
                    failures.add(new FailedCell(number, check, error));
                }
            }
        }
        writeImages(cells);
        NotebookJson.write(document, executedCopy);
        return new Result(failures);
    }

    private CellError runCell(JShellKernel kernel, CellEvaluator evaluator, OutputCapture capture, ObjectNode cell,
                              String source, int executionCount, int number) {
        CellOutputs outputs = new CellOutputs();
        CellError error = null;
        running = outputs;
        capture.begin(outputs);
        kernel.startCell(cellTimeout);
        try {
            Object value = evaluator.run(source);
            error = compilerCrash(outputs.streamText("stderr")).orElse(null);
            if (error == null && value != null) {
                outputs.executeResult(executionCount, renderer.render(value));
            }
        } catch (CellFailure failure) {
            error = failure.error();
            if (JShellKernel.TIMEOUT_ENAME.equals(error.ename())) {
                error = new CellError(error.ename(), "cell " + number + " " + error.evalue(), error.traceback());
            }
        } catch (RuntimeException e) {
            // The result's toString() or its PNG encoding threw: the kernel shows that as an error too.
            error = new CellError(e.getClass().getName(), String.valueOf(e.getMessage()), JShellKernel.stackTrace(e));
        } finally {
            capture.end();
            running = null;
        }
        if (error != null) {
            outputs.error(error);
        }
        cell.put("execution_count", executionCount);
        cell.set("outputs", outputs.toJson());
        return error;
    }

    /**
     * javac can crash on a snippet (e.g. JDK 25 on a {@code var} whose type is an intersection,
     * such as {@code var key = Map.of("a", "x", "b", 1)}, used in a later snippet). JShell then
     * prints the crash on standard error and reports the snippet as valid without running it, so
     * the cell would look fine while its code never ran. The kernel behaves the same; a reader at
     * least sees the trace there. Here the crash fails the cell.
     */
    static Optional<CellError> compilerCrash(String stderr) {
        int at = stderr.indexOf(COMPILER_CRASH);
        if (at < 0) {
            return Optional.empty();
        }
        List<String> trace = stderr.substring(at).lines().limit(12).toList();
        String cause = trace.stream().filter(l -> l.startsWith("java.lang.")).findFirst().orElse("see the trace");
        return Optional.of(new CellError("CompilerCrash",
                "the Java compiler crashed on this cell, so part of it did not run (" + cause + "); rewrite the"
                        + " snippet, e.g. give a var an explicit type", trace));
    }

    private static final String COMPILER_CRASH = "An exception has occurred in the compiler";

    /** Writes each image/png output beside the executed copy. */
    private void writeImages(ArrayNode cells) throws IOException {
        String stem = executedCopy.getFileName().toString().replaceFirst("\\.ipynb$", "");
        Path folder = executedCopy.resolveSibling(stem + "_files");
        deleteOldImages(folder);
        for (int i = 0; i < cells.size(); i++) {
            int image = 0;
            for (JsonNode output : cells.get(i).path("outputs")) {
                JsonNode png = output.path("data").path(MimeRenderer.IMAGE_PNG);
                if (png.isTextual()) {
                    Files.createDirectories(folder);
                    image++;
                    Path file = folder.resolve(String.format(Locale.ROOT, "cell%02d_%d.png", i + 1, image));
                    Files.write(file, Base64.getMimeDecoder().decode(png.asText()));
                }
            }
        }
    }

    /** A re-run must not leave the images of an earlier run beside the new copy. */
    private static void deleteOldImages(Path folder) throws IOException {
        if (!Files.isDirectory(folder)) {
            return;
        }
        List<Path> old = new ArrayList<>();
        try (var entries = Files.list(folder)) {
            entries.filter(p -> p.getFileName().toString().matches("cell\\d+_\\d+\\.png")).forEach(old::add);
        }
        for (Path p : old) {
            Files.delete(p);
        }
    }
}
