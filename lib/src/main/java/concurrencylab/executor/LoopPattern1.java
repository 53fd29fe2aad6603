package concurrencylab.executor;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.atomic.AtomicReference;

import concurrencylab.workload.Squaring;

/**
 * The article's asyncio version of pattern 1 on an {@link EventLoop}: {@code n} tasks, each
 * taking a permit of a {@link LoopSemaphore} of {@code maxWorkers} and computing
 * {@link Squaring#ratio}{@code (x, y)} (which is 1), gathered in order.
 *
 * <pre>{@code
 * try (EventLoop loop = EventLoop.start()) {
 *     List<BigInteger> ones = LoopPattern1.start(loop, 2, 20, 3, 5).join();
 * }
 * }</pre>
 *
 * As in the Python program, the computation itself never awaits: each task computes in one
 * piece on the loop's only thread, so the tasks run one after another whatever
 * {@code maxWorkers} is, and the total is {@code n} times one task. What the loop saves is the
 * coordination: no thread hand-offs, no locks. The computation checks for interruption between
 * squarings. To stop a run: cancel the returned future (the tasks still waiting for a permit
 * are cancelled) and close the loop from an interrupted thread (the computation in progress
 * sees the interrupt), as the command-line program does.
 */
public final class LoopPattern1 {

    private LoopPattern1() {
    }

    /**
     * Starts the tasks on {@code loop}; the future holds their results in order, and
     * cancelling it cancels the tasks that have not run yet.
     *
     * @throws IllegalArgumentException if {@code n < 0}, {@code maxWorkers < 1}, or
     *         {@code (x, y)} is refused by {@link Squaring#checkRatioFits(long, int)}
     */
    public static CompletableFuture<List<BigInteger>> start(EventLoop loop, long x, int y, int n, int maxWorkers) {
        check(x, y, n, maxWorkers);
        // The gather is made on the loop; cancelling the result cancels it, and so every task.
        AtomicReference<CompletableFuture<List<BigInteger>>> gathered = new AtomicReference<>();
        CancellingFuture<List<BigInteger>> result = new CancellingFuture<>(() -> {
            CompletableFuture<List<BigInteger>> all = gathered.get();
            if (all != null) {
                all.cancel(false);
            }
        });
        loop.execute(() -> {
            LoopSemaphore semaphore = new LoopSemaphore(loop, maxWorkers);
            List<LoopTask<BigInteger>> tasks = new ArrayList<>(n);
            for (int i = 0; i < n; i++) {
                tasks.add(loop.spawn(task -> semaphore.withPermit(task,
                        () -> CompletableFuture.completedFuture(ratio(x, y)))));
            }
            CompletableFuture<List<BigInteger>> all = loop.gather(tasks);
            gathered.set(all);
            if (result.isCancelled()) {
                all.cancel(false);
            }
            all.whenComplete((values, failure) -> {
                if (failure == null) {
                    result.complete(values);
                } else {
                    result.completeExceptionally(EventLoop.unwrap(failure));
                }
            });
        });
        return result;
    }

    /** Refuses bad arguments as {@link #start} does, without starting anything. */
    public static void check(long x, int y, int n, int maxWorkers) {
        if (n < 0) {
            throw new IllegalArgumentException("-n must be at least 0, got " + n);
        }
        if (maxWorkers < 1) {
            throw new IllegalArgumentException("--max-workers must be at least 1, got " + maxWorkers);
        }
        Squaring.checkRatioFits(x, y); // one task at a time: the heap holds one
    }

    private static BigInteger ratio(long x, int y) {
        try {
            return Squaring.ratio(x, y);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CompletionException(e);
        }
    }
}
