package concurrencylab.cli;

import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;

import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** The {@code --max-workers} and {@code --executor} options every pattern command shares. */
final class ExecutorOptions {

    @Spec(Spec.Target.MIXEE)
    private CommandSpec spec;

    @Option(names = "--max-workers", paramLabel = "N", defaultValue = "5",
            description = "Most tasks running at once, 1 or more (default: ${DEFAULT-VALUE}).")
    private int maxWorkers;

    @Option(names = "--executor", paramLabel = "KIND", defaultValue = "process",
            description = "thread, process, gil, nogil or isolate (default: ${DEFAULT-VALUE}): a pool of threads"
                    + " in this JVM, of worker JVMs, of threads sharing a simulated GIL, of the same threads"
                    + " without it, or of isolates (a class loader each, own statics).")
    private ExecutorKind executor;

    /** Refuses bad values with a usage error, before any work starts. */
    void validate() {
        Checks.atLeast(spec, "--max-workers", maxWorkers, 1);
    }

    /**
     * How many tasks of a batch of {@code n} run at once in THIS JVM's heap: up to
     * {@code --max-workers} with threads, none with worker processes (they have their own).
     */
    int tasksSharingThisHeap(int n) {
        return executor.sharesHeap() ? Math.min(n, maxWorkers) : 0;
    }

    /**
     * Runs {@code tasks} on a new executor, prints each result in submission order, then the time
     * from the first submission to the last result, as the article's programs do.
     */
    <T> void runAndTime(List<? extends Callable<T>> tasks, PrintWriter out, int decimals) throws Exception {
        try (ExecutorService pool = createExecutor()) {
            long start = System.nanoTime();
            OrderedResults.forEachInOrder(OrderedResults.submitAll(pool, tasks), out::println);
            out.println(Elapsed.format(System.nanoTime() - start, decimals));
        }
    }

    /** A new executor; the caller closes it, and has called {@link #validate} first. */
    ExecutorService createExecutor() {
        return executor.create(maxWorkers);
    }
}
