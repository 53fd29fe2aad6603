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
        AllowList.RecordingFilter filter = allow.newFilter();
        try (ObjectInputStream in = new LoaderObjectInputStream(
                new ByteArrayInputStream(bytes, offset, length), loader)) {
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

        LoaderObjectInputStream(java.io.InputStream in, ClassLoader loader) throws IOException {
            super(in);
            this.loader = loader;
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
