package concurrencylab.workload;

import java.io.Serializable;
import java.nio.ByteBuffer;
import java.util.function.Function;

/**
 * Pattern 2 through shared memory: int number {@code y} of a buffer the task is given rather
 * than carries, the counterpart of {@link PickTask} for an
 * {@link concurrencylab.executor.IsolateExecutor}'s shared buffer (Python: a {@code memoryview}
 * shared with a subinterpreter).
 *
 * <pre>{@code
 * ByteBuffer shared = ByteBuffer.allocateDirect(4 * n);
 * for (int i = 0; i < n; i++) shared.putInt(4 * i, i);
 * isolates.submit(new PickFromBufferTask(30), shared).get();   // 30; only the index was serialized
 * }</pre>
 *
 * <p>Reads with absolute indexing in the buffer's byte order, so the buffer's position does
 * not matter and is not changed.
 *
 * @param y the index of the int to pick, 0 or more
 */
public record PickFromBufferTask(int y) implements Function<ByteBuffer, Integer>, Serializable {

    /** @throws IllegalArgumentException if {@code y < 0} */
    public PickFromBufferTask {
        if (y < 0) {
            throw new IllegalArgumentException("y must be at least 0, got y=" + y);
        }
    }

    /** @throws IllegalArgumentException if the buffer holds fewer than {@code y + 1} ints */
    @Override
    public Integer apply(ByteBuffer buffer) {
        Picking.checkIndex(buffer.limit() / Integer.BYTES, y);
        return buffer.getInt(y * Integer.BYTES);
    }
}
