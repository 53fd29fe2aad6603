package concurrencylab.workload;

import java.io.Serializable;
import java.util.concurrent.Callable;

/**
 * The article's pattern 2 task: {@code data[y]}.
 *
 * <pre>{@code
 * int[] data = Picking.range(100_000_000);
 * var task = new PickTask(data, 30);   // the same array object for every submission
 * }</pre>
 *
 * <p>The array is held, not copied: a thread pool's tasks all read the one array, while a
 * process pool serializes it into every task it sends (the cost pattern 2 measures).
 * Being a record with an array component, {@code equals} compares the array by identity.
 *
 * @param data the numbers to pick from, not null
 * @param y the index to pick, {@code 0 <= y < data.length}
 */
public record PickTask(int[] data, int y) implements Callable<Integer>, Serializable {

    /** @throws IllegalArgumentException if {@code data} is null or {@code y} is not an index of it */
    public PickTask {
        if (data == null) {
            throw new IllegalArgumentException("data must not be null");
        }
        Picking.checkIndex(data.length, y);
    }

    @Override
    public Integer call() {
        return Picking.pick(data, y);
    }
}
