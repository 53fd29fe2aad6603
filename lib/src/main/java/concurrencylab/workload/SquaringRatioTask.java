package concurrencylab.workload;

import java.io.Serializable;
import java.math.BigInteger;
import java.util.concurrent.Callable;

/**
 * The article's heavy task as something to submit: {@link Squaring#ratio}{@code (x, y)},
 * which is 1.
 *
 * <pre>{@code
 * List<Future<BigInteger>> results = pool.invokeAll(Collections.nCopies(3, new SquaringRatioTask(2, 30)));
 * }</pre>
 *
 * <p>Serializable, so a process pool can send it to a worker JVM. The canonical constructor
 * refuses what {@code Squaring.ratio} would refuse in this JVM; Java runs a record's
 * canonical constructor on deserialization too, so a worker JVM repeats the check against
 * its own heap.
 *
 * @param x the base, at least 1
 * @param y the number of squarings, at least 0, small enough for the heap
 */
public record SquaringRatioTask(long x, int y) implements Callable<BigInteger>, Serializable {

    /** @throws IllegalArgumentException as {@link Squaring#checkRatioFits(long, int)} */
    public SquaringRatioTask {
        Squaring.checkRatioFits(x, y);
    }

    @Override
    public BigInteger call() throws InterruptedException {
        return Squaring.ratio(x, y);
    }
}
