package concurrencylab.executor;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The command line of a worker JVM: the caller's own {@code java}, the pool's JVM options, the
 * worker class path ({@link WorkerClassPath}) and {@link WorkerMain}.
 *
 * <p>Options always added, before the pool's own (which may override them):
 * <ul>
 *   <li>{@code -XX:+ExitOnOutOfMemoryError}: a worker that ran out of memory is in an unknown
 *       state; it exits (status 3), its task fails with {@link WorkerDiedException}, and the pool
 *       replaces it;</li>
 *   <li>{@code -XX:+DisplayVMOutputToStderr -Xlog:disable -Xlog:all=warning:stderr}: the JVM's
 *       own warnings go to standard error, never into the frames on standard output.</li>
 * </ul>
 *
 * <p>Immutable and thread-safe.
 */
final class WorkerLauncher {
    static final List<String> FIXED_OPTIONS = List.of(
            "-XX:+ExitOnOutOfMemoryError",
            "-XX:+DisplayVMOutputToStderr",
            "-Xlog:disable",
            "-Xlog:all=warning:stderr");

    private final String java;
    private final List<String> options;
    private final List<Path> classPath;

    WorkerLauncher(List<String> options, List<Path> classPath) {
        this.java = javaExecutable();
        this.options = List.copyOf(options);
        this.classPath = List.copyOf(classPath);
    }

    /** The {@code java} running this JVM: its command if that is a java launcher, else java.home's. */
    static String javaExecutable() {
        Optional<String> command = ProcessHandle.current().info().command();
        if (command.isPresent()) {
            Path p = Path.of(command.get());
            String file = p.getFileName().toString();
            if ((file.equals("java") || file.equals("java.exe")) && Files.isExecutable(p)) {
                return p.toString();
            }
        }
        Path home = Path.of(System.getProperty("java.home"), "bin",
                System.getProperty("os.name", "").startsWith("Windows") ? "java.exe" : "java");
        return home.toString();
    }

    List<Path> classPath() {
        return classPath;
    }

    List<String> command(String workerName) {
        List<String> cmd = new ArrayList<>();
        cmd.add(java);
        cmd.addAll(FIXED_OPTIONS);
        cmd.addAll(options);
        cmd.add("-cp");
        cmd.add(WorkerClassPath.join(classPath));
        cmd.add(WorkerMain.class.getName());
        cmd.add(workerName);
        return cmd;
    }
}
