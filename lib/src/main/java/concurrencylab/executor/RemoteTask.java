package concurrencylab.executor;

import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.RunnableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A task of a {@link ProcessPool}: the user's task serialized at submission, and the future of
 * its result. Completion goes through a private {@link CompletableFuture}, so exactly one of
 * result, failure and cancellation wins; cancelling tells the pool, which removes the task from
 * its queue or interrupts the worker running it.
 *
 * <p>{@link #run()} exists for {@link ProcessPool#shutdownNow()}, whose list holds the tasks that
 * never reached a worker: running one runs the original task in the calling thread.
 */
final class RemoteTask<T> implements ProcessFuture<T>, RunnableFuture<T> {
    final long id;
    /** The user's Callable or Runnable, kept for {@link #run()}. */
    private final Object task;
    private final boolean fixedResult;
    private final T result;
    final AllowList allow;
    final ClassLoader loader;
    private final ProcessPool pool;
    private final CompletableFuture<T> outcome = new CompletableFuture<>();
    private final long bytesSent;

    /** The serialized task frame payload; dropped once written to the worker. Guarded by the pool's lock. */
    SerialCodec.Encoded payload;
    // Written by the pool under its lock, read by anyone.
    private volatile Worker worker;
    private volatile long bytesReceived;

    RemoteTask(long id, Object task, boolean fixedResult, T result, SerialCodec.Encoded payload, AllowList allow,
               ClassLoader loader, ProcessPool pool) {
        this.id = id;
        this.task = task;
        this.fixedResult = fixedResult;
        this.result = result;
        this.payload = payload;
        this.allow = allow;
        this.loader = loader;
        this.pool = pool;
        this.bytesSent = Frames.HEADER_BYTES + (long) payload.payloadLength();
    }

    void assigned(Worker w) {
        this.worker = w;
    }

    Worker worker() {
        return worker;
    }

    /** Completes with the value the worker returned; for a Runnable with a given result, that result. */
    @SuppressWarnings("unchecked")
    boolean succeed(Object value, long frameBytes) {
        bytesReceived = frameBytes;
        return outcome.complete(fixedResult ? result : (T) value);
    }

    boolean fail(Throwable cause, long frameBytes) {
        if (frameBytes > 0) {
            bytesReceived = frameBytes;
        }
        return outcome.completeExceptionally(cause);
    }

    /** Runs {@code action} (on the completing thread) once the task is done, however. */
    void whenDone(Runnable action) {
        outcome.whenComplete((v, e) -> action.run());
    }

    /** Runs {@code action} with the failure, unless the task succeeded or was cancelled. */
    void whenFailed(java.util.function.Consumer<Throwable> action) {
        outcome.whenComplete((v, e) -> {
            if (e != null && !(e instanceof java.util.concurrent.CancellationException)) {
                action.accept(e);
            }
        });
    }

    @Override
    public boolean cancel(boolean mayInterruptIfRunning) {
        boolean cancelled = outcome.cancel(mayInterruptIfRunning);
        if (cancelled) {
            pool.cancelled(this, mayInterruptIfRunning);
        }
        return cancelled;
    }

    @Override
    public boolean isCancelled() {
        return outcome.isCancelled();
    }

    @Override
    public boolean isDone() {
        return outcome.isDone();
    }

    @Override
    public T get() throws InterruptedException, ExecutionException {
        watchBriefly(Spin.WATCH_NANOS);
        return unwrap(outcome::get);
    }

    @Override
    public T get(long timeout, TimeUnit unit) throws InterruptedException, ExecutionException, TimeoutException {
        watchBriefly(Math.min(Spin.WATCH_NANOS, unit.toNanos(timeout)));
        return unwrapTimed(() -> outcome.get(timeout, unit));
    }

    /**
     * Watches for the outcome for up to {@code nanos} before {@code get} parks, reading the
     * worker's frames itself where it can ({@link Worker#watch}, {@link FrameReader}). A small
     * task's result arrives within microseconds; a thread parked in {@code get} would then be
     * woken by the pool's reader thread, itself woken by the kernel, and on a virtual machine
     * each wake-up can cost more than the whole trip. Only on a machine with more than one
     * processor, where the worker can run meanwhile; an interrupt ends the watch at once (the
     * wait that follows then throws).
     */
    private void watchBriefly(long nanos) {
        if (!Spin.WORTH_WATCHING || outcome.isDone()) {
            return;
        }
        long deadline = System.nanoTime() + nanos;
        while (!outcome.isDone() && deadline - System.nanoTime() > 0 && !Thread.currentThread().isInterrupted()) {
            Worker w = worker;
            if (w != null) {
                w.watch(outcome::isDone, deadline);
            } else {
                Thread.yield(); // still queued
            }
        }
    }

    private interface Get<T> {
        T get() throws InterruptedException, ExecutionException, TimeoutException;
    }

    private T unwrap(Get<T> g) throws InterruptedException, ExecutionException {
        try {
            return unwrapTimed(g);
        } catch (TimeoutException e) {
            throw new AssertionError(e);
        }
    }

    /** Rewrites CompletableFuture's "ExecutionException: cause.toString()" into a message naming the worker. */
    private T unwrapTimed(Get<T> g) throws InterruptedException, ExecutionException, TimeoutException {
        try {
            return g.get();
        } catch (ExecutionException e) {
            Worker w = worker;
            String where = w == null ? "the process pool" : w.name + (w.pid() > 0 ? " (pid " + w.pid() + ")" : "");
            throw new ExecutionException("task " + id + " failed in " + where + ": " + e.getCause(), e.getCause());
        }
    }

    @Override
    public long bytesSent() {
        return bytesSent;
    }

    @Override
    public long bytesReceived() {
        return bytesReceived;
    }

    @Override
    public String workerName() {
        Worker w = worker;
        return w == null ? null : w.name;
    }

    @Override
    @SuppressWarnings("unchecked")
    public void run() {
        if (outcome.isDone()) {
            return;
        }
        try {
            if (task instanceof Callable<?> c) {
                outcome.complete((T) c.call());
            } else {
                ((Runnable) task).run();
                outcome.complete(fixedResult ? result : null);
            }
        } catch (Throwable t) {
            outcome.completeExceptionally(t);
        }
    }

    @Override
    public String toString() {
        String state = outcome.isCancelled() ? "cancelled" : outcome.isCompletedExceptionally() ? "failed"
                : outcome.isDone() ? "done" : worker != null ? "running in " + worker.name : "queued";
        return "task " + id + " (" + task.getClass().getName() + ", " + state + ")";
    }
}
