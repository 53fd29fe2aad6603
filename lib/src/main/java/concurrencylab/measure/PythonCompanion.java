package concurrencylab.measure;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import tech.tablesaw.api.Table;
import tech.tablesaw.io.csv.CsvReadOptions;

/**
 * Runs a Python program that measures the same workload as a notebook and reads its results as a
 * Tablesaw table, so Java and Python can be put side by side on the reader's machine.
 *
 * <pre>{@code
 * Optional<PythonCompanion> python = PythonCompanion.find();
 * if (python.isEmpty()) {
 *     System.out.println(PythonCompanion.MISSING);        // the notebook goes on without it
 * } else {
 *     Table pyRuns = python.get().run(Path.of("python/pattern1.py"), "--executor", "thread");
 * }
 * }</pre>
 *
 * <h2>The contract with the Python program</h2>
 * It prints its results to standard output as CSV with a header line (read with Tablesaw, which
 * infers column types), and anything meant for the reader, such as progress, to standard error,
 * which is forwarded line by line as it arrives. A non-zero exit status is an error that carries
 * the last lines of standard error.
 *
 * <h2>Stopping</h2>
 * An interrupt of the waiting thread (a notebook's stop button), or the time limit, ends the
 * Python process and every process it started (a {@code ProcessPoolExecutor}'s workers), then
 * throws. Instances are immutable and safe to share.
 */
public final class PythonCompanion {

    /** What a notebook prints when there is no Python: the comparison is skipped, nothing fails. */
    public static final String MISSING =
            "python3 is not on the PATH: the Python side of this comparison is skipped.";

    private static final Pattern VERSION = Pattern.compile("Python (\\d+)\\.(\\d+)\\S*");
    private static final int MIN_MINOR = 8; // Python 3.8: the oldest the companion programs use
    private static final int STDERR_TAIL_LINES = 20;

    private final String executable;
    private final String version;
    private final Duration timeout;
    private final PrintStream progress;

    private PythonCompanion(String executable, String version, Duration timeout, PrintStream progress) {
        this.executable = executable;
        this.version = version;
        this.timeout = timeout;
        this.progress = progress;
    }

    /** The first of {@code python3}, {@code python} on the PATH that is Python 3.8 or newer. */
    public static Optional<PythonCompanion> find() {
        return find("python3", "python");
    }

    /**
     * The first of the given executables (names looked up on the PATH, or paths) that is
     * Python 3.8 or newer, e.g. a free-threaded build: {@code find("python3.14t", "python3.13t")}.
     *
     * @throws IllegalArgumentException if no name is given or one is blank
     */
    public static Optional<PythonCompanion> find(String... executables) {
        if (executables.length == 0) {
            throw new IllegalArgumentException("name at least one Python executable, e.g. python3");
        }
        for (String candidate : executables) {
            if (candidate == null || candidate.isBlank()) {
                throw new IllegalArgumentException("a Python executable name must not be blank, got '" + candidate + "'");
            }
        }
        for (String candidate : executables) {
            Optional<String> version = versionOf(candidate);
            if (version.isPresent()) {
                return Optional.of(new PythonCompanion(candidate, version.get(), Duration.ofMinutes(10), System.err));
            }
        }
        return Optional.empty();
    }

    private static Optional<String> versionOf(String executable) {
        try {
            Process p = new ProcessBuilder(executable, "--version").redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
            if (!p.waitFor(30, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                return Optional.empty();
            }
            Matcher m = VERSION.matcher(out);
            if (p.exitValue() == 0 && m.find() && m.group(1).equals("3")
                    && Integer.parseInt(m.group(2)) >= MIN_MINOR) {
                return Optional.of(m.group().substring("Python ".length()));
            }
            return Optional.empty();
        } catch (IOException e) {
            return Optional.empty(); // not installed
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }

    /** The version, e.g. {@code 3.11.7}. */
    public String version() {
        return version;
    }

    /** This companion with another time limit per run (default 10 minutes). */
    public PythonCompanion withTimeout(Duration timeout) {
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("timeout must be positive, got " + timeout);
        }
        return new PythonCompanion(executable, version, timeout, progress);
    }

    /** This companion forwarding the program's standard error to {@code progress} (default System.err). */
    public PythonCompanion withProgress(PrintStream progress) {
        return new PythonCompanion(executable, version, timeout, progress);
    }

    /**
     * Runs {@code script} with {@code args} (unbuffered, working directory = the script's folder)
     * and returns the CSV it printed as a table named after the script.
     *
     * @throws IllegalArgumentException if the script does not exist
     * @throws IllegalStateException if it fails, times out or prints no CSV
     * @throws InterruptedException if the calling thread is interrupted (the process is ended)
     */
    public Table run(Path script, String... args) throws InterruptedException {
        if (!Files.isRegularFile(script)) {
            throw new IllegalArgumentException("no Python program at " + script.toAbsolutePath());
        }
        Path absolute = script.toAbsolutePath().normalize();
        List<String> command = new ArrayList<>(List.of(executable, "-u", absolute.toString()));
        command.addAll(List.of(args));
        Process process;
        try {
            process = new ProcessBuilder(command).directory(absolute.getParent().toFile()).start();
        } catch (IOException e) {
            throw new UncheckedIOException("could not start " + executable, e);
        }
        String name = absolute.getFileName().toString();
        Deque<String> stderrTail = new ArrayDeque<>();
        Thread errors = Thread.ofPlatform().daemon().name(name + "-stderr")
                .start(() -> forward(process.getErrorStream(), stderrTail));
        StringBuilder stdout = new StringBuilder();
        Thread output = Thread.ofPlatform().daemon().name(name + "-stdout")
                .start(() -> collect(process.getInputStream(), stdout));
        try {
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                destroyTree(process);
                throw new IllegalStateException(name + " did not finish within " + timeout.toSeconds() + " s");
            }
            output.join();
            errors.join();
        } catch (InterruptedException e) {
            destroyTree(process);
            throw e;
        }
        if (process.exitValue() != 0) {
            String tail;
            synchronized (stderrTail) {
                tail = String.join("\n", stderrTail);
            }
            throw new IllegalStateException(name + " failed with exit status " + process.exitValue()
                    + (tail.isEmpty() ? "" : ":\n" + tail));
        }
        String csv;
        synchronized (stdout) {
            csv = stdout.toString();
        }
        if (csv.isBlank()) {
            throw new IllegalStateException(name + " printed no results (expected CSV with a header line)");
        }
        return Table.read().csv(CsvReadOptions.builder(new StringReader(csv)).tableName(name));
    }

    private void forward(InputStream stream, Deque<String> tail) {
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(stream, StandardCharsets.UTF_8))) {
            for (String line; (line = reader.readLine()) != null; ) {
                progress.println(line);
                synchronized (tail) {
                    tail.addLast(line);
                    if (tail.size() > STDERR_TAIL_LINES) {
                        tail.removeFirst();
                    }
                }
            }
        } catch (IOException e) {
            // The process was ended: nothing more to forward.
        }
    }

    private static void collect(InputStream stream, StringBuilder into) {
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(stream, StandardCharsets.UTF_8))) {
            for (String line; (line = reader.readLine()) != null; ) {
                synchronized (into) {
                    into.append(line).append('\n');
                }
            }
        } catch (IOException e) {
            // The process was ended: what was read is all there is.
        }
    }

    /** Ends the process and its descendants (a process pool's workers would otherwise outlive it). */
    private static void destroyTree(Process process) {
        List<ProcessHandle> family = new ArrayList<>(process.descendants().toList());
        process.destroyForcibly();
        family.forEach(ProcessHandle::destroyForcibly);
        try {
            process.waitFor(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public String toString() {
        return "Python " + version + " (" + executable + ")";
    }
}
