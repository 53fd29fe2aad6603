package concurrencylab.executor;

import java.util.Objects;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.Function;

/**
 * A task on an {@link EventLoop}, asyncio's {@code Task}: a future for the task's result that
 * can be cancelled at the point where the task waits. Made by {@link EventLoop#spawn}.
 *
 * <pre>{@code
 * LoopTask<Integer> task = loop.spawn(self ->
 *         self.await(loop.sleep(Duration.ofSeconds(1)))      // the await point
 *             .thenApply(woke -> 42)
 *             .whenComplete((v, e) -> {
 *                 if (EventLoop.isCancellation(e)) System.out.println("cancelled: cleaning up");
 *             }));
 * task.cancel(false);  // the sleep is cancelled; the continuation runs with a CancellationException
 * }</pre>
 *
 * <h2>Awaiting</h2>
 * {@link #await} marks a future as the one the task is waiting on and returns a future with the
 * same outcome that always completes on the loop's thread (hopping over when the awaited future
 * completes elsewhere, as asyncio's {@code wrap_future} does). Chain the rest of the task on
 * what it returns. A task awaits one future at a time; to wait for several, await their
 * {@link EventLoop#gather}.
 *
 * <h2>Cancelling</h2>
 * {@link #cancel} completes this future as cancelled at once (so {@code isCancelled()} is true
 * when it returns, as {@link java.util.concurrent.Future} requires), then, on the loop's thread,
 * cancels the future the task is awaiting. The task's continuation then runs with a
 * {@link CancellationException}, wrapped in a {@link java.util.concurrent.CompletionException}
 * by the stages in between ({@link EventLoop#isCancellation} sees through that): that is where
 * cleanup runs, as after asyncio's {@code CancelledError}. If the task is not awaiting anything
 * at that moment (its continuation is queued), the cancellation is delivered at its next
 * {@code await}. A task cancelled before its first step never runs. Nothing is interrupted:
 * a long computation inside a callback runs to its end. Called on the loop's thread the
 * cleanup has run when {@code cancel} returns; from another thread it runs on the loop soon
 * after. {@code mayInterruptIfRunning} is ignored, as by {@link CompletableFuture}.
 *
 * <p>Thread-safety: {@code cancel} and the future's methods may be used from any thread;
 * {@code await} only from the task's own continuation on the loop.
 */
public final class LoopTask<T> extends CompletableFuture<T> {

    private final EventLoop loop;

    // Confined to the loop's thread: the future the task waits on, and a cancellation that
    // found no such future and waits for the next await.
    private CompletableFuture<?> awaiting;
    private boolean cancellationPending;

    LoopTask(EventLoop loop) {
        this.loop = loop;
    }

    /** The loop the task runs on. */
    public EventLoop loop() {
        return loop;
    }

    /** Runs the body on the loop; the task's outcome is the outcome of the stage it returns. */
    void start(Function<LoopTask<T>, ? extends CompletionStage<T>> body) {
        if (isDone()) {
            return; // cancelled before its first step: it never runs, as in asyncio
        }
        CompletionStage<T> stage;
        try {
            stage = Objects.requireNonNull(body.apply(this), "the task's body returned null");
        } catch (Throwable t) {
            completeExceptionally(t);
            return;
        }
        stage.whenComplete((value, failure) -> {
            if (failure == null) {
                complete(value);
            } else {
                Throwable cause = EventLoop.unwrap(failure);
                if (cause instanceof CancellationException) {
                    super.cancel(false);
                } else {
                    completeExceptionally(cause);
                }
            }
        });
    }

    /**
     * Marks {@code future} as what this task waits on and returns a future with its outcome,
     * completed on the loop's thread. A pending cancellation is delivered here: {@code future}
     * is cancelled at once.
     *
     * @throws IllegalStateException if not called on the loop's thread
     */
    public <U> CompletableFuture<U> await(CompletableFuture<U> future) {
        Objects.requireNonNull(future, "future");
        if (!loop.inLoop()) {
            throw new IllegalStateException("await must be called on the event loop's thread (" + loop.thread().getName()
                    + "), not on " + Thread.currentThread().getName());
        }
        awaiting = future;
        if (cancellationPending) {
            cancellationPending = false;
            future.cancel(false);
        }
        if (future.isDone() || future instanceof EventLoop.LoopFuture<U> own && own.completesOn(loop)) {
            return future; // its dependents run on the loop: right here, or when the loop completes it
        }
        CompletableFuture<U> onLoop = new CompletableFuture<>();
        future.whenComplete((value, failure) -> {
            if (loop.inLoop()) {
                settle(onLoop, value, failure);
            } else {
                loop.execute(() -> settle(onLoop, value, failure));
            }
        });
        return onLoop;
    }

    private static <U> void settle(CompletableFuture<U> target, U value, Throwable failure) {
        if (failure == null) {
            target.complete(value);
        } else {
            target.completeExceptionally(failure);
        }
    }

    /** Cancels the task as the class comment says; false if it was already done. */
    @Override
    public boolean cancel(boolean mayInterruptIfRunning) {
        boolean wasDone = isDone();
        boolean cancelled = super.cancel(false); // true also when it was cancelled before
        if (cancelled && !wasDone) {
            if (loop.inLoop()) {
                deliverCancellation();
            } else {
                try {
                    loop.execute(this::deliverCancellation);
                } catch (RejectedExecutionException e) {
                    // The loop is closing: it cancels every pending timer itself.
                }
            }
        }
        return cancelled;
    }

    private void deliverCancellation() {
        CompletableFuture<?> waitingOn = awaiting;
        if (waitingOn != null && !waitingOn.isDone()) {
            waitingOn.cancel(false);
        } else {
            cancellationPending = true;
        }
    }
}
