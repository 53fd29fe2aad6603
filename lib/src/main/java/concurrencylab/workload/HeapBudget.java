package concurrencylab.workload;

import java.util.Locale;

/**
 * The heap this JVM may grow to, and byte counts written for people.
 *
 * <p>Workloads that allocate in proportion to their parameters ask {@link #maxHeapBytes()}
 * before allocating and refuse sizes that cannot fit, so a too-large request ends in a
 * sentence that says how much memory it needs instead of an {@link OutOfMemoryError} minutes
 * later:
 *
 * <pre>{@code
 * long needed = Squaring.requiredBytes(2, 30);
 * System.out.println(HeapBudget.humanBytes(needed) + " of " + HeapBudget.humanBytes(HeapBudget.maxHeapBytes()));
 * }</pre>
 *
 * <p>The budget is {@link Runtime#maxMemory()}, the ceiling set by {@code -Xmx} (or the JVM's
 * default, a quarter of the machine's memory), not what happens to be free right now: the
 * refusal must not depend on when the garbage collector last ran. A request under the ceiling
 * can therefore still fail when the heap is already full of other things.
 */
public final class HeapBudget {

    private static final String[] BINARY_UNITS = {"KiB", "MiB", "GiB", "TiB", "PiB", "EiB"};

    private HeapBudget() {
    }

    /** The most memory this JVM's heap will ever have, in bytes ({@link Runtime#maxMemory()}). */
    public static long maxHeapBytes() {
        return Runtime.getRuntime().maxMemory();
    }

    /**
     * A byte count in binary units, with one decimal below ten and none above:
     * {@code 512 bytes}, {@code 1.5 KiB}, {@code 6.0 GiB}, {@code 128 GiB}.
     *
     * @throws IllegalArgumentException if {@code bytes} is negative
     */
    public static String humanBytes(long bytes) {
        if (bytes < 0) {
            throw new IllegalArgumentException("a byte count cannot be negative, got " + bytes);
        }
        if (bytes < 1024) {
            return bytes + (bytes == 1 ? " byte" : " bytes");
        }
        double value = bytes;
        int unit = -1;
        while (value >= 1024 && unit < BINARY_UNITS.length - 1) {
            value /= 1024;
            unit++;
        }
        // Rounding 9.96 to one decimal gives "10.0": show it as "10" like the larger values.
        String number = value < 9.95
                ? String.format(Locale.ROOT, "%.1f", value)
                : String.format(Locale.ROOT, "%,.0f", value);
        return number + " " + BINARY_UNITS[unit];
    }

    /** A count with thousands separators, {@code 1,099,511,627,777}. */
    static String grouped(long count) {
        return String.format(Locale.ROOT, "%,d", count);
    }
}
