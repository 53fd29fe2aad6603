package concurrencylab.workload;

import java.io.IOException;
import java.io.Serializable;
import java.nio.ByteOrder;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.Callable;

/**
 * Memory shared between processes: maps a file that another process has mapped too, sums its
 * first {@code count} ints and writes the sum, as a long, right after them, in the same
 * mapping. Only the file's name travels with the task; the numbers and the answer travel
 * through the operating system's page cache, which both mappings share.
 *
 * <pre>{@code
 * // caller: map a file of 4 * count + 8 bytes, put the ints in (native byte order)
 * long sum = processPool.submit(new SumMappedFileTask(file.toString(), count)).get();
 * mapped.getLong(4 * count) == sum;   // the worker's write, seen through the caller's own mapping
 * }</pre>
 *
 * <p>Uses the native byte order, the order in which both processes of one machine read ints.
 * Interruption is checked every million ints.
 *
 * @param file an absolute path to the file (a {@code Path} is not serializable, a name is)
 * @param count how many ints to sum, 0 to {@link #MAX_COUNT}; the file must hold {@code 4 * count + 8} bytes
 */
public record SumMappedFileTask(String file, int count) implements Callable<Long>, Serializable {

    /** The most ints one task sums: a single mapping is limited to {@code Integer.MAX_VALUE} bytes. */
    public static final int MAX_COUNT = (Integer.MAX_VALUE - Long.BYTES) / Integer.BYTES;

    /** Bytes a file needs for {@code count} ints and the long answer. */
    public static long fileSize(int count) {
        return (long) count * Integer.BYTES + Long.BYTES;
    }

    /** @throws IllegalArgumentException if {@code file} is not an absolute path or {@code count < 0} */
    public SumMappedFileTask {
        if (file == null || !Path.of(file).isAbsolute()) {
            throw new IllegalArgumentException("file must be an absolute path (the worker's working directory may differ), got " + file);
        }
        if (count < 0 || count > MAX_COUNT) {
            throw new IllegalArgumentException("count must be between 0 and " + MAX_COUNT
                    + " (one mapping holds at most 2 GiB), got " + count);
        }
    }

    /**
     * @throws IOException if the file cannot be mapped
     * @throws IllegalStateException if the file is shorter than {@link #fileSize}
     * @throws InterruptedException if interrupted while summing
     */
    @Override
    public Long call() throws IOException, InterruptedException {
        try (FileChannel channel = FileChannel.open(Path.of(file), StandardOpenOption.READ, StandardOpenOption.WRITE)) {
            long size = fileSize(count);
            if (channel.size() < size) {
                throw new IllegalStateException(file + " holds " + channel.size() + " bytes, fewer than the "
                        + size + " that " + count + " ints and the answer need");
            }
            MappedByteBuffer mapped = channel.map(FileChannel.MapMode.READ_WRITE, 0, size);
            mapped.order(ByteOrder.nativeOrder());
            long sum = 0;
            for (int i = 0; i < count; i++) {
                if ((i & 0xFFFFF) == 0 && Thread.interrupted()) {
                    throw new InterruptedException("interrupted after " + i + " of " + count + " ints");
                }
                sum += mapped.getInt(i * Integer.BYTES);
            }
            // No force(): the caller's mapping shares these pages; force() is for durability on disk.
            mapped.putLong(count * Integer.BYTES, sum);
            return sum;
        }
    }
}
