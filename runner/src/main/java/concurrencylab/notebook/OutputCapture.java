package concurrencylab.notebook;

import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * Routes {@code System.out} and {@code System.err} into the running cell's outputs, as a kernel
 * does: whatever thread prints while a cell runs, its text becomes that cell's {@code stream}
 * output. Text printed between cells (by a thread a finished cell left behind) goes to the
 * runner's own console instead, so it is seen but not attributed to the wrong cell.
 *
 * <pre>{@code
 * OutputCapture capture = OutputCapture.install();
 * capture.begin(outputs);   // before the cell
 * capture.end();            // after it
 * capture.console().println("progress");   // the real standard output
 * }</pre>
 *
 * <p>Thread-safe: the current cell is a volatile field; each stream decodes under its own lock.
 */
final class OutputCapture {
    private final PrintStream console;
    private final PrintStream consoleErr;
    /** The running cell's outputs, or null between cells. */
    private volatile CellOutputs current;

    private OutputCapture(PrintStream console, PrintStream consoleErr) {
        this.console = console;
        this.consoleErr = consoleErr;
    }

    /** Replaces {@code System.out} and {@code System.err} for the rest of this JVM's life. */
    static OutputCapture install() {
        OutputCapture capture = new OutputCapture(System.out, System.err);
        System.setOut(new PrintStream(capture.new Sink("stdout", capture.console), true, StandardCharsets.UTF_8));
        System.setErr(new PrintStream(capture.new Sink("stderr", capture.consoleErr), true, StandardCharsets.UTF_8));
        return capture;
    }

    /** The runner's real standard output, for progress lines. */
    PrintStream console() {
        return console;
    }

    void begin(CellOutputs outputs) {
        current = outputs;
    }

    void end() {
        System.out.flush();
        System.err.flush();
        current = null;
    }

    /** Decodes UTF-8 incrementally, so a character split across two writes is not garbled. */
    private final class Sink extends OutputStream {
        private final String name;
        private final PrintStream fallback;
        /** Guarded by {@code this}. */
        private final CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPLACE)
                .onUnmappableCharacter(CodingErrorAction.REPLACE);
        /** Bytes of an incomplete character left from the last write; guarded by {@code this}. */
        private ByteBuffer pending = ByteBuffer.allocate(0);

        Sink(String name, PrintStream fallback) {
            this.name = name;
            this.fallback = fallback;
        }

        @Override
        public void write(int b) {
            write(new byte[]{(byte) b}, 0, 1);
        }

        @Override
        public synchronized void write(byte[] bytes, int offset, int length) {
            CellOutputs cell = current;
            if (cell == null) {
                fallback.write(bytes, offset, length);
                fallback.flush();
                return;
            }
            ByteBuffer in = ByteBuffer.allocate(pending.remaining() + length);
            in.put(pending).put(bytes, offset, length).flip();
            CharBuffer out = CharBuffer.allocate(in.remaining() + 1);
            decoder.decode(in, out, false);
            pending = ByteBuffer.allocate(in.remaining()).put(in).flip();
            out.flip();
            cell.stream(name, out.toString());
        }
    }
}
