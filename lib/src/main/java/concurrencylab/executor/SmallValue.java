package concurrencylab.executor;

import java.io.IOException;
import java.io.StreamCorruptedException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * A compact codec for the commonest results: {@code null}, the boxed primitives and short
 * strings, sent in a {@link Frames#VALUE VALUE} frame as one tag byte and the value's bytes.
 * Java serialization of an {@code Integer} takes 81 bytes (the class descriptors of
 * {@code Integer} and {@code Number}) and a fresh {@link java.io.ObjectInputStream} to read it
 * back, several microseconds of a small task's round trip ({@link PoolBenchmark}); these
 * classes are immutable JDK value types, always on the {@link AllowList}, so nothing is lost by
 * sending them plainly. Everything else goes through {@link SerialCodec}.
 *
 * <p>Stateless and thread-safe.
 */
final class SmallValue {
    /** Strings longer than this (in chars) go through Java serialization like other objects. */
    static final int MAX_STRING_CHARS = 16 * 1024;

    private static final byte NULL = 0, BOOLEAN = 1, BYTE = 2, SHORT = 3, CHAR = 4, INT = 5, LONG = 6,
            FLOAT = 7, DOUBLE = 8, STRING = 9;

    private SmallValue() {}

    /** The encoding of {@code value}, or null if it is not of a type handled here. */
    static byte[] encode(Object value) {
        if (value == null) {
            return new byte[] {NULL};
        }
        // Exact classes only: these are final, and a subclass could not exist anyway.
        Class<?> c = value.getClass();
        if (c == Integer.class) {
            return ByteBuffer.allocate(5).put(INT).putInt((Integer) value).array();
        } else if (c == Long.class) {
            return ByteBuffer.allocate(9).put(LONG).putLong((Long) value).array();
        } else if (c == Double.class) {
            return ByteBuffer.allocate(9).put(DOUBLE).putLong(Double.doubleToRawLongBits((Double) value)).array();
        } else if (c == Boolean.class) {
            return new byte[] {BOOLEAN, (byte) ((Boolean) value ? 1 : 0)};
        } else if (c == String.class) {
            String s = (String) value;
            if (s.length() > MAX_STRING_CHARS) {
                return null;
            }
            byte[] utf8 = s.getBytes(StandardCharsets.UTF_8);
            byte[] out = new byte[1 + utf8.length];
            out[0] = STRING;
            System.arraycopy(utf8, 0, out, 1, utf8.length);
            return out;
        } else if (c == Float.class) {
            return ByteBuffer.allocate(5).put(FLOAT).putInt(Float.floatToRawIntBits((Float) value)).array();
        } else if (c == Byte.class) {
            return new byte[] {BYTE, (Byte) value};
        } else if (c == Short.class) {
            return ByteBuffer.allocate(3).put(SHORT).putShort((Short) value).array();
        } else if (c == Character.class) {
            return ByteBuffer.allocate(3).put(CHAR).putChar((Character) value).array();
        }
        return null;
    }

    static Object decode(byte[] bytes) throws IOException {
        if (bytes.length == 0) {
            throw new StreamCorruptedException("empty small-value frame");
        }
        ByteBuffer b = ByteBuffer.wrap(bytes, 1, bytes.length - 1);
        try {
            return switch (bytes[0]) {
                case NULL -> null;
                case BOOLEAN -> b.get() != 0;
                case BYTE -> b.get();
                case SHORT -> b.getShort();
                case CHAR -> b.getChar();
                case INT -> b.getInt();
                case LONG -> b.getLong();
                case FLOAT -> Float.intBitsToFloat(b.getInt());
                case DOUBLE -> Double.longBitsToDouble(b.getLong());
                case STRING -> new String(bytes, 1, bytes.length - 1, StandardCharsets.UTF_8);
                default -> throw new StreamCorruptedException("unknown small-value tag " + bytes[0]);
            };
        } catch (java.nio.BufferUnderflowException e) {
            throw new StreamCorruptedException("small-value frame of " + bytes.length + " bytes is too short for tag "
                    + bytes[0]);
        }
    }
}
