package concurrencylab.cli;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.IntFunction;

import concurrencylab.executor.GilExecutor;
import concurrencylab.executor.IsolateExecutor;
import concurrencylab.executor.ProcessPool;

/**
 * The article's {@code --executor} choice: a pool of threads in this JVM, or a pool of worker
 * processes; and the article's later sections: threads under a simulated GIL, the same threads
 * with the GIL disabled, and isolates (one class loader per worker). Parsed case-insensitively on
 * the command line ({@code thread}, {@code THREAD}, {@code nogil}).
 *
 * <pre>{@code
 * try (ExecutorService pool = ExecutorKind.THREAD.create(5)) {
 *     ...
 * }   // close() waits for the tasks, like Python's "with executor:"
 * }</pre>
 */
public enum ExecutorKind {

    /** {@link Executors#newFixedThreadPool}: threads start as tasks arrive, at most {@code maxWorkers}. */
    THREAD(true, Executors::newFixedThreadPool),

    /** {@link ProcessPool}: worker JVMs, the counterpart of Python's {@code ProcessPoolExecutor}. */
    PROCESS(false, ProcessPool::newPool),

    /**
     * {@link GilExecutor#enabled}: threads that must hold one simulated GIL to run, like
     * Python's {@code ThreadPoolExecutor}. Tasks interleave, so all of them share the heap at once.
     */
    GIL(true, GilExecutor::enabled),

    /** {@link GilExecutor#disabled}: the same threads without the GIL, like a free-threaded Python. */
    NOGIL(true, GilExecutor::disabled),

    /**
     * {@link IsolateExecutor}: threads of this JVM, each with its own class loader and statics,
     * like Python's subinterpreters. Still one heap: tasks and their copies share it.
     */
    ISOLATE(true, IsolateExecutor::newPool);

    private final boolean sharesHeap;
    private final IntFunction<ExecutorService> factory;

    ExecutorKind(boolean sharesHeap, IntFunction<ExecutorService> factory) {
        this.sharesHeap = sharesHeap;
        this.factory = factory;
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
        return factory.apply(maxWorkers);
    }
}
