package concurrencylab.notebook;

import java.io.BufferedReader;
import java.io.File;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.function.Consumer;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Starts the JVM that executes one notebook, as a kernel is one JVM per notebook: the same
 * {@code java} as this one, this runner's class path only (never the library's), headless AWT,
 * the size mode as {@code -Dconcurrency.lab.mode} and {@code CONCURRENCY_LAB_MODE}, the
 * notebook's folder as working directory, no standard input; its output (progress lines and
 * messages) is passed on line by line.
 */
final class ChildJvm {
    static final String MODE_PROPERTY = "concurrency.lab.mode";
    static final String MODE_VARIABLE = "CONCURRENCY_LAB_MODE";

    private ChildJvm() {
    }

    /**
     * Runs {@code execute} for one notebook and returns its exit code; with {@code allowErrors}
     * the child records failing cells and goes on.
     */
    static int execute(Path notebook, Path executedCopy, String mode, Duration cellTimeout, Duration interruptGrace,
                       boolean allowErrors, Consumer<String> output) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-Djava.awt.headless=true");
        if (Runtime.version().feature() >= 24) {
            // Tablesaw's class scanner calls sun.misc.Unsafe, which JDK 24+ warns about on stderr.
            command.add("--sun-misc-unsafe-memory-access=allow");
        }
        command.add("-D" + MODE_PROPERTY + "=" + mode);
        command.add("-cp");
        command.add(absoluteClassPath());
        command.add(NotebookRunnerCli.class.getName());
        command.add("execute");
        command.add("--out=" + executedCopy.toAbsolutePath());
        command.add("--cell-timeout=" + cellTimeout.toMillis() + "ms");
        command.add("--interrupt-grace=" + interruptGrace.toMillis() + "ms");
        if (allowErrors) {
            command.add("--allow-errors");
        }
        command.add(notebook.toAbsolutePath().toString());

        ProcessBuilder builder = new ProcessBuilder(command)
                .directory(notebook.toAbsolutePath().getParent().toFile())
                .redirectErrorStream(true);
        builder.environment().put(MODE_VARIABLE, mode);
        Process process = builder.start();
        process.getOutputStream().close();   // a cell that reads System.in sees its end, not a hang
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                output.accept(line);
            }
            return process.waitFor();
        } catch (InterruptedException e) {
            process.destroyForcibly();
            throw e;
        }
    }

    /** The child runs in the notebook's folder, so a relative class path would not resolve there. */
    private static String absoluteClassPath() {
        return Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
                .filter(entry -> !entry.isBlank())
                .map(entry -> Path.of(entry).toAbsolutePath().normalize().toString())
                .collect(Collectors.joining(File.pathSeparator));
    }
}
