package concurrencylab.executor;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.AbstractExecutorService;
import java.util.concurrent.Callable;
import java.util.concurrent.Executors;
import java.util.concurrent.FutureTask;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RunnableFuture;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A fixed pool of worker threads that, when its GIL is enabled, must hold one shared
 * {@link Gil} to run task code: Python's {@code ThreadPoolExecutor} under the global interpreter
 * lock, in Java. Disabled, it is a plain fixed thread pool running the same tasks, like a
 * free-threaded Python ({@code python3.13t -X gil=0}).
 *
 * <pre>{@code
 * try (GilExecutor pool = GilExecutor.enabled(3)) {          // 3 threads, one GIL, 5 ms switch interval
 *     List<Future<BigInteger>> results = pool.invokeAll(Collections.nCopies(3, new SquaringRatioTask(2, 24)));
 * }                                                         // about as long as 1 thread: one runs at a time
 * try (GilExecutor pool = GilExecutor.disabled(3)) { ... }  // all cores, as a Java thread pool
 * GilExecutor pool = GilExecutor.builder().workers(2).switchInterval(Duration.ofMillis(1)).build();
 * }</pre>
 *
 * <p>A task takes the GIL when it starts and releases it when it ends; in between it gives it
 * up only where it calls {@link Gil#checkpoint()} or {@link Gil#blocking} (see {@link Gil}).
 * A task that never calls them runs to the end before any other task starts, as Python code
 * inside one long C call does. The library's CPU-bound workload
 * ({@link concurrencylab.workload.Squaring}) has a checkpoint before every squaring, and
 * {@link concurrencylab.workload.GlobalValue#readAfterSleep} sleeps through {@code Gil.blocking}.
 *
 * <p>Threads start as tasks arrive, up to {@code workers}, and are named
 * {@code gil-<pool>-<n>} (or {@code nogil-<pool>-<n>}). Shutdown, {@link #shutdownNow()}
 * (interrupts), {@link #close()} and cancellation behave as for a
 * {@link java.util.concurrent.ThreadPoolExecutor}; a task interrupted while waiting for the
 * GIL to start fails with {@link InterruptedException} without having run. A plain
 * {@link #execute(Runnable)} command interrupted that way is skipped.
 *
 * <p>Thread-safe; the pool's state lives in the {@link ThreadPoolExecutor} it wraps.
 */
public final class GilExecutor extends AbstractExecutorService {

    private static final AtomicInteger POOL_IDS = new AtomicInteger();

    private final int workers;
    private final Gil gil; // null: disabled
    private final ThreadPoolExecutor threads;

    private GilExecutor(int workers, boolean enabled, Duration switchInterval) {
        checkWorkers(workers);
        Gil.checkSwitchInterval(switchInterval);
        this.workers = workers;
        this.gil = enabled ? new Gil(switchInterval) : null;
        String prefix = (enabled ? "gil-" : "nogil-") + POOL_IDS.incrementAndGet() + "-";
        this.threads = new ThreadPoolExecutor(workers, workers, 0L, TimeUnit.MILLISECONDS,
                new LinkedBlockingQueue<>(), new Workers(prefix, gil));
    }

    /** A pool of {@code workers} threads sharing one GIL with CPython's 5 ms switch interval. */
    public static GilExecutor enabled(int workers) {
        return builder().workers(workers).build();
    }

    /** A pool of {@code workers} threads running the same tasks without a GIL. */
    public static GilExecutor disabled(int workers) {
        return builder().workers(workers).gilEnabled(false).build();
    }

    /** A builder: 1 worker, GIL enabled, switch interval {@link Gil#DEFAULT_SWITCH_INTERVAL}. */
    public static Builder builder() {
        return new Builder();
    }

    /** The number of worker threads. */
    public int workers() {
        return workers;
    }

    /** Whether the workers share a GIL. */
    public boolean gilEnabled() {
        return gil != null;
    }

    /** The switch interval, or {@link Duration#ZERO} when the GIL is disabled. */
    public Duration switchInterval() {
        return gil == null ? Duration.ZERO : gil.switchInterval();
    }

    /**
     * How many times a running task gave the GIL up at a checkpoint because another thread had
     * waited a switch interval for it (0 when disabled). Tasks starting, ending and blocking
     * pass the GIL on too; those are not counted here.
     */
    public long forcedSwitches() {
        return gil == null ? 0 : gil.forcedSwitches();
    }

    /** The GIL, or null when disabled; for tests. */
    Gil gil() {
        return gil;
    }

    @Override
    protected <T> RunnableFuture<T> newTaskFor(Callable<T> callable) {
        return gil == null ? new FutureTask<>(callable) : new GilTask<>(callable, gil);
    }

    @Override
    protected <T> RunnableFuture<T> newTaskFor(Runnable runnable, T value) {
        return newTaskFor(Executors.callable(runnable, value));
    }

    @Override
    public void execute(Runnable command) {
        if (command == null) {
            throw new NullPointerException("command");
        }
        threads.execute(gil == null || command instanceof GilTask<?> ? command : new GilCommand(command, gil));
    }

    @Override
    public void shutdown() {
        threads.shutdown();
    }

    @Override
    public List<Runnable> shutdownNow() {
        List<Runnable> pending = new ArrayList<>();
        for (Runnable r : threads.shutdownNow()) {
            pending.add(r instanceof GilCommand c ? c.command() : r);
        }
        return pending;
    }

    @Override
    public boolean isShutdown() {
        return threads.isShutdown();
    }

    @Override
    public boolean isTerminated() {
        return threads.isTerminated();
    }

    @Override
    public boolean awaitTermination(long timeout, TimeUnit unit) throws InterruptedException {
        return threads.awaitTermination(timeout, unit);
    }

    @Override
    public String toString() {
        return "GilExecutor[workers=" + workers + (gil == null ? ", GIL disabled" : ", GIL switch interval "
                + gil.switchInterval().toNanos() / 1e6 + " ms") + ", " + (isTerminated() ? "terminated"
                : isShutdown() ? "shutting down" : "running") + "]";
    }

    static void checkWorkers(int workers) {
        if (workers < 1) {
            throw new IllegalArgumentException("workers must be at least 1, got " + workers);
        }
    }

    /** A future whose task runs holding the GIL. */
    private static final class GilTask<T> extends FutureTask<T> {
        GilTask(Callable<T> callable, Gil gil) {
            super(() -> {
                gil.acquire(); // interrupted here: the future fails, the task never ran
                try {
                    return callable.call();
                } finally {
                    gil.release();
                }
            });
        }
    }

    /** A plain command (not a future) run holding the GIL. */
    private record GilCommand(Runnable command, Gil gil) implements Runnable {
        @Override
        public void run() {
            try {
                gil.acquire();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt(); // shutdownNow: skip the command, keep the status
                return;
            }
            try {
                command.run();
            } finally {
                gil.release();
            }
        }
    }

    /** Names the workers and binds each to the GIL. */
    private record Workers(String prefix, Gil gil, AtomicInteger count) implements ThreadFactory {
        Workers(String prefix, Gil gil) {
            this(prefix, gil, new AtomicInteger());
        }

        @Override
        public Thread newThread(Runnable r) {
            Runnable body = gil == null ? r : () -> {
                gil.bindToCurrentThread();
                r.run();
            };
            return new Thread(body, prefix + count.incrementAndGet());
        }
    }

    /** Configures a {@link GilExecutor}. Not thread-safe. */
    public static final class Builder {
        private int workers = 1;
        private boolean enabled = true;
        private Duration switchInterval = Gil.DEFAULT_SWITCH_INTERVAL;

        private Builder() {
        }

        /** Worker threads, at least 1 (default 1). */
        public Builder workers(int workers) {
            checkWorkers(workers);
            this.workers = workers;
            return this;
        }

        /** Whether the workers share a GIL (default true). */
        public Builder gilEnabled(boolean enabled) {
            this.enabled = enabled;
            return this;
        }

        /**
         * How long a thread waits for the GIL before asking the holder to give it up, between
         * {@link Gil#MIN_SWITCH_INTERVAL} and {@link Gil#MAX_SWITCH_INTERVAL} (default 5 ms).
         */
        public Builder switchInterval(Duration interval) {
            Gil.checkSwitchInterval(interval);
            this.switchInterval = interval;
            return this;
        }

        /** A new executor; the caller owns it and must close it. */
        public GilExecutor build() {
            return new GilExecutor(workers, enabled, switchInterval);
        }
    }
}
