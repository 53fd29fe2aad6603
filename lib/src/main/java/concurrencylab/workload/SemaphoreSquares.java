package concurrencylab.workload;

import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The article's cancellation demo: squares computed at most N at a time under a semaphore,
 * each "working" for a while and saying when it starts, finishes or is cancelled.
 *
 * <pre>{@code
 * var squares = new SemaphoreSquares(new Semaphore(2, true), Duration.ofSeconds(1), System.out);
 * try (var pool = Executors.newVirtualThreadPerTaskExecutor()) {
 *     SemaphoreSquares.Outcome o = squares.runWithTimeout(pool, 10, Duration.ofMillis(3500));
 *     o.completed();                   // [0, 1, 2, 3, 4, 5]
 *     o.cancelledWhileCalculating();   // [6, 7]
 *     o.cancelledBeforeStarting();     // [8, 9]
 * }
 * }</pre>
 * With the article's numbers, squares 0 to 5 complete, 6 and 7 are cancelled while working,
 * and 8 and 9 are cancelled while still waiting for the semaphore: like the Python original,
 * which catches the cancellation around the whole {@code async with}, they print
 * "Cancelled" without ever printing "Calculating".
 *
 * <p>Lines printed, one per event, {@code x} being the argument:
 * <pre>
 * Calculating square of x
 * Calculated square of x
 * Cancelled square of x
 * </pre>
 * Cancellation is Java's: {@code Future.cancel(true)} interrupts the thread, the waiting
 * ends in {@link InterruptedException}, the permit (if taken) is released in {@code finally},
 * and the exception is rethrown, as the original re-raises {@code CancelledError}.
 *
 * <p>{@link #runWithTimeout} tells which squares were calculating <em>when the time ran
 * out</em>. Telling it from the printed lines after cancelling is wrong: cancelling a working
 * square releases its permit, and a waiting square may take it and print "Calculating" before
 * its own cancellation reaches it ({@code invokeAll} with a timeout cancels one task after the
 * other).
 *
 * <p>Thread-safe: the fields are final and the semaphore, stream and set of working squares
 * are themselves safe to share; each call's lines are printed whole (a {@link PrintStream}
 * locks per {@code println}).
 */
public final class SemaphoreSquares {

    /** The article's one second of simulated work. */
    public static final Duration DEFAULT_WORK = Duration.ofSeconds(1);

    private final Semaphore semaphore;
    private final Duration work;
    private final PrintStream out;
    /** The squares holding a permit right now. */
    private final Set<Integer> working = ConcurrentHashMap.newKeySet();

    /**
     * @param semaphore limits how many squares work at once (the article uses two permits)
     * @param work how long each square pretends to work
     * @param out where the lines go
     * @throws IllegalArgumentException if {@code work} is null or negative
     * @throws NullPointerException if {@code semaphore} or {@code out} is null
     */
    public SemaphoreSquares(Semaphore semaphore, Duration work, PrintStream out) {
        this.semaphore = Objects.requireNonNull(semaphore, "semaphore");
        this.work = Durations.checkNonNegative(work, "work");
        this.out = Objects.requireNonNull(out, "out");
    }

    /** With {@link #DEFAULT_WORK} and {@code System.out}. */
    public SemaphoreSquares(Semaphore semaphore) {
        this(semaphore, DEFAULT_WORK, System.out);
    }

    /**
     * Takes a permit, works for the configured duration, and returns {@code x * x}.
     *
     * @throws InterruptedException if interrupted while waiting for a permit or working;
     *         "Cancelled square of x" is printed first
     */
    public long square(int x) throws InterruptedException {
        boolean acquired = false;
        try {
            semaphore.acquire();
            acquired = true;
            working.add(x);
            out.println("Calculating square of " + x);
            long result = (long) x * x;
            Thread.sleep(work);
            out.println("Calculated square of " + x);
            return result;
        } catch (InterruptedException e) {
            out.println("Cancelled square of " + x);
            throw e;
        } finally {
            if (acquired) {
                working.remove(x);
                semaphore.release();
            }
        }
    }

    /**
     * What {@link #runWithTimeout} saw: the squares that completed, those cancelled while
     * calculating (they held a permit when the time ran out) and those cancelled before starting.
     */
    public record Outcome(List<Integer> completed, List<Integer> cancelledWhileCalculating,
                          List<Integer> cancelledBeforeStarting) {
    }

    /**
     * The article's program on threads: squares 0 to {@code n - 1}, each a task of {@code pool},
     * then, after {@code timeout}, every unfinished task cancelled with interruption (asyncio's
     * {@code wait_for} on the gathered tasks). Returns right after cancelling: a cancelled task
     * prints its "Cancelled" line as its thread ends, so close {@code pool} (which waits for its
     * tasks) before reading the lines.
     *
     * @throws IllegalArgumentException if {@code n < 0} or {@code timeout} is null or negative
     * @throws InterruptedException if interrupted while waiting; the tasks are cancelled first
     */
    public Outcome runWithTimeout(ExecutorService pool, int n, Duration timeout) throws InterruptedException {
        if (n < 0) {
            throw new IllegalArgumentException("n must be 0 or more, got " + n);
        }
        long deadline = System.nanoTime() + Durations.checkNonNegative(timeout, "timeout").toNanos();
        List<Future<Long>> futures = new ArrayList<>();
        Set<Integer> workingAtTimeout;
        try {
            for (int x = 0; x < n; x++) {
                int square = x;
                futures.add(pool.submit(() -> square(square)));
            }
            for (Future<Long> f : futures) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    break;
                }
                try {
                    f.get(left, TimeUnit.NANOSECONDS);
                } catch (ExecutionException | CancellationException | TimeoutException e) {
                    // its state says what happened; the deadline decides when to stop waiting
                }
            }
            workingAtTimeout = Set.copyOf(working); // before any cancellation hands a permit on
        } finally {
            futures.forEach(f -> f.cancel(true));
        }
        List<Integer> completed = new ArrayList<>(), whileCalculating = new ArrayList<>(), beforeStarting = new ArrayList<>();
        for (int x = 0; x < futures.size(); x++) {
            Future<Long> f = futures.get(x);
            try {
                f.get();
                completed.add(x);
            } catch (ExecutionException | CancellationException e) {
                (workingAtTimeout.contains(x) ? whileCalculating : beforeStarting).add(x);
            }
        }
        return new Outcome(List.copyOf(completed), List.copyOf(whileCalculating), List.copyOf(beforeStarting));
    }
}
