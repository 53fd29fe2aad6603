package concurrencylab.executor;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InvalidClassException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.ObjectStreamClass;

/**
 * Java serialization into and out of byte arrays, with an {@link AllowList} on every read and
 * a chosen class loader for resolving classes (a worker resolves task classes through its
 * {@link WorkerClassLoader}).
 *
 * <p>Objects are serialized completely into memory before anything is sent: a task that cannot
 * be serialized then fails in the submitting thread, and a frame never starts unless it can be
 * finished. Primitive arrays are written in bulk by {@link ObjectOutputStream}; the benchmark
 * ({@link PoolBenchmark}) compares the result with raw bytes over the same pipe.
 *
 * <p>Stateless and thread-safe.
 */
final class SerialCodec {
    private SerialCodec() {}

    /** A growable buffer whose array is handed out without a copy. */
    static final class Buffer extends ByteArrayOutputStream {
        Buffer(int initial) {
            super(initial);
        }

        byte[] array() {
            return buf;
        }

        int length() {
            return count;
        }
    }

    /** Serializes {@code o}; a prefix written by {@code header} comes first (may be null). */
    static Buffer serialize(Object o, HeaderWriter header) throws IOException {
        Buffer out = new Buffer(512);
        if (header != null) {
            header.write(new java.io.DataOutputStream(out));
        }
        try (ObjectOutputStream oos = new ObjectOutputStream(out)) {
            oos.writeObject(o);
        }
        return out;
    }

    /**
     * A task or result ready to send: its object stream (after an optional header), and the
     * large primitive arrays taken out of it ({@link BulkArray}). Immutable once made.
     */
    record Encoded(Buffer prefix, java.util.List<Object> arrays, int payloadLength) {
        /** Writes the frame payload: prefix length and bytes, array kinds and lengths, then the arrays' contents. */
        void writePayload(java.io.DataOutputStream out) throws IOException {
            out.writeInt(prefix.length());
            Frames.writeChunked(out, prefix.array(), 0, prefix.length());
            out.writeInt(arrays.size());
            for (Object a : arrays) {
                out.writeByte(BulkArray.kindOf(a));
                out.writeInt(BulkArray.length(a));
            }
            for (Object a : arrays) {
                BulkArray.write(out, a);
            }
        }
    }

    /** Serializes {@code o} with its large primitive arrays out of band. */
    static Encoded encode(Object o, HeaderWriter header) throws IOException {
        Buffer out = new Buffer(512);
        if (header != null) {
            header.write(new java.io.DataOutputStream(out));
        }
        java.util.List<Object> arrays = new java.util.ArrayList<>();
        try (ObjectOutputStream oos = new BulkObjectOutputStream(out, arrays)) {
            oos.writeObject(o);
        }
        long length = 4L + out.length() + 4;
        for (Object a : arrays) {
            length += 5 + (long) BulkArray.length(a) * BulkArray.elementSize(BulkArray.kindOf(a));
        }
        if (length > Integer.MAX_VALUE - Frames.HEADER_BYTES) {
            throw new IOException("the serialized form takes " + length + " bytes; a frame holds at most 2 GiB");
        }
        return new Encoded(out, java.util.List.copyOf(arrays), (int) length);
    }

    private static final class BulkObjectOutputStream extends ObjectOutputStream {
        private final java.util.List<Object> arrays;
        private final java.util.IdentityHashMap<Object, BulkArray> seen = new java.util.IdentityHashMap<>();

        BulkObjectOutputStream(java.io.OutputStream out, java.util.List<Object> arrays) throws IOException {
            super(out);
            this.arrays = arrays;
            enableReplaceObject(true);
        }

        @Override
        protected Object replaceObject(Object obj) {
            if (BulkArray.kindOf(obj) == 0) {
                return obj;
            }
            return seen.computeIfAbsent(obj, a -> {
                arrays.add(a);
                return new BulkArray(arrays.size() - 1);
            });
        }
    }

    static Buffer serialize(Object o) throws IOException {
        return serialize(o, null);
    }

    interface HeaderWriter {
        void write(java.io.DataOutputStream out) throws IOException;
    }

    /**
     * Reads one object. A class refused by {@code allow} ends in an {@link InvalidClassException}
     * whose message names the class and the allow-list.
     */
    static Object deserialize(byte[] bytes, int offset, int length, ClassLoader loader, AllowList allow)
            throws IOException, ClassNotFoundException {
        return deserialize(bytes, offset, length, loader, allow, NO_ARRAYS);
    }

    /** No out-of-band arrays. */
    static final Object[] NO_ARRAYS = {};

    /** Reads one object whose large primitive arrays came out of band, in {@code arrays}. */
    static Object deserialize(byte[] bytes, int offset, int length, ClassLoader loader, AllowList allow,
                              Object[] arrays) throws IOException, ClassNotFoundException {
        AllowList.RecordingFilter filter = allow.newFilter();
        try (ObjectInputStream in = new LoaderObjectInputStream(
                new ByteArrayInputStream(bytes, offset, length), loader, arrays)) {
            in.setObjectInputFilter(filter);
            return in.readObject();
        } catch (InvalidClassException e) {
            if (filter.refused() != null) {
                InvalidClassException refused = new InvalidClassException(filter.refused(),
                        "refused by the process pool's allow-list " + allow.patterns()
                                + "; allow it with ProcessPool.builder().allowClasses(\"" + suggestion(filter.refused())
                                + "\")");
                refused.initCause(e);
                throw refused;
            }
            throw e;
        }
    }

    private static String suggestion(String className) {
        int dot = className.lastIndexOf('.');
        return dot < 0 ? className : className.substring(0, dot) + ".*";
    }

    /** Resolves classes through a given loader first (the default would pick the caller's). */
    private static final class LoaderObjectInputStream extends ObjectInputStream {
        private final ClassLoader loader;
        private final Object[] arrays;

        LoaderObjectInputStream(java.io.InputStream in, ClassLoader loader, Object[] arrays) throws IOException {
            super(in);
            this.loader = loader;
            this.arrays = arrays;
            if (arrays.length > 0) {
                enableResolveObject(true);
            }
        }

        @Override
        protected Object resolveObject(Object obj) throws IOException {
            if (obj instanceof BulkArray b) {
                if (b.index() < 0 || b.index() >= arrays.length) {
                    throw new java.io.StreamCorruptedException("bulk array " + b.index() + " of " + arrays.length);
                }
                return arrays[b.index()];
            }
            return obj;
        }

        @Override
        protected Class<?> resolveClass(ObjectStreamClass desc) throws IOException, ClassNotFoundException {
            if (loader != null) {
                try {
                    return Class.forName(desc.getName(), false, loader);
                } catch (ClassNotFoundException e) {
                    // primitives and the like: let the default resolution try
                }
            }
            return super.resolveClass(desc);
        }
    }
}
