package concurrencylab.cli;

import java.io.OutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import concurrencylab.executor.EventLoop;
import concurrencylab.executor.TinyTasks;
import concurrencylab.measure.PythonCompanion;
import tech.tablesaw.api.Table;

/**
 * {@code bench tiny}: {@link TinyTasks} on the event loop, fixed pools of 1, 2 and 5 threads and
 * virtual threads, and our asyncio program of the same loop ({@code notebooks/python/tiny_tasks.py})
 * when Python 3 is on the PATH. One line per executor with microseconds per task (the median of
 * the timed runs, after a warm-up); the event loop's line ends with
 * {@code ratio=<asyncio time / event-loop time>}.
 *
 * <pre>
 * asyncio (Python 3.11.2): 14.021 us/task
 * event-loop: 0.512 us/task ratio=27.39
 * fixed-pool-1: 0.700 us/task
 * </pre>
 */
final class TinyBenchmark {

    static final int EVENT_LOOP_PERMITS = 5; // the article's default --max-workers
    static final String SCRIPT = "notebooks/python/tiny_tasks.py";

    private final PrintWriter out;
    private final int n;
    private final int repetitions;
    private final Path script; // null: look in the usual places

    TinyBenchmark(PrintWriter out, int n, int repetitions, Path script) {
        this.out = out;
        this.n = n;
        this.repetitions = repetitions;
        this.script = script;
    }

    void run() throws Exception {
        out.println(String.format(Locale.ROOT, "tiny tasks: n=%,d, median of %d timed run(s) after a warm-up, %d CPUs, Java %s",
                n, repetitions, Runtime.getRuntime().availableProcessors(), Runtime.version().feature()));
        double asyncio = asyncioMicros();
        double loop;
        try (EventLoop eventLoop = EventLoop.start()) {
            loop = median(() -> check(TinyTasks.onEventLoop(eventLoop, n, EVENT_LOOP_PERMITS)));
        }
        out.println(String.format(Locale.ROOT, "event-loop: %.3f us/task ratio=%s", loop,
                Double.isNaN(asyncio) ? "n/a" : String.format(Locale.ROOT, "%.2f", asyncio / loop)));
        for (int threads : new int[] {1, 2, 5}) {
            try (ExecutorService pool = Executors.newFixedThreadPool(threads)) {
                double micros = median(() -> check(TinyTasks.onExecutor(pool, n)));
                out.println(String.format(Locale.ROOT, "fixed-pool-%d: %.3f us/task", threads, micros));
            }
        }
        try (ExecutorService virtual = Executors.newVirtualThreadPerTaskExecutor()) {
            double micros = median(() -> check(TinyTasks.onExecutor(virtual, n)));
            out.println(String.format(Locale.ROOT, "virtual-threads: %.3f us/task", micros));
        }
    }

    /** Microseconds per task of our asyncio program, or NaN (with a line saying why) without it. */
    private double asyncioMicros() throws InterruptedException {
        Optional<PythonCompanion> python = PythonCompanion.find();
        if (python.isEmpty()) {
            out.println("asyncio: skipped, " + PythonCompanion.MISSING);
            return Double.NaN;
        }
        Optional<Path> program = findScript();
        if (program.isEmpty()) {
            out.println("asyncio: skipped, " + SCRIPT + " not found (run from the project's folder or give --python-script)");
            return Double.NaN;
        }
        Table runs = python.get().withProgress(new PrintStream(OutputStream.nullOutputStream()))
                .run(program.get(), "-n", String.valueOf(n), "--max-workers", String.valueOf(EVENT_LOOP_PERMITS),
                        "--repetitions", String.valueOf(repetitions));
        double micros = runs.numberColumn("us_per_task").median();
        out.println(String.format(Locale.ROOT, "asyncio (Python %s): %.3f us/task", python.get().version(), micros));
        return micros;
    }

    private Optional<Path> findScript() {
        if (script != null) {
            return Optional.of(script); // the command checked it exists
        }
        List<Path> candidates = new ArrayList<>(List.of(Path.of(SCRIPT), Path.of("..", SCRIPT)));
        try { // beside the jar: <project>/lib/target/concurrency-lab.jar
            Path jar = Path.of(TinyBenchmark.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            Path project = jar.getParent() == null || jar.getParent().getParent() == null ? null : jar.getParent().getParent().getParent();
            if (project != null) {
                candidates.add(project.resolve(SCRIPT));
            }
        } catch (URISyntaxException | SecurityException | NullPointerException e) {
            // no code source: the other places only
        }
        return candidates.stream().filter(Files::isRegularFile).findFirst();
    }

    private interface Body {
        void run() throws Exception;
    }

    /** Median microseconds per task of {@code repetitions} timed runs, after one warm-up run. */
    private double median(Body body) throws Exception {
        body.run(); // warm-up: the JIT compiles the paths the timed runs take
        double[] micros = new double[repetitions];
        for (int i = 0; i < repetitions; i++) {
            if (Thread.interrupted()) {
                throw new InterruptedException("bench tiny interrupted");
            }
            long start = System.nanoTime();
            body.run();
            micros[i] = (System.nanoTime() - start) / 1e3 / n;
        }
        Arrays.sort(micros);
        return repetitions % 2 == 1 ? micros[repetitions / 2]
                : (micros[repetitions / 2 - 1] + micros[repetitions / 2]) / 2;
    }

    private void check(long sum) {
        if (sum != n) {
            throw new IllegalStateException("expected " + n + " results of 1, got a sum of " + sum);
        }
    }
}
