package concurrencylab.workload;

import java.io.Serializable;
import java.math.BigInteger;
import java.util.concurrent.Callable;

/**
 * {@link Squaring#power}{@code (x, y)} as something to submit: returns {@code x^(2^y)} itself.
 * Note that a process pool then sends the whole result back (128 MiB for {@code x=2, y=30});
 * {@link SquaringRatioTask} is the article's task, whose answer is just 1.
 *
 * <p>Serializable; the canonical constructor refuses what {@code Squaring.power} would, and
 * runs again on deserialization in the receiving JVM.
 *
 * @param x the base, at least 1
 * @param y the number of squarings, at least 0, small enough for the heap
 */
public record SquaringTask(long x, int y) implements Callable<BigInteger>, Serializable {

    /** @throws IllegalArgumentException if {@code Squaring.power(x, y)} would refuse */
    public SquaringTask {
        Squaring.checkPowerFits(x, y);
    }

    @Override
    public BigInteger call() throws InterruptedException {
        return Squaring.power(x, y);
    }
}
