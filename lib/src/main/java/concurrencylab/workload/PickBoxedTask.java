package concurrencylab.workload;

import java.io.Serializable;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * {@link PickTask} for a {@code List<Integer>}, the shape closest to the article's Python list.
 *
 * <p>The list is held, not copied. To travel to a worker JVM it must be serializable
 * ({@link java.util.ArrayList} is, and so is what {@link Picking#boxedRange} returns); it
 * then costs far more than an {@code int[]} of the same numbers: an object per element.
 *
 * @param data the numbers to pick from, not null
 * @param y the index to pick, {@code 0 <= y < data.size()}
 */
public record PickBoxedTask(List<Integer> data, int y) implements Callable<Integer>, Serializable {

    /** @throws IllegalArgumentException if {@code data} is null or {@code y} is not an index of it */
    public PickBoxedTask {
        if (data == null) {
            throw new IllegalArgumentException("data must not be null");
        }
        Picking.checkIndex(data.size(), y);
    }

    @Override
    public Integer call() {
        return Picking.pick(data, y);
    }
}
