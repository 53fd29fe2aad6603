package concurrencylab.workload;

import java.util.ArrayList;
import java.util.List;

/**
 * The article's pattern 2: build the numbers {@code 0..size-1}, hand them to a task, and let
 * the task pick one element. The work is nothing; the cost is whatever it takes to get the
 * data to the task (nothing for a thread, serialization for another process).
 *
 * <pre>{@code
 * int[] data = Picking.range(100_000_000);          // 400 MB of ints
 * List<Integer> boxed = Picking.boxedRange(1_000);  // like Python's list(range(1000))
 * Picking.pick(data, 30);                           // 30
 * }</pre>
 *
 * <p>Two shapes of the same data, because Java has two: an {@code int[]} (4 bytes an element,
 * one object) and a {@code List<Integer>} (an {@link ArrayList} of boxed integers, which is
 * what a Python list of ints resembles: a reference per element plus an object per element).
 *
 * <p>Sizes are refused before allocating when negative or larger than this JVM's heap, by the
 * estimates {@link #INT_ARRAY_BYTES_PER_ELEMENT} and {@link #BOXED_LIST_BYTES_PER_ELEMENT}.
 * The builders check for interruption every {@value #INTERRUPT_CHECK_INTERVAL} elements,
 * since filling hundreds of millions of elements takes seconds.
 *
 * <p>Stateless and thread-safe; the data it builds is not copied by {@code pick}.
 */
public final class Picking {

    /** Heap per element of an {@code int[]}. */
    public static final int INT_ARRAY_BYTES_PER_ELEMENT = 4;

    /**
     * Estimated heap per element of an {@code ArrayList<Integer>}: a 16-byte {@code Integer}
     * plus a 4-byte compressed reference in the backing array (8 bytes without compressed
     * references, i.e. heaps over 32 GiB: then it is nearer 24).
     */
    public static final int BOXED_LIST_BYTES_PER_ELEMENT = 20;

    /**
     * The longest array the JVM reliably allocates; a few header words below
     * {@link Integer#MAX_VALUE}, as {@code ArrayList} itself assumes.
     */
    public static final int MAX_SIZE = Integer.MAX_VALUE - 8;

    /** How many elements the builders fill between two interruption checks. */
    public static final int INTERRUPT_CHECK_INTERVAL = 1 << 20;

    private Picking() {
    }

    /**
     * {@code new int[] {0, 1, ..., size-1}}.
     *
     * @throws IllegalArgumentException if {@code size} is negative or the array cannot fit in
     *         this JVM's heap
     * @throws InterruptedException if the thread is interrupted while filling
     */
    public static int[] range(int size) throws InterruptedException {
        checkSize(size, INT_ARRAY_BYTES_PER_ELEMENT, "an int[]");
        int[] data = new int[size];
        for (int i = 0; i < size; i++) {
            if (i % INTERRUPT_CHECK_INTERVAL == 0 && Thread.interrupted()) {
                throw new InterruptedException("interrupted after filling " + i + " of " + size);
            }
            data[i] = i;
        }
        return data;
    }

    /**
     * An {@link ArrayList} of the boxed integers {@code 0..size-1}.
     *
     * @throws IllegalArgumentException if {@code size} is negative or the list cannot fit in
     *         this JVM's heap
     * @throws InterruptedException if the thread is interrupted while filling
     */
    public static List<Integer> boxedRange(int size) throws InterruptedException {
        checkSize(size, BOXED_LIST_BYTES_PER_ELEMENT, "a List<Integer>");
        List<Integer> data = new ArrayList<>(size);
        for (int i = 0; i < size; i++) {
            if (i % INTERRUPT_CHECK_INTERVAL == 0 && Thread.interrupted()) {
                throw new InterruptedException("interrupted after filling " + i + " of " + size);
            }
            data.add(i);
        }
        return data;
    }

    /** Estimated heap for {@link #range}{@code (size)}, in bytes. */
    public static long intArrayBytes(int size) {
        return (long) Math.max(size, 0) * INT_ARRAY_BYTES_PER_ELEMENT;
    }

    /** Estimated heap for {@link #boxedRange}{@code (size)}, in bytes. */
    public static long boxedListBytes(int size) {
        return (long) Math.max(size, 0) * BOXED_LIST_BYTES_PER_ELEMENT;
    }

    /**
     * {@code data[y]}.
     *
     * @throws IllegalArgumentException if {@code data} is null or {@code y} is not an index of it
     */
    public static int pick(int[] data, int y) {
        if (data == null) {
            throw new IllegalArgumentException("data must not be null");
        }
        checkIndex(data.length, y);
        return data[y];
    }

    /**
     * {@code data.get(y)}, unboxed.
     *
     * @throws IllegalArgumentException if {@code data} is null, {@code y} is not an index of
     *         it, or the element is null
     */
    public static int pick(List<Integer> data, int y) {
        if (data == null) {
            throw new IllegalArgumentException("data must not be null");
        }
        checkIndex(data.size(), y);
        Integer value = data.get(y);
        if (value == null) {
            throw new IllegalArgumentException("data[" + y + "] is null");
        }
        return value;
    }

    /**
     * Refuses an index {@code y} into data of {@code size} elements, with the article's rule
     * in the message: the data is {@code 0..x-1}, so it needs {@code x > y}.
     *
     * @throws IllegalArgumentException unless {@code 0 <= y < size}
     */
    public static void checkIndex(int size, int y) {
        if (y < 0 || y >= size) {
            throw new IllegalArgumentException("y=" + y + " is not an index of data of size x="
                    + size + ": need 0 <= y < x (the article asserts x > y)");
        }
    }

    private static void checkSize(int size, int bytesPerElement, String what) {
        if (size < 0) {
            throw new IllegalArgumentException("size must be at least 0, got " + size);
        }
        if (size > MAX_SIZE) {
            throw new IllegalArgumentException("size must be at most " + HeapBudget.grouped(MAX_SIZE)
                    + " (the longest Java array), got " + HeapBudget.grouped(size));
        }
        long needed = (long) size * bytesPerElement;
        long heap = HeapBudget.maxHeapBytes();
        if (needed > heap) {
            throw new IllegalArgumentException(what + " of " + HeapBudget.grouped(size)
                    + " elements needs about " + HeapBudget.humanBytes(needed) + " ("
                    + bytesPerElement + " bytes an element), but this JVM's maximum heap is "
                    + HeapBudget.humanBytes(heap) + " (raise it with -Xmx)");
        }
    }
}
