package concurrencylab.executor;

import java.util.concurrent.CompletableFuture;

/**
 * A future whose {@link #cancel} also cancels what it was made from ({@link EventLoop#gather}'s
 * inputs, {@link EventLoop#withTimeout}'s future). It is cancelled first, as {@code Future}'s
 * contract requires, then the hook runs. Dependent stages are plain {@code CompletableFuture}s.
 */
final class CancellingFuture<T> extends CompletableFuture<T> {

    private final Runnable onCancel;

    CancellingFuture(Runnable onCancel) {
        this.onCancel = onCancel;
    }

    @Override
    public boolean cancel(boolean mayInterruptIfRunning) {
        boolean wasDone = isDone();
        boolean cancelled = super.cancel(mayInterruptIfRunning); // true also when cancelled before
        if (cancelled && !wasDone) {
            onCancel.run();
        }
        return cancelled;
    }
}
