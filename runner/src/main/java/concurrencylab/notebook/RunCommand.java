package concurrencylab.notebook;

import com.fasterxml.jackson.databind.JsonNode;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

/**
 * {@code run}: executes notebooks one after another, each in its own JVM, writes the executed
 * copies under {@code --out} with the same relative paths as under {@code --root}, prints
 * progress and a summary, and exits 1 if any notebook failed. With {@code --allow-errors} a
 * failing cell does not stop its notebook (nbconvert's option of that name): the summary lists
 * each notebook's failed cells, marking check cells (nbgrader {@code grade: true}), and only a
 * notebook that could not be run at all counts as failed.
 *
 * <pre>
 * run                                        every notebook under notebooks/ -> build/notebooks/
 * run --mode quick notebooks/00_overview.ipynb
 * run --root notebooks --out /tmp/nb --allow-errors notebooks/exercises
 * </pre>
 */
@Command(name = "run", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Executes notebooks headless, each in its own JVM, and writes the executed copies.",
                "Executed copies: OUT/<path under ROOT>; images also as OUT/<path>_files/cellNN_K.png."})
final class RunCommand implements Callable<Integer> {

    @Parameters(paramLabel = "NOTEBOOK_OR_DIR", arity = "0..*",
            description = "Notebooks, or folders searched recursively for *.ipynb (skipping .ipynb_checkpoints). Default: ROOT.")
    List<Path> inputs = new ArrayList<>();

    @Option(names = "--root", defaultValue = "notebooks", paramLabel = "ROOT",
            description = "The folder the notebooks' relative paths are taken from (default: ${DEFAULT-VALUE}).")
    Path root;

    @Option(names = "--out", defaultValue = "build/notebooks", paramLabel = "OUT",
            description = "Where the executed copies go (default: ${DEFAULT-VALUE}).")
    Path out;

    @Option(names = "--mode", paramLabel = "quick|full",
            description = "Problem sizes: quick (seconds) or full. Default: $" + ChildJvm.MODE_VARIABLE + ", else full.")
    String mode;

    @Mixin
    CellOptions cellOptions;

    /**
     * One notebook's outcome, for the summary: {@code failure} is null when it ran to the end;
     * {@code failedCells} as {@link #failedCells} gives them.
     */
    record Outcome(Path relative, double seconds, String failure, List<String> failedCells) {
        boolean ok() {
            return failure == null;
        }
    }

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws IOException, InterruptedException {
        PrintWriter console = spec.commandLine().getOut();
        String sizes = resolveMode(mode, System.getenv(ChildJvm.MODE_VARIABLE));
        Duration timeout = Durations.parse(cellOptions.cellTimeout);
        Duration grace = Durations.parse(cellOptions.interruptGrace);
        Path rootDir = root.toAbsolutePath().normalize();
        List<Path> searched = inputs.isEmpty() ? List.of(root) : inputs;
        List<Path> notebooks = NotebookDiscovery.find(searched);
        if (notebooks.isEmpty()) {
            throw new IllegalArgumentException("no notebooks (*.ipynb) found in " + searched);
        }
        for (Path notebook : notebooks) {
            if (!notebook.startsWith(rootDir)) {
                throw new IllegalArgumentException("notebook " + notebook + " is not under --root " + rootDir
                        + ": executed copies keep the path relative to the root");
            }
        }

        console.printf(Locale.ROOT, "Running %d notebook(s), mode %s, cell timeout %s, executed copies in %s%n",
                notebooks.size(), sizes, Durations.format(timeout), out);
        List<Outcome> outcomes = new ArrayList<>();
        for (int i = 0; i < notebooks.size(); i++) {
            Path notebook = notebooks.get(i);
            Path relative = rootDir.relativize(notebook);
            Path copy = out.resolve(relative.toString()).toAbsolutePath().normalize();
            String tag = String.format(Locale.ROOT, "[%d/%d] %s", i + 1, notebooks.size(), relative);
            console.println(tag + " ...");
            console.flush();
            long start = System.nanoTime();
            Files.deleteIfExists(copy);   // a stale copy must not pass for this run's result
            int exit = ChildJvm.execute(notebook, copy, sizes, timeout, grace, cellOptions.allowErrors, line -> {
                console.println(line);
                console.flush();
            });
            double seconds = (System.nanoTime() - start) / 1e9;
            String failure = exit == 0 ? null : describeFailure(exit, copy);
            List<String> failedCells = exit == 0 && cellOptions.allowErrors ? failedCells(copy) : List.of();
            outcomes.add(new Outcome(relative, seconds, failure, failedCells));
            console.printf(Locale.ROOT, "%s %s in %.1f s%s%n", tag, exit == 0 ? "ok" : "FAILED", seconds,
                    failedCells.isEmpty() ? "" : ", " + failedCells.size() + " cell(s) failed (errors allowed)");
        }
        printSummary(console, outcomes, sizes);
        return outcomes.stream().allMatch(Outcome::ok) ? 0 : 1;
    }

    static String resolveMode(String option, String environment) {
        String value = option != null ? option : environment != null && !environment.isBlank() ? environment : "full";
        String normalized = value.strip().toLowerCase(Locale.ROOT);
        if (!normalized.equals("quick") && !normalized.equals("full")) {
            throw new IllegalArgumentException("invalid mode '" + value + "'" + (option == null ? " (from $" + ChildJvm.MODE_VARIABLE + ")" : "")
                    + ": use quick or full");
        }
        return normalized;
    }

    /** "cell N: ename: evalue" from the executed copy's first error output. */
    static String describeFailure(int exit, Path copy) {
        if (Files.isRegularFile(copy)) {
            try {
                List<FailedCell> failed = failedCellsOf(NotebookJson.read(copy));
                if (!failed.isEmpty()) {
                    return "cell " + failed.get(0).number() + ": " + failed.get(0).summary();
                }
            } catch (IOException e) {
                return "exit code " + exit + "; the executed copy is unreadable: " + e.getMessage();
            }
        }
        return "exit code " + exit + " without a failing cell (see the messages above)";
    }

    /**
     * Every failed cell of an executed copy, in order, as "cell N: ename: evalue", with
     * "cell N (check)" for a check cell (nbgrader {@code grade: true}).
     */
    static List<String> failedCells(Path copy) throws IOException {
        List<String> failed = new ArrayList<>();
        for (FailedCell cell : failedCellsOf(NotebookJson.read(copy))) {
            failed.add("cell " + cell.number() + (cell.check() ? " (check)" : "") + ": " + cell.summary());
        }
        return failed;
    }

    /** One error output of an executed copy: its cell's number (1-based), whether that is a check cell, "ename: evalue". */
    private record FailedCell(int number, boolean check, String summary) {
    }

    private static List<FailedCell> failedCellsOf(JsonNode executed) {
        List<FailedCell> failed = new ArrayList<>();
        JsonNode cells = executed.get("cells");
        for (int i = 0; i < cells.size(); i++) {
            for (JsonNode output : cells.get(i).path("outputs")) {
                if ("error".equals(output.path("output_type").asText())) {
                    CellError error = new CellError(output.path("ename").asText(), output.path("evalue").asText(), List.of());
                    failed.add(new FailedCell(i + 1, NotebookExecution.isCheckCell(cells.get(i)), error.summary()));
                }
            }
        }
        return failed;
    }

    private static void printSummary(PrintWriter console, List<Outcome> outcomes, String sizes) {
        console.println();
        console.println("Summary (mode " + sizes + "):");
        for (Outcome o : outcomes) {
            console.printf(Locale.ROOT, "  %-6s %7.1f s  %s%s%n", o.ok() ? "ok" : "FAILED", o.seconds(), o.relative(),
                    o.ok() ? "" : " -- " + o.failure());
            for (String cell : o.failedCells()) {
                console.println("           failed " + cell);
            }
        }
        long failed = outcomes.stream().filter(o -> !o.ok()).count();
        console.printf(Locale.ROOT, "Notebooks: %d ok, %d failed%n", outcomes.size() - failed, failed);
        console.flush();
    }
}
