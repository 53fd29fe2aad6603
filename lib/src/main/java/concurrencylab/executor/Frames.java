package concurrencylab.executor;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.StreamCorruptedException;
import java.nio.charset.StandardCharsets;

/**
 * The wire format between a {@link ProcessPool} and its workers: length-prefixed frames over
 * the worker's standard input (parent to worker) and standard output (worker to parent).
 *
 * <pre>
 *   int magic | int payloadLength | byte type | long taskId | payload (payloadLength bytes)
 * </pre>
 *
 * The magic number is there for diagnosis, not security: if anything but a frame ever reaches
 * the worker's standard output (native code writing to file descriptor 1, say), the parent
 * stops at the first bad header and reports the stray bytes instead of misreading lengths.
 * A payload is at most {@code Integer.MAX_VALUE} bytes, so a task or result must serialize to
 * less than 2 GiB.
 *
 * <p>Not thread-safe: callers serialize access to one stream.
 */
final class Frames {
    static final int MAGIC = 0x434C5046; // "CLPF"
    static final int HEADER_BYTES = 4 + 4 + 1 + 8;

    // parent -> worker
    /** Payload: one class path entry (UTF-8) the worker adds to its task class loader. */
    static final byte CLASSPATH = 1;
    /** Payload: the serialized initializer ({@code Runnable}). */
    static final byte INIT = 2;
    /**
     * Payload: the task's extra allow-list patterns ({@link java.io.DataOutput#writeUTF}), then
     * the serialized task ({@code Callable} or {@code Runnable}).
     */
    static final byte TASK = 3;
    /** No payload: interrupt the thread running task {@code taskId}, if it still runs. */
    static final byte INTERRUPT = 4;

    // worker -> parent
    /** No payload: sent once, after the initializer ran. */
    static final byte READY = 10;
    /** Payload: the serialized result of task {@code taskId}. */
    static final byte RESULT = 11;
    /** Payload: a serialized {@link RemoteFailure} for task {@code taskId}. */
    static final byte FAILURE = 12;
    /** Payload: bytes the worker wrote to {@code System.out}. */
    static final byte OUT = 13;
    /** Payload: bytes the worker wrote to {@code System.err}. */
    static final byte ERR = 14;
    /** Payload: a serialized {@link RemoteFailure} of the initializer; the worker exits next. */
    static final byte INIT_FAILED = 15;
    /** Payload: the result of task {@code taskId} in the compact form of {@link SmallValue}. */
    static final byte VALUE = 16;

    /**
     * One received frame. For {@link #TASK} and {@link #RESULT} frames, {@code payload} is the
     * object stream (with its header) and {@code arrays} the out-of-band arrays
     * ({@link SerialCodec.Encoded}); for the others, {@code arrays} is empty.
     */
    record Frame(byte type, long taskId, byte[] payload, Object[] arrays, int length) {
        String payloadText() {
            return new String(payload, StandardCharsets.UTF_8);
        }
    }

    private Frames() {}

    static void write(DataOutputStream out, byte type, long taskId, byte[] payload, int offset, int length)
            throws IOException {
        writeHeader(out, length, type, taskId);
        writeChunked(out, payload, offset, length);
    }

    private static void writeHeader(DataOutputStream out, int payloadLength, byte type, long taskId) throws IOException {
        out.writeInt(MAGIC);
        out.writeInt(payloadLength);
        out.writeByte(type);
        out.writeLong(taskId);
    }

    /** Writes {@code length} bytes in chunks of at most {@link #CHUNK}: see there why. */
    static void writeChunked(DataOutputStream out, byte[] bytes, int offset, int length) throws IOException {
        for (int done = 0; done < length; done += CHUNK) {
            out.write(bytes, offset + done, Math.min(CHUNK, length - done));
        }
    }

    /**
     * The most bytes moved by one read or write call. The JDK's native stream I/O allocates a
     * native buffer as large as each request; asking for a 400 MB payload at once made every
     * partial read of the pipe (64 KiB) map and unmap 400 MB, at 50 MB/s. A pipe moves at most
     * 64 KiB per call anyway.
     */
    static final int CHUNK = 64 * 1024;

    /** Writes a frame whose payload is an encoded task or result. */
    static void write(DataOutputStream out, byte type, long taskId, SerialCodec.Encoded e) throws IOException {
        writeHeader(out, e.payloadLength(), type, taskId);
        e.writePayload(out);
    }

    /** Reads one frame, or returns null at a clean end of stream (between frames). */
    static Frame read(DataInputStream in) throws IOException {
        int first = in.read();
        if (first < 0) {
            return null;
        }
        int magic = (first << 24) | (in.readUnsignedByte() << 16) | (in.readUnsignedByte() << 8) | in.readUnsignedByte();
        if (magic != MAGIC) {
            byte[] seen = {(byte) (magic >>> 24), (byte) (magic >>> 16), (byte) (magic >>> 8), (byte) magic};
            byte[] more = new byte[Math.min(in.available(), 200)];
            int n = in.read(more);
            throw new StreamCorruptedException("not a frame: the worker's standard output carried stray bytes \""
                    + new String(seen, StandardCharsets.ISO_8859_1)
                    + (n > 0 ? new String(more, 0, n, StandardCharsets.ISO_8859_1) : "")
                    + "\" (something wrote to file descriptor 1 outside System.out)");
        }
        int length = in.readInt();
        if (length < 0) {
            throw new StreamCorruptedException("negative frame length " + length);
        }
        byte type = in.readByte();
        long taskId = in.readLong();
        if (type == TASK || type == RESULT) {
            try {
                byte[] prefix = readBytes(in, in.readInt());
                Object[] arrays = new Object[in.readInt()];
                byte[] kinds = new byte[arrays.length];
                int[] lengths = new int[arrays.length];
                for (int i = 0; i < arrays.length; i++) {
                    kinds[i] = in.readByte();
                    lengths[i] = in.readInt();
                }
                for (int i = 0; i < arrays.length; i++) {
                    arrays[i] = BulkArray.read(in, kinds[i], lengths[i]);
                }
                return new Frame(type, taskId, prefix, arrays.length == 0 ? SerialCodec.NO_ARRAYS : arrays, length);
            } catch (EOFException e) {
                throw new EOFException("stream ended inside a frame of " + length + " bytes");
            }
        }
        return new Frame(type, taskId, readBytes(in, length), SerialCodec.NO_ARRAYS, length);
    }

    private static byte[] readBytes(DataInputStream in, int length) throws IOException {
        if (length < 0) {
            throw new StreamCorruptedException("negative length " + length);
        }
        byte[] payload = new byte[length];
        for (int done = 0; done < length; ) {
            int n = in.read(payload, done, Math.min(CHUNK, length - done));
            if (n < 0) {
                throw new EOFException("stream ended inside a frame of " + length + " bytes");
            }
            done += n;
        }
        return payload;
    }
}
