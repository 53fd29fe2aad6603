package concurrencylab.cli;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import concurrencylab.executor.ProcessPool;

/**
 * The article's {@code --executor} choice: a pool of threads in this JVM, or a pool of worker
 * processes. Parsed case-insensitively on the command line ({@code thread}, {@code THREAD}).
 *
 * <pre>{@code
 * try (ExecutorService pool = ExecutorKind.THREAD.create(5)) {
 *     ...
 * }   // close() waits for the tasks, like Python's "with executor:"
 * }</pre>
 */
public enum ExecutorKind {

    /** {@link Executors#newFixedThreadPool}: threads start as tasks arrive, at most {@code maxWorkers}. */
    THREAD(true) {
        @Override
        ExecutorService createChecked(int maxWorkers) {
            return Executors.newFixedThreadPool(maxWorkers);
        }
    },

    /** {@link ProcessPool}: worker JVMs, the counterpart of Python's {@code ProcessPoolExecutor}. */
    PROCESS(false) {
        @Override
        ExecutorService createChecked(int maxWorkers) {
            return ProcessPool.newPool(maxWorkers);
        }
    };

    private final boolean sharesHeap;

    ExecutorKind(boolean sharesHeap) {
        this.sharesHeap = sharesHeap;
    }

    /**
     * Whether the tasks run in this JVM and so share its heap: then tasks running at once
     * must fit in it together, whereas each worker JVM has a heap of its own.
     */
    public boolean sharesHeap() {
        return sharesHeap;
    }

    /**
     * A new executor of this kind running at most {@code maxWorkers} tasks at once. The caller
     * owns it and must close it.
     *
     * @throws IllegalArgumentException if {@code maxWorkers < 1}, or this kind cannot be created
     */
    public ExecutorService create(int maxWorkers) {
        if (maxWorkers < 1) {
            throw new IllegalArgumentException("--max-workers must be at least 1, got " + maxWorkers);
        }
        return createChecked(maxWorkers);
    }

    abstract ExecutorService createChecked(int maxWorkers);
}
