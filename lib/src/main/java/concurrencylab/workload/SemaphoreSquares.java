package concurrencylab.workload;

import java.io.PrintStream;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.Semaphore;

/**
 * The article's cancellation demo: squares computed at most N at a time under a semaphore,
 * each "working" for a while and saying when it starts, finishes or is cancelled.
 *
 * <pre>{@code
 * var squares = new SemaphoreSquares(new Semaphore(2), Duration.ofSeconds(1), System.out);
 * try (var pool = Executors.newVirtualThreadPerTaskExecutor()) {
 *     List<Callable<Long>> tasks = IntStream.range(0, 10)
 *             .<Callable<Long>>mapToObj(i -> () -> squares.square(i)).toList();
 *     pool.invokeAll(tasks, 3500, TimeUnit.MILLISECONDS);  // cancels the unfinished ones
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
 * <p>Thread-safe: the fields are final and the semaphore and stream are themselves safe to
 * share; each call's lines are printed whole (a {@link PrintStream} locks per {@code println}).
 */
public final class SemaphoreSquares {

    /** The article's one second of simulated work. */
    public static final Duration DEFAULT_WORK = Duration.ofSeconds(1);

    private final Semaphore semaphore;
    private final Duration work;
    private final PrintStream out;

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
                semaphore.release();
            }
        }
    }
}
