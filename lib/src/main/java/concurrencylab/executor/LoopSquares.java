package concurrencylab.executor;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;

/**
 * The article's cancellation program on an {@link EventLoop}: {@code count} squares, at most
 * {@code permits} at a time under a {@link LoopSemaphore}, each "calculating" for {@code work}
 * (a loop sleep), all gathered under one timeout. Each square reports when it starts, finishes
 * or is cancelled, with the loop's clock:
 *
 * <pre>
 * Calculating square of 0, time: 0.004
 * Calculated square of 0, time: 1.005
 * Cancelled square of 6, time: 3.504
 * Timed out
 * </pre>
 *
 * <pre>{@code
 * try (EventLoop loop = EventLoop.start()) {
 *     LoopSquares.Report report = new LoopSquares(loop, 2, Duration.ofSeconds(1), System.out::println)
 *             .run(10, Duration.ofMillis(3500)).join();
 *     report.outcomes();   // 0-5 COMPLETED, 6-7 CANCELLED_WHILE_CALCULATING, 8-9 CANCELLED_BEFORE_STARTING
 * }
 * }</pre>
 *
 * <h2>Why the outcome is always the article's</h2>
 * The semaphore serves waiters in order, timers with equal deadlines fire in the order they
 * were set, and everything runs on one thread, so squares start in pairs, 0-1, 2-3, 4-5, 6-7,
 * one {@code work} apart. With 1 s of work and a 3.5 s timeout the timeout falls half-way
 * through the fourth pair: only a loop held up for half a second in total would change that.
 * Like the Python original, whose {@code except CancelledError} surrounds the whole
 * {@code async with}, squares cancelled while waiting for the semaphore print "Cancelled" too.
 *
 * <p>Each instance runs once. Lines are given to {@code out} on the loop's thread.
 */
public final class LoopSquares {

    /** What became of one square. */
    public enum Outcome {
        /** Calculated and returned. */
        COMPLETED,
        /** Cancelled while holding a permit, during its work. */
        CANCELLED_WHILE_CALCULATING,
        /** Cancelled while still waiting for the semaphore: its work never began. */
        CANCELLED_BEFORE_STARTING
    }

    /**
     * The outcome of a run.
     *
     * @param outcomes one per square, in order
     * @param timedOut whether the timeout ended the run ("Timed out")
     * @param squares the results when all completed in time, else empty
     */
    public record Report(List<Outcome> outcomes, boolean timedOut, List<Long> squares) {
    }

    private final EventLoop loop;
    private final int permits;
    private final Duration work;
    private final Consumer<String> out;

    // Confined to the loop's thread: whether each square has started its work.
    private boolean[] started;
    private boolean ran;

    /**
     * @throws IllegalArgumentException if {@code permits < 1} or {@code work} is null or negative
     */
    public LoopSquares(EventLoop loop, int permits, Duration work, Consumer<String> out) {
        this.loop = Objects.requireNonNull(loop, "loop");
        if (permits < 1) {
            throw new IllegalArgumentException("permits must be at least 1, got " + permits);
        }
        if (work == null || work.isNegative()) {
            throw new IllegalArgumentException("work must be zero or positive, got " + work);
        }
        this.permits = permits;
        this.work = work;
        this.out = Objects.requireNonNull(out, "out");
    }

    /**
     * Starts squares {@code 0..count-1} on the loop under {@code timeout}; the report comes when
     * every square has finished or been cancelled. Call it once.
     *
     * @throws IllegalArgumentException if {@code count < 0} or {@code timeout} is null or negative
     * @throws IllegalStateException if it was called before
     */
    public CompletableFuture<Report> run(int count, Duration timeout) {
        if (count < 0) {
            throw new IllegalArgumentException("count must be 0 or more, got " + count);
        }
        if (timeout == null || timeout.isNegative()) {
            throw new IllegalArgumentException("timeout must be zero or positive, got " + timeout);
        }
        synchronized (this) {
            if (ran) {
                throw new IllegalStateException("a LoopSquares runs once");
            }
            ran = true;
        }
        return loop.submit(() -> startAll(count, timeout)).thenCompose(f -> f);
    }

    private CompletableFuture<Report> startAll(int count, Duration timeout) {
        started = new boolean[count];
        Outcome[] outcomes = new Outcome[count];
        LoopSemaphore semaphore = new LoopSemaphore(loop, permits);
        List<LoopTask<Long>> tasks = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            int x = i;
            tasks.add(loop.spawn(task -> square(task, semaphore, x).whenComplete((value, failure) -> {
                if (failure == null) {
                    outcomes[x] = Outcome.COMPLETED;
                } else if (EventLoop.isCancellation(failure)) {
                    say("Cancelled square of " + x);
                    outcomes[x] = started[x] ? Outcome.CANCELLED_WHILE_CALCULATING : Outcome.CANCELLED_BEFORE_STARTING;
                }
            })));
        }
        return loop.withTimeout(loop.gather(tasks), timeout).handle((squares, failure) -> {
            if (failure != null && !(EventLoop.unwrap(failure) instanceof TimeoutException)) {
                throw new IllegalStateException("the squares failed: " + EventLoop.unwrap(failure), failure);
            }
            if (failure != null) {
                out.accept("Timed out");
            } else {
                out.accept(squares.toString());
            }
            return new Report(List.copyOf(Arrays.asList(outcomes)), failure != null,
                    failure == null ? List.copyOf(squares) : List.of());
        });
    }

    /** One square: "async with semaphore: calculate for a while". */
    private CompletableFuture<Long> square(LoopTask<Long> task, LoopSemaphore semaphore, int x) {
        return semaphore.withPermit(task, () -> {
            started[x] = true;
            say("Calculating square of " + x);
            long result = (long) x * x;
            return task.await(loop.sleep(work)).thenApply(woke -> {
                say("Calculated square of " + x);
                return result;
            });
        });
    }

    private void say(String what) {
        out.accept(String.format(Locale.ROOT, "%s, time: %.3f", what, loop.time()));
    }
}
