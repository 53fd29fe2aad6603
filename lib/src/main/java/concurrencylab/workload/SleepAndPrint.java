package concurrencylab.workload;

import java.io.PrintStream;
import java.time.Duration;
import java.util.Objects;

/**
 * The asyncio "hello world": wait, then say something. The waiting is what concurrency
 * overlaps, so the same call on platform threads, virtual threads or a single-threaded
 * executor shows how each one handles many waits at once.
 *
 * <pre>{@code
 * try (var pool = Executors.newVirtualThreadPerTaskExecutor()) {
 *     pool.submit(() -> { SleepAndPrint.run(Duration.ofSeconds(1), "hello", System.out); return null; });
 *     pool.submit(() -> { SleepAndPrint.run(Duration.ofSeconds(1), "world", System.out); return null; });
 * }   // both lines after about one second, not two
 * }</pre>
 */
public final class SleepAndPrint {

    private SleepAndPrint() {
    }

    /**
     * Sleeps for {@code sleep}, then prints {@code message} as one line to {@code out}.
     * Nothing is printed when interrupted.
     *
     * @throws IllegalArgumentException if {@code sleep} is null or negative
     * @throws NullPointerException if {@code message} or {@code out} is null
     * @throws InterruptedException if interrupted while sleeping
     */
    public static void run(Duration sleep, String message, PrintStream out) throws InterruptedException {
        Durations.checkNonNegative(sleep, "sleep");
        Objects.requireNonNull(message, "message");
        Objects.requireNonNull(out, "out");
        Thread.sleep(sleep);
        out.println(message);
    }
}
