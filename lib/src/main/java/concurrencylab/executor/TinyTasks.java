package concurrencylab.executor;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;

import concurrencylab.workload.Squaring;

/**
 * The article's "many tiny tasks" run ({@code y = 0}, {@code n = 3,000,000}): tasks whose work,
 * {@link Squaring#ratio}{@code (2, 0)} = 2 / 2, is so small that what is measured is the cost of
 * handing each one out and collecting its result.
 *
 * <pre>{@code
 * long done = TinyTasks.onEventLoop(loop, 3_000_000, 5);              // 3,000,000: one per task
 * try (ExecutorService pool = Executors.newFixedThreadPool(2)) {
 *     TinyTasks.onExecutor(pool, 3_000_000);
 * }
 * }</pre>
 *
 * Each method returns the sum of the results, which is {@code n} (every task returns 1), so a
 * caller can check that all the work was done. Tasks are created and collected in batches of
 * {@link #BATCH} so that memory stays small whatever {@code n} is; our Python program
 * ({@code notebooks/python/tiny_tasks.py}) does the same, so the two measure the same thing.
 *
 * <ul>
 *   <li>{@link #onEventLoop}: asyncio's way, as in the article's program: each task is a
 *       {@link LoopTask} that takes a permit of a {@link LoopSemaphore} of {@code maxWorkers},
 *       computes, and releases; each batch is {@link EventLoop#gather gathered}.</li>
 *   <li>{@link #onExecutor}: {@code ThreadPoolExecutor}'s way: each task is submitted to the
 *       executor (a fixed pool, or virtual threads) and its {@link Future} read in order.</li>
 * </ul>
 *
 * Both respond to interruption between batches and while waiting.
 */
public final class TinyTasks {

    /** Tasks created and collected at a time. */
    public static final int BATCH = 100_000;

    private static final Callable<BigInteger> TASK = () -> Squaring.ratio(2, 0);

    private TinyTasks() {
    }

    /**
     * Runs {@code n} tiny tasks on {@code loop} under a semaphore of {@code maxWorkers}, from a
     * thread other than the loop's, and returns the sum of their results ({@code n}).
     *
     * @throws IllegalArgumentException if {@code n < 0} or {@code maxWorkers < 1}
     * @throws IllegalStateException if called on the loop's own thread (it waits for the loop)
     * @throws InterruptedException if interrupted; the batch in progress is cancelled
     */
    public static long onEventLoop(EventLoop loop, int n, int maxWorkers) throws InterruptedException {
        checkCount(n);
        if (maxWorkers < 1) {
            throw new IllegalArgumentException("maxWorkers must be at least 1, got " + maxWorkers);
        }
        if (loop.inLoop()) {
            throw new IllegalStateException("onEventLoop waits for the loop: call it from another thread");
        }
        long sum = 0;
        for (int from = 0; from < n; from += BATCH) {
            int size = Math.min(BATCH, n - from);
            CompletableFuture<List<BigInteger>> batch = loop.submit(() -> startBatch(loop, size, maxWorkers))
                    .thenCompose(f -> f);
            sum += sum(getInterruptibly(batch));
        }
        return sum;
    }

    private static CompletableFuture<List<BigInteger>> startBatch(EventLoop loop, int size, int maxWorkers) {
        LoopSemaphore semaphore = new LoopSemaphore(loop, maxWorkers);
        List<LoopTask<BigInteger>> tasks = new ArrayList<>(size);
        for (int i = 0; i < size; i++) {
            tasks.add(loop.spawn(task -> semaphore.withPermit(task, () -> {
                try {
                    return CompletableFuture.completedFuture(TASK.call());
                } catch (Exception e) {
                    return CompletableFuture.failedFuture(e);
                }
            })));
        }
        return loop.gather(tasks);
    }

    /**
     * Submits {@code n} tiny tasks to {@code executor}, reads every result in order, and returns
     * their sum ({@code n}). The executor is not closed.
     *
     * @throws IllegalArgumentException if {@code n < 0}
     * @throws InterruptedException if interrupted; the batch in progress is cancelled
     */
    public static long onExecutor(ExecutorService executor, int n) throws InterruptedException, ExecutionException {
        checkCount(n);
        long sum = 0;
        List<Future<BigInteger>> futures = new ArrayList<>(Math.min(n, BATCH));
        for (int from = 0; from < n; from += BATCH) {
            int size = Math.min(BATCH, n - from);
            futures.clear();
            try {
                for (int i = 0; i < size; i++) {
                    futures.add(executor.submit(TASK));
                }
                for (Future<BigInteger> f : futures) {
                    sum += f.get().longValue();
                }
            } catch (InterruptedException | RuntimeException e) {
                futures.forEach(f -> f.cancel(true));
                throw e;
            }
        }
        return sum;
    }

    private static void checkCount(int n) {
        if (n < 0) {
            throw new IllegalArgumentException("n must be 0 or more, got " + n);
        }
    }

    private static long sum(List<BigInteger> values) {
        long sum = 0;
        for (BigInteger v : values) {
            sum += v.longValue();
        }
        return sum;
    }

    private static <T> T getInterruptibly(CompletableFuture<T> future) throws InterruptedException {
        try {
            return future.get();
        } catch (InterruptedException e) {
            future.cancel(false);
            throw e;
        } catch (ExecutionException e) {
            throw new IllegalStateException("a tiny task failed: " + e.getCause(), e.getCause());
        }
    }
}
