package concurrencylab.workload;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.IntBuffer;
import java.nio.channels.ClosedByInterruptException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Ints in a file, read through a memory mapping: the way to give worker JVMs large data
 * without sending it. Java has no {@code fork}, so the trick of Python's pattern 2 (put the data
 * in a global before the pool forks, and every child inherits it) is not available; instead, the
 * data is written once to a file, only the file's name travels to the workers, and each one maps
 * the file into its address space. The operating system shares the file's pages among all the
 * processes that map it, and reads from disk only the pages a process touches.
 *
 * <pre>{@code
 * Path file = MappedInts.writeRange(folder.resolve("numbers.ints"), 100_000_000);  // 400 MB, once
 * MappedInts.pick(file, 30);                          // 30: maps the file, reads one int
 * pool.submit(new PickMappedTask(file, 30));          // the same in a worker JVM; sends ~200 bytes
 * }</pre>
 *
 * <h2>The file</h2>
 * Raw 4-byte ints in {@linkplain #ORDER little-endian order} (the order of x86 and ARM
 * machines, so reading costs no conversion there), no header: the file's size says how many
 * there are. A file maps as one {@link java.nio.MappedByteBuffer}, which holds at most
 * {@link Integer#MAX_VALUE} bytes, hence at most {@link #MAX_ELEMENTS} ints.
 *
 * <h2>Writing and mapping</h2>
 * The writers use plain channel writes, not a mapping, so the writing JVM keeps no mapping of the
 * file open. A mapping made by {@link #map} or {@link #pick} lasts until its buffer is garbage
 * collected (in Java 21, {@code FileChannel.map} has no explicit unmap; the
 * {@code java.lang.foreign} API that adds one is a preview there). On Linux and macOS a mapped
 * file can be deleted at any time; on Windows it cannot while a mapping is alive, so delete the
 * file after the worker JVMs that mapped it have exited (after closing their pool).
 *
 * <p>The writers check for interruption between chunks of {@value #CHUNK_BYTES} bytes and delete
 * a half-written file when interrupted or failing. Stateless and thread-safe; concurrent readers
 * of one file are fine, a file must not be rewritten while others read it.
 */
public final class MappedInts {

    /** The byte order of the ints in the file. */
    public static final ByteOrder ORDER = ByteOrder.LITTLE_ENDIAN;

    /** Bytes per element in the file. */
    public static final int BYTES_PER_ELEMENT = Integer.BYTES;

    /** The most ints one file may hold: one mapping covers at most {@link Integer#MAX_VALUE} bytes. */
    public static final int MAX_ELEMENTS = Integer.MAX_VALUE / BYTES_PER_ELEMENT;

    /** How many bytes the writers write between two interruption checks. */
    public static final int CHUNK_BYTES = 1 << 20;

    private MappedInts() {
    }

    /**
     * Writes {@code data} to {@code file} (created or replaced) and returns the file.
     *
     * @throws IllegalArgumentException if {@code data} is null or longer than {@link #MAX_ELEMENTS}
     * @throws InterruptedException if the thread is interrupted while writing (the file is deleted)
     */
    public static Path write(Path file, int[] data) throws IOException, InterruptedException {
        if (data == null) {
            throw new IllegalArgumentException("data must not be null");
        }
        checkCount(data.length);
        return write(file, data.length, (chunk, from, count) -> chunk.put(data, from, count));
    }

    /**
     * Writes the ints {@code 0..size-1} to {@code file} (created or replaced) without building
     * them in the heap first, and returns the file.
     *
     * @throws IllegalArgumentException if {@code size} is negative or above {@link #MAX_ELEMENTS}
     * @throws InterruptedException if the thread is interrupted while writing (the file is deleted)
     */
    public static Path writeRange(Path file, int size) throws IOException, InterruptedException {
        checkCount(size);
        return write(file, size, (chunk, from, count) -> {
            for (int i = from, end = from + count; i < end; i++) {
                chunk.put(i);
            }
        });
    }

    /** Fills {@code count} elements, starting at index {@code from}, into a chunk. */
    @FunctionalInterface
    private interface Filler {
        void fill(IntBuffer chunk, int from, int count);
    }

    private static Path write(Path file, int size, Filler filler) throws IOException, InterruptedException {
        if (file == null) {
            throw new IllegalArgumentException("file must not be null");
        }
        ByteBuffer bytes = ByteBuffer.allocateDirect(CHUNK_BYTES).order(ORDER);
        IntBuffer ints = bytes.asIntBuffer();
        int perChunk = CHUNK_BYTES / BYTES_PER_ELEMENT;
        boolean done = false;
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
            for (int from = 0; from < size; from += perChunk) {
                if (Thread.interrupted()) {
                    throw new InterruptedException("interrupted after writing " + from + " of " + size
                            + " ints to " + file);
                }
                int count = Math.min(perChunk, size - from);
                ints.clear();
                filler.fill(ints, from, count);
                bytes.clear().limit(count * BYTES_PER_ELEMENT);
                while (bytes.hasRemaining()) {
                    channel.write(bytes);
                }
            }
            done = true;
        } catch (ClosedByInterruptException e) {
            // An interrupt during a channel write closes the channel and sets the interrupt status:
            // report it as the interruption it is.
            Thread.interrupted();
            InterruptedException ie = new InterruptedException("interrupted while writing ints to " + file);
            ie.initCause(e);
            throw ie;
        } finally {
            if (!done) {
                Files.deleteIfExists(file);
            }
        }
        return file;
    }

    /**
     * How many ints {@code file} holds.
     *
     * @throws IllegalArgumentException if the file's size is not a multiple of 4 or exceeds
     *         {@link #MAX_ELEMENTS} ints (it is not a file of this class)
     * @throws java.nio.file.NoSuchFileException if there is no such file
     */
    public static int size(Path file) throws IOException {
        return checkedCount(file, Files.size(file));
    }

    /**
     * A read-only view of {@code file}'s ints through a memory mapping. Pages are read from the
     * file (or shared from the page cache) when first touched; the mapping lasts until the
     * buffer is garbage collected.
     *
     * @throws IllegalArgumentException as {@link #size}
     */
    public static IntBuffer map(Path file) throws IOException {
        if (file == null) {
            throw new IllegalArgumentException("file must not be null");
        }
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            long bytes = channel.size();
            checkedCount(file, bytes);
            // The mapping stays valid after the channel is closed.
            return channel.map(FileChannel.MapMode.READ_ONLY, 0, bytes).order(ORDER).asIntBuffer();
        }
    }

    /**
     * The int at index {@code y} of {@code file}, read through a mapping of the whole file (only
     * the page holding it is read).
     *
     * @throws IllegalArgumentException if {@code y} is not an index of the file's ints, or as {@link #size}
     */
    public static int pick(Path file, int y) throws IOException {
        IntBuffer ints = map(file);
        Picking.checkIndex(ints.limit(), y);
        return ints.get(y);
    }

    private static void checkCount(int size) {
        if (size < 0 || size > MAX_ELEMENTS) {
            throw new IllegalArgumentException("a file of ints holds 0 to " + HeapBudget.grouped(MAX_ELEMENTS)
                    + " elements (one mapping covers at most 2 GiB), got " + HeapBudget.grouped(size));
        }
    }

    private static int checkedCount(Path file, long bytes) {
        if (bytes % BYTES_PER_ELEMENT != 0 || bytes / BYTES_PER_ELEMENT > MAX_ELEMENTS) {
            throw new IllegalArgumentException(file + " has " + HeapBudget.grouped(bytes) + " bytes: a file of"
                    + " ints has a multiple of " + BYTES_PER_ELEMENT + " bytes, at most "
                    + HeapBudget.grouped((long) MAX_ELEMENTS * BYTES_PER_ELEMENT));
        }
        return (int) (bytes / BYTES_PER_ELEMENT);
    }
}
