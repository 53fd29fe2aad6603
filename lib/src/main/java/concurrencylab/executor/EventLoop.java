package concurrencylab.executor;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.PriorityQueue;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * What Python's asyncio is: many tasks, one thread. A single-threaded {@link Executor} for
 * {@link CompletableFuture} work, with timers that need no thread of their own, tasks that can
 * be cancelled at their await points, and the helpers asyncio programs reach for
 * ({@code gather}, {@code wait_for}, {@code sleep}; a semaphore is {@link LoopSemaphore}).
 *
 * <pre>{@code
 * try (EventLoop loop = EventLoop.start()) {
 *     LoopTask<String> hello = loop.spawn(task ->
 *             task.await(loop.sleep(Duration.ofSeconds(1)))      // asyncio.sleep(1): no thread waits
 *                 .thenApply(done -> "... World!"));
 *     System.out.println(hello.join());                           // join from outside the loop only
 * }   // close() ends the loop's thread
 * }</pre>
 *
 * <h2>One thread</h2>
 * Everything given to the loop runs on its one platform thread, in order: {@link #execute}
 * (asyncio's {@code call_soon}, or {@code call_soon_threadsafe} from other threads), the first
 * step of each {@link #spawn}ed task, and the timers of {@link #sleep} and {@link #withTimeout}.
 * Each turn of the loop takes the timers that are due (earliest deadline first, equal deadlines
 * in the order they were set), then runs the callbacks that are ready at that moment; callbacks
 * added meanwhile wait for the next turn, so a callback that keeps rescheduling itself cannot
 * starve timers. When nothing is ready the thread parks until the next deadline or new work.
 * A callback that computes for a long time holds up every other task, exactly as in asyncio.
 *
 * <p>Code running on the loop may use loop-confined objects ({@link LoopSemaphore}, a task's
 * {@link LoopTask#await}) without locks, because nothing else runs at the same time. Never
 * block the loop's thread: no {@code join()}, {@code get()} or {@code Thread.sleep} on it.
 * Attach dependent stages on the loop too: a stage attached from another thread to a future
 * that is already complete runs on that other thread, as with any {@code CompletableFuture}.
 *
 * <h2>Cancellation</h2>
 * {@link CompletableFuture#cancel} does not interrupt anything: it completes the future with a
 * {@link CancellationException}, and the stages that depend on it run with that exception.
 * The loop builds asyncio's cancellation from this: a {@link LoopTask} remembers the future it
 * is awaiting, and {@link LoopTask#cancel} cancels that future, so the task's own continuation
 * runs with the {@code CancellationException} at exactly that point, the counterpart of
 * {@code CancelledError} raised by an {@code await}. Cleanup belongs in {@code whenComplete}
 * or {@code exceptionally} stages ({@link #isCancellation} recognises the exception, wrapped
 * or not). A task that is cancelled before its first step never runs.
 *
 * <h2>What the JDK already has, and what this adds</h2>
 * {@link CompletableFuture#allOf} and {@link CompletableFuture#anyOf} wait for futures; use them.
 * {@link #gather} adds what {@code asyncio.gather} does beyond {@code allOf}: the results as a
 * list, failure as soon as one input fails, and cancelling the gathered future cancels every
 * input. {@link #withTimeout} is {@code asyncio.wait_for}: unlike
 * {@link CompletableFuture#orTimeout} its timer runs on the loop (so what follows runs there
 * too) and it cancels the future it gave up on. {@code asyncio.wait}'s "first completed" is
 * {@code anyOf} followed by a look at which futures are {@link CompletableFuture#isDone done}.
 *
 * <h2>Closing</h2>
 * {@link #close} refuses new work from other threads, cancels the pending timers (so tasks
 * asleep run their cleanup, as {@code asyncio.run} cancels what is left), runs what is ready
 * until nothing is, then ends the thread and waits for it. If the closing thread is interrupted
 * while waiting, the loop's thread is interrupted too (a long computation that checks
 * interruption then ends) and the wait goes on; the interrupt status is kept.
 *
 * <p>Thread-safe where stated: {@link #execute}, {@link #sleep}, {@link #spawn}, {@link #submit},
 * {@link #withTimeout}, {@link #time}, {@link #inLoop} and {@link #close} may be called from
 * any thread; everything else belongs to the loop's thread.
 */
public final class EventLoop implements Executor, AutoCloseable {

    private static final int OPEN = 0;
    private static final int CLOSING = 1;
    private static final int CLOSED = 2;

    private final Thread thread;
    private final long startNanos;

    // Work from other threads, handed over through a lock-free queue. The loop sets `parked`
    // before its last look at the inbox and parking; a sender that sees it set unparks the loop.
    private final ConcurrentLinkedQueue<Runnable> inbox = new ConcurrentLinkedQueue<>();
    private volatile boolean parked;
    // OPEN -> CLOSING (close called: no more work from other threads) -> CLOSED (thread done).
    private volatile int state = OPEN;

    // Confined to the loop's thread: what is ready to run, and the timers by deadline.
    private final ArrayDeque<Runnable> ready = new ArrayDeque<>();
    private final PriorityQueue<Timer> timers = new PriorityQueue<>();
    private long timerSequence;

    private EventLoop(String name) {
        this.startNanos = System.nanoTime();
        this.thread = Thread.ofPlatform().name(name).daemon(true).unstarted(this::runLoop);
    }

    /** A new loop whose thread is named {@code event-loop}, already running. */
    public static EventLoop start() {
        return start("event-loop");
    }

    /**
     * A new loop on a new platform thread with this name, already running. Close it.
     *
     * @throws IllegalArgumentException if the name is blank
     */
    public static EventLoop start(String threadName) {
        if (threadName == null || threadName.isBlank()) {
            throw new IllegalArgumentException("the loop's thread needs a non-blank name, got '" + threadName + "'");
        }
        EventLoop loop = new EventLoop(threadName);
        loop.thread.start();
        return loop;
    }

    /** Whether the calling thread is this loop's thread. */
    public boolean inLoop() {
        return Thread.currentThread() == thread;
    }

    /** The loop's thread (for tests and diagnostics: a notebook can show its name). */
    public Thread thread() {
        return thread;
    }

    /** Seconds since the loop started, from the monotonic clock: asyncio's {@code loop.time()}. */
    public double time() {
        return (System.nanoTime() - startNanos) / 1e9;
    }

    /**
     * Runs {@code command} on the loop, after what is already queued. From the loop's own thread
     * this is asyncio's {@code call_soon} (no synchronization at all); from any other thread it is
     * {@code call_soon_threadsafe}.
     *
     * @throws RejectedExecutionException from another thread once {@link #close} has begun
     */
    @Override
    public void execute(Runnable command) {
        Objects.requireNonNull(command, "command");
        if (inLoop()) {
            ready.addLast(command);
            return;
        }
        if (state != OPEN) {
            throw new RejectedExecutionException("the event loop is closed");
        }
        inbox.add(command);
        if (state == CLOSED && inbox.remove(command)) {
            // The loop ended between the check and the add, and did not take the command.
            throw new RejectedExecutionException("the event loop is closed");
        }
        if (parked) {
            LockSupport.unpark(thread);
        }
    }

    /**
     * A future completed on the loop with {@code supplier}'s value (or exception): asyncio's
     * {@code run_coroutine_threadsafe} for plain code.
     */
    public <T> CompletableFuture<T> submit(Supplier<? extends T> supplier) {
        Objects.requireNonNull(supplier, "supplier");
        return CompletableFuture.<T>supplyAsync(supplier::get, this);
    }

    /**
     * Starts a task: {@code body} runs on the loop in a later turn (asyncio's
     * {@code create_task}) and returns the stage the task's result comes from. The body receives
     * its own task so that it can {@link LoopTask#await} futures, which is what makes it
     * cancellable. See the class comment.
     *
     * @throws RejectedExecutionException from another thread once {@link #close} has begun
     */
    public <T> LoopTask<T> spawn(Function<LoopTask<T>, ? extends CompletionStage<T>> body) {
        Objects.requireNonNull(body, "body");
        LoopTask<T> task = new LoopTask<>(this);
        execute(() -> task.start(body));
        return task;
    }

    /**
     * A future that the loop completes after {@code delay}, holding no thread meanwhile:
     * asyncio's {@code sleep}. Cancelling it (on the loop) drops the timer. During
     * {@link #close} a new sleep is cancelled at once.
     *
     * @throws IllegalArgumentException if {@code delay} is null or negative
     * @throws RejectedExecutionException from another thread once {@link #close} has begun
     */
    public CompletableFuture<Void> sleep(Duration delay) {
        long nanos = checkDelay(delay, "delay");
        CompletableFuture<Void> wakeUp = new LoopFuture<>(this);
        schedule(nanos, wakeUp, () -> wakeUp.complete(null));
        return wakeUp;
    }

    /**
     * {@code asyncio.wait_for}: a future with {@code future}'s outcome, or, if that is not done
     * within {@code timeout}, {@code future} is cancelled (a {@link LoopTask} or a {@link #gather}
     * then cancels what it waits on, so their cleanup runs first) and the result fails with a
     * {@link TimeoutException}. Cancelling the result cancels {@code future} too.
     *
     * @throws IllegalArgumentException if {@code timeout} is null or negative
     */
    public <T> CompletableFuture<T> withTimeout(CompletableFuture<T> future, Duration timeout) {
        Objects.requireNonNull(future, "future");
        long nanos = checkDelay(timeout, "timeout");
        CancellingFuture<T> result = new CancellingFuture<>(() -> future.cancel(false));
        CompletableFuture<Void> timer = new CompletableFuture<>();
        // Set before the timer cancels `future`, so that its cancellation is reported as the timeout.
        AtomicBoolean timedOut = new AtomicBoolean();
        schedule(nanos, timer, () -> {
            if (timer.complete(null) && !future.isDone()) {
                timedOut.set(true);
                future.cancel(false); // its cleanup runs now, before the timeout is reported
                result.completeExceptionally(new TimeoutException("not done within " + timeout.toMillis() + " ms"));
            }
        });
        future.whenComplete((value, failure) -> {
            timer.cancel(false); // the timer stays queued until its deadline, then does nothing
            if (timedOut.get()) {
                return;
            }
            if (failure == null) {
                result.complete(value);
            } else {
                result.completeExceptionally(unwrap(failure));
            }
        });
        return result;
    }

    /**
     * {@code asyncio.gather}: the results of {@code futures} in their order, once all are done.
     * The result fails as soon as one of them fails, with that failure (the others go on, as in
     * asyncio). Cancelling the result cancels every future given, {@link LoopTask}s included.
     * For plain waiting without results, {@link CompletableFuture#allOf} is enough.
     */
    public <T> CompletableFuture<List<T>> gather(List<? extends CompletableFuture<? extends T>> futures) {
        List<CompletableFuture<? extends T>> inputs = List.copyOf(futures);
        CancellingFuture<List<T>> result = new CancellingFuture<>(() -> inputs.forEach(f -> f.cancel(false)));
        if (inputs.isEmpty()) {
            result.complete(List.of());
            return result;
        }
        @SuppressWarnings("unchecked")
        T[] values = (T[]) new Object[inputs.size()];
        // Inputs may complete on different threads: each writes its own slot, and the
        // decrement that reaches zero makes every slot visible to the thread that completes.
        AtomicInteger remaining = new AtomicInteger(inputs.size());
        for (int i = 0; i < inputs.size(); i++) {
            int index = i;
            inputs.get(i).whenComplete((value, failure) -> {
                if (failure != null) {
                    result.completeExceptionally(unwrap(failure));
                } else {
                    values[index] = value;
                    if (remaining.decrementAndGet() == 0) {
                        result.complete(Collections.unmodifiableList(Arrays.asList(values)));
                    }
                }
            });
        }
        return result;
    }

    /**
     * Whether {@code failure} is a cancellation, bare or wrapped in the
     * {@link CompletionException} or {@link ExecutionException} that dependent stages and
     * {@code get} add.
     */
    public static boolean isCancellation(Throwable failure) {
        return unwrap(failure) instanceof CancellationException;
    }

    /** {@code failure} without its {@link CompletionException} / {@link ExecutionException} wrappers. */
    static Throwable unwrap(Throwable failure) {
        Throwable t = failure;
        while ((t instanceof CompletionException || t instanceof ExecutionException) && t.getCause() != null) {
            t = t.getCause();
        }
        return t;
    }

    /**
     * Closes the loop as the class comment says and waits for its thread to end. Called on the
     * loop's own thread, it only asks the loop to stop after the current callback.
     */
    @Override
    public void close() {
        if (state == OPEN) {
            state = CLOSING;
        }
        if (inLoop()) {
            return;
        }
        LockSupport.unpark(thread);
        boolean interrupted = false;
        while (true) {
            try {
                thread.join();
                break;
            } catch (InterruptedException e) {
                interrupted = true;
                thread.interrupt();
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    /** Whether {@link #close} has been called. */
    public boolean isClosed() {
        return state != OPEN;
    }

    // ---- the loop ---------------------------------------------------------------------------

    private void runLoop() {
        try {
            while (state == OPEN) {
                turn(true);
            }
            // Closing: wake every sleeper with a cancellation, then run until nothing is left.
            while (!ready.isEmpty() || !inbox.isEmpty() || !timers.isEmpty()) {
                cancelTimers();
                turn(false);
            }
        } finally {
            state = CLOSED;
            // A command added just before the state changed is still run (see execute).
            for (Runnable r; (r = inbox.poll()) != null; ) {
                runSafely(r);
            }
        }
    }

    /** One turn: due timers, then the callbacks ready now; parks first if there is nothing. */
    private void turn(boolean mayPark) {
        drainInbox();
        if (ready.isEmpty() && mayPark) {
            park();
            drainInbox();
        }
        long now = System.nanoTime();
        while (!timers.isEmpty() && timers.peek().deadline - now <= 0) {
            ready.addLast(timers.poll().action);
        }
        for (int n = ready.size(); n > 0; n--) {
            runSafely(ready.pollFirst());
        }
    }

    private void park() {
        parked = true;
        try {
            if (!inbox.isEmpty() || state != OPEN) {
                return;
            }
            Timer next = timers.peek();
            while (next != null && next.future.isDone()) { // drop timers whose sleep was cancelled
                timers.poll();
                next = timers.peek();
            }
            if (next == null) {
                LockSupport.park(this);
            } else {
                long wait = next.deadline - System.nanoTime();
                if (wait > 0) {
                    LockSupport.parkNanos(this, wait);
                }
            }
        } finally {
            parked = false;
        }
        Thread.interrupted(); // an interrupt meant for a callback that has ended: not for the next one
    }

    private void drainInbox() {
        for (Runnable r; (r = inbox.poll()) != null; ) {
            ready.addLast(r);
        }
    }

    private void cancelTimers() {
        for (Timer t; (t = timers.poll()) != null; ) {
            t.future.cancel(false);
        }
    }

    private static void runSafely(Runnable callback) {
        try {
            callback.run();
        } catch (Throwable t) {
            // As asyncio logs "Exception in callback": report and keep the loop alive.
            Thread current = Thread.currentThread();
            Thread.UncaughtExceptionHandler handler = current.getUncaughtExceptionHandler();
            handler.uncaughtException(current, t);
        }
    }

    private void schedule(long delayNanos, CompletableFuture<?> future, Runnable action) {
        if (!inLoop()) {
            execute(() -> schedule(delayNanos, future, action));
            return;
        }
        if (state != OPEN) {
            future.cancel(false);
            return;
        }
        timers.add(new Timer(System.nanoTime() + delayNanos, timerSequence++, future, action));
    }

    private static long checkDelay(Duration delay, String what) {
        if (delay == null || delay.isNegative()) {
            throw new IllegalArgumentException(what + " must be zero or positive, got " + delay);
        }
        try {
            return delay.toNanos();
        } catch (ArithmeticException e) {
            return Long.MAX_VALUE / 4; // hundreds of years: never, in practice
        }
    }

    /**
     * A future that this library completes only on its loop's thread (a sleep, a semaphore's
     * waiter), so that {@link LoopTask#await} need not hop back to the loop for it.
     */
    static final class LoopFuture<T> extends CompletableFuture<T> {
        private final EventLoop loop;

        LoopFuture(EventLoop loop) {
            this.loop = loop;
        }

        boolean completesOn(EventLoop other) {
            return loop == other;
        }
    }

    /** A deadline and what to do then; equal deadlines keep the order they were set in. */
    private record Timer(long deadline, long sequence, CompletableFuture<?> future, Runnable action)
            implements Comparable<Timer> {
        @Override
        public int compareTo(Timer other) {
            int byDeadline = Long.compare(deadline - other.deadline, 0);
            return byDeadline != 0 ? byDeadline : Long.compare(sequence, other.sequence);
        }
    }

    @Override
    public String toString() {
        return "EventLoop[" + thread.getName() + (isClosed() ? ", closed]" : "]");
    }
}
