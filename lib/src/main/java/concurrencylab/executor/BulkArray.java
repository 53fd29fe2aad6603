package concurrencylab.executor;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.Serializable;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * Out-of-band transfer of large primitive arrays, like pickle protocol 5's buffers. While a task
 * or result is serialized, each primitive array of at least {@link #THRESHOLD_BYTES} is replaced
 * in the object stream by a {@code BulkArray} placeholder (its index), and its contents follow
 * the object stream as raw bytes in the machine's byte order, copied in chunks straight from and
 * into the array. {@link java.io.ObjectOutputStream} writes primitive arrays element by element
 * through a 1 KiB block buffer (about 0.4 GB/s for an {@code int[]}, measured with
 * {@link PoolBenchmark}); this moves them at the pipe's speed.
 *
 * <p>The arrays are referenced, not copied, when a task is submitted, and read when the frame is
 * written: an array changed between {@code submit} and the task's start may reach the worker
 * changed (Python's process pool, which pickles in a feeder thread, behaves alike).
 * Boxed collections ({@code List<Integer>}) are not touched: they stay the slow case.
 */
record BulkArray(int index) implements Serializable {
    static final int THRESHOLD_BYTES = 64 * 1024;
    private static final int CHUNK = Frames.CHUNK;
    private static final ByteOrder ORDER = ByteOrder.nativeOrder();

    static final byte BYTE = 1, SHORT = 2, CHAR = 3, INT = 4, LONG = 5, FLOAT = 6, DOUBLE = 7;

    /** The kind of {@code o} if it is a primitive array big enough to go out of band, else 0. */
    static byte kindOf(Object o) {
        byte kind;
        int bytes;
        if (o instanceof byte[] a) {
            kind = BYTE;
            bytes = a.length;
        } else if (o instanceof int[] a) {
            kind = INT;
            bytes = a.length * 4;
        } else if (o instanceof long[] a) {
            kind = LONG;
            bytes = a.length * 8;
        } else if (o instanceof double[] a) {
            kind = DOUBLE;
            bytes = a.length * 8;
        } else if (o instanceof float[] a) {
            kind = FLOAT;
            bytes = a.length * 4;
        } else if (o instanceof short[] a) {
            kind = SHORT;
            bytes = a.length * 2;
        } else if (o instanceof char[] a) {
            kind = CHAR;
            bytes = a.length * 2;
        } else {
            return 0;
        }
        return bytes >= THRESHOLD_BYTES || bytes < 0 ? kind : 0;
    }

    static int length(Object array) {
        return java.lang.reflect.Array.getLength(array);
    }

    static int elementSize(byte kind) {
        return switch (kind) {
            case BYTE -> 1;
            case SHORT, CHAR -> 2;
            case INT, FLOAT -> 4;
            default -> 8;
        };
    }

    static void write(DataOutputStream out, Object array) throws IOException {
        if (array instanceof byte[] a) {
            Frames.writeChunked(out, a, 0, a.length);
            return;
        }
        byte kind = kindOf(array);
        int size = elementSize(kind);
        int perChunk = CHUNK / size;
        int n = length(array);
        ByteBuffer buf = ByteBuffer.allocate(CHUNK).order(ORDER);
        for (int off = 0; off < n; off += perChunk) {
            int k = Math.min(perChunk, n - off);
            buf.clear();
            switch (kind) {
                case INT -> buf.asIntBuffer().put((int[]) array, off, k);
                case LONG -> buf.asLongBuffer().put((long[]) array, off, k);
                case DOUBLE -> buf.asDoubleBuffer().put((double[]) array, off, k);
                case FLOAT -> buf.asFloatBuffer().put((float[]) array, off, k);
                case SHORT -> buf.asShortBuffer().put((short[]) array, off, k);
                default -> buf.asCharBuffer().put((char[]) array, off, k);
            }
            out.write(buf.array(), 0, k * size);
        }
    }

    static Object read(DataInputStream in, byte kind, int n) throws IOException {
        if (kind == BYTE) {
            byte[] a = new byte[n];
            for (int off = 0; off < n; off += CHUNK) {
                in.readFully(a, off, Math.min(CHUNK, n - off));
            }
            return a;
        }
        int size = elementSize(kind);
        Object array = switch (kind) {
            case INT -> new int[n];
            case LONG -> new long[n];
            case DOUBLE -> new double[n];
            case FLOAT -> new float[n];
            case SHORT -> new short[n];
            case CHAR -> new char[n];
            default -> throw new IOException("unknown bulk array kind " + kind);
        };
        int perChunk = CHUNK / size;
        ByteBuffer buf = ByteBuffer.allocate(CHUNK).order(ORDER);
        for (int off = 0; off < n; off += perChunk) {
            int k = Math.min(perChunk, n - off);
            in.readFully(buf.array(), 0, k * size);
            buf.clear();
            switch (kind) {
                case INT -> buf.asIntBuffer().get((int[]) array, off, k);
                case LONG -> buf.asLongBuffer().get((long[]) array, off, k);
                case DOUBLE -> buf.asDoubleBuffer().get((double[]) array, off, k);
                case FLOAT -> buf.asFloatBuffer().get((float[]) array, off, k);
                case SHORT -> buf.asShortBuffer().get((short[]) array, off, k);
                default -> buf.asCharBuffer().get((char[]) array, off, k);
            }
        }
        return array;
    }
}
