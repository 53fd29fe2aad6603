package concurrencylab.workload;

import java.io.Serializable;
import java.time.Duration;
import java.util.concurrent.Callable;

/**
 * The article's pattern 3 task: sleep, then return {@link GlobalValue#get()} of the JVM it
 * runs in.
 *
 * <pre>{@code
 * GlobalValue.reset();
 * Future<Integer> f = pool.submit(new ReadGlobalAfterSleepTask(Duration.ofMillis(100)));
 * GlobalValue.set(1);
 * f.get();   // thread pool: 1; process pool: 0, the worker JVM's own value
 * }</pre>
 *
 * @param sleep how long to wait before reading, zero or more
 */
public record ReadGlobalAfterSleepTask(Duration sleep) implements Callable<Integer>, Serializable {

    /** @throws IllegalArgumentException if {@code sleep} is null or negative */
    public ReadGlobalAfterSleepTask {
        Durations.checkNonNegative(sleep, "sleep");
    }

    @Override
    public Integer call() throws InterruptedException {
        return GlobalValue.readAfterSleep(sleep);
    }
}
