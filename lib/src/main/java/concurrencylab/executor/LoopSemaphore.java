package concurrencylab.executor;

import java.util.ArrayDeque;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Supplier;

/**
 * asyncio's {@code Semaphore} for an {@link EventLoop}: {@link #acquire} returns a future
 * instead of blocking, and waiters get permits first come, first served.
 *
 * <pre>{@code
 * LoopSemaphore semaphore = new LoopSemaphore(loop, 2);
 * LoopTask<Long> square = loop.spawn(task ->
 *         semaphore.withPermit(task, () -> task.await(loop.sleep(Duration.ofSeconds(1)))
 *                                          .thenApply(woke -> 9L)));   // "async with semaphore:"
 * }</pre>
 *
 * <h2>Why release must always happen</h2>
 * A permit taken must be given back on every path, including when the task is cancelled while
 * holding it, or the permits leak and later tasks wait for ever. {@link #withPermit} does it
 * as {@code async with} does (or {@code try/finally} around {@code acquire}/{@code release}):
 * it releases when the body's stage completes, whatever the outcome, and does not release when
 * the acquisition itself was cancelled, because then no permit was taken.
 *
 * <h2>Fairness and cancellation</h2>
 * Permits go to waiters in the order they called {@code acquire}. {@link #release} hands the
 * permit to the first waiter still waiting and completes its future in a later turn of the
 * loop (asyncio's {@code call_soon}), so thousands of tasks passing a permit along never nest
 * on the stack. A waiter whose future was cancelled is skipped; if it is cancelled after being
 * chosen but before its turn, the permit moves on to the next waiter.
 *
 * <p>Not thread-safe, like asyncio's: every method must be called on the loop's thread, which
 * is what makes it lock-free. A call from another thread fails with
 * {@link IllegalStateException}.
 */
public final class LoopSemaphore {

    private final EventLoop loop;

    // Confined to the loop's thread: free permits, and the futures of tasks waiting for one.
    private int permits;
    private final ArrayDeque<CompletableFuture<Void>> waiters = new ArrayDeque<>();

    /**
     * @throws IllegalArgumentException if {@code permits} is negative
     */
    public LoopSemaphore(EventLoop loop, int permits) {
        this.loop = Objects.requireNonNull(loop, "loop");
        if (permits < 0) {
            throw new IllegalArgumentException("permits must be 0 or more, got " + permits);
        }
        this.permits = permits;
    }

    /**
     * A future completed when a permit is this caller's: already completed if one is free and
     * nobody waits. Cancel it (or the task awaiting it) to stop waiting; no permit is taken then.
     */
    public CompletableFuture<Void> acquire() {
        checkInLoop();
        dropCancelledHead();
        if (permits > 0 && waiters.isEmpty()) {
            permits--;
            return CompletableFuture.completedFuture(null);
        }
        CompletableFuture<Void> waiter = new EventLoop.LoopFuture<>(loop);
        waiters.addLast(waiter);
        return waiter;
    }

    /** Gives a permit back; the first waiter still waiting gets it in a later turn. */
    public void release() {
        checkInLoop();
        permits++;
        wakeWaiters();
    }

    /**
     * {@code async with semaphore:} for a task: awaits a permit, runs {@code body}, and releases
     * the permit when the body's stage completes, normally, exceptionally or by cancellation.
     */
    public <T> CompletableFuture<T> withPermit(LoopTask<?> task, Supplier<? extends CompletionStage<T>> body) {
        Objects.requireNonNull(body, "body");
        return task.await(acquire()).thenCompose(permit -> {
            CompletionStage<T> stage;
            try {
                stage = Objects.requireNonNull(body.get(), "the body returned null");
            } catch (RuntimeException | Error e) {
                release();
                throw e;
            }
            return stage.whenComplete((value, failure) -> release());
        });
    }

    /** Permits free now. */
    public int availablePermits() {
        checkInLoop();
        return permits;
    }

    /** Tasks waiting for a permit now (cancelled waiters not yet skipped included). */
    public int queueLength() {
        checkInLoop();
        return waiters.size();
    }

    private void wakeWaiters() {
        while (permits > 0) {
            dropCancelledHead();
            CompletableFuture<Void> next = waiters.pollFirst();
            if (next == null) {
                return;
            }
            permits--;
            loop.execute(() -> {
                if (!next.complete(null)) { // cancelled since it was chosen: pass the permit on
                    permits++;
                    wakeWaiters();
                }
            });
        }
    }

    private void dropCancelledHead() {
        while (!waiters.isEmpty() && waiters.peekFirst().isDone()) {
            waiters.pollFirst();
        }
    }

    private void checkInLoop() {
        if (!loop.inLoop()) {
            throw new IllegalStateException("a LoopSemaphore is used on its event loop's thread ("
                    + loop.thread().getName() + "), not on " + Thread.currentThread().getName());
        }
    }
}
