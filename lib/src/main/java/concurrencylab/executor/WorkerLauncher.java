package concurrencylab.executor;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;

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
 * <p>Class-data sharing: see {@link ClassDataArchive}.
 *
 * <p>Thread-safe.
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
    private final ClassDataArchive archive; // null: no AppCDS
    private final AtomicBoolean dumping = new AtomicBoolean();

    WorkerLauncher(List<String> options, List<Path> classPath, boolean classDataSharing) {
        this.java = javaExecutable();
        this.options = List.copyOf(options);
        this.classPath = List.copyOf(classPath);
        this.archive = classDataSharing ? ClassDataArchive.forWorkers(java, this.options, this.classPath) : null;
    }

    /** A worker's command line, and the file it dumps a class-data archive into (or null). */
    record Launch(List<String> command, Path dumpFile) {}

    /**
     * The command for a new worker: with the class-data archive if it exists; if it does not,
     * the first worker asked for (one at a time per launcher) dumps one at exit.
     */
    Launch launch(String workerName) {
        List<String> cds = List.of();
        Path dump = null;
        if (archive != null) {
            if (archive.exists()) {
                cds = List.of("-XX:SharedArchiveFile=" + archive.path());
            } else if (dumping.compareAndSet(false, true)) {
                dump = archive.newDumpFile();
                if (dump != null) {
                    // the dump lists every class it skips (JFR events, ...) as a warning: not news
                    cds = List.of("-XX:ArchiveClassesAtExit=" + dump, "-Xlog:cds*=error:stderr");
                } else {
                    dumping.set(false);
                }
            }
        }
        return new Launch(command(workerName, cds), dump);
    }

    /** Called when the worker that dumped has exited. */
    void dumped(Path dumpFile) {
        archive.install(dumpFile);
        dumping.set(false);
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
        return command(workerName, List.of());
    }

    private List<String> command(String workerName, List<String> cds) {
        List<String> cmd = new ArrayList<>();
        cmd.add(java);
        cmd.addAll(FIXED_OPTIONS);
        cmd.addAll(cds);
        cmd.addAll(options);
        cmd.add("-cp");
        cmd.add(WorkerClassPath.join(classPath));
        cmd.add(WorkerMain.class.getName());
        cmd.add(workerName);
        return cmd;
    }
}
