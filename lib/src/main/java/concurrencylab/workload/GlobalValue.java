package concurrencylab.workload;

import java.time.Duration;

import concurrencylab.executor.Gil;

/**
 * The article's pattern 3: a "global variable" that the submitting thread changes right
 * after submitting tasks that read it a little later.
 *
 * <pre>{@code
 * GlobalValue.reset();
 * Future<Integer> f = pool.submit(new ReadGlobalAfterSleepTask(Duration.ofMillis(100)));
 * GlobalValue.set(1);
 * f.get();   // 1 in a thread pool (same JVM, same static); 0 in a worker JVM (its own static)
 * }</pre>
 *
 * <p>One value per JVM (per class loader, strictly): a thread pool's tasks share it, while a
 * process pool's worker JVMs each start with their own copy at 0, like Python's spawned
 * processes.
 */
public final class GlobalValue {

    /**
     * The value. Volatile because the write this pattern is about comes AFTER the task was
     * submitted: the executor's hand-off orders only what the submitter wrote before
     * {@code submit}, so without volatile a pool thread could go on seeing an older value
     * for as long as the JIT likes. With it, a read that happens after the write sees it.
     */
    private static volatile int value;

    private GlobalValue() {
    }

    /** The current value. */
    public static int get() {
        return value;
    }

    /** Replaces the value. */
    public static void set(int newValue) {
        value = newValue;
    }

    /** Sets the value back to 0, its initial value, so a demonstration can start afresh. */
    public static void reset() {
        value = 0;
    }

    /**
     * Sleeps for {@code sleep}, then returns the value: what the article's {@code pick} does.
     *
     * @throws IllegalArgumentException if {@code sleep} is null or negative
     * @throws InterruptedException if interrupted while sleeping
     */
    public static int readAfterSleep(Duration sleep) throws InterruptedException {
        Durations.checkNonNegative(sleep, "sleep");
        Gil.blocking(() -> Thread.sleep(sleep)); // releases a simulated GIL while asleep, as time.sleep does
        return value;
    }
}
