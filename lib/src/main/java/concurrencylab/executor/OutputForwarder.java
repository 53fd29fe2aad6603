package concurrencylab.executor;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.function.Supplier;

/**
 * Prints what a worker wrote, line by line, each line prefixed with the worker's name
 * ({@code [worker-2] hello}), on a stream of the caller. Lines are kept whole: bytes are
 * buffered until a newline (or {@link #flush()} when the worker ends), so lines of two workers
 * never mix. The target is looked up at each line, so a caller that swaps {@code System.out}
 * (a notebook kernel does, per cell) gets the lines where it currently prints.
 *
 * <p>Not thread-safe: one forwarder per worker stream, fed by one thread.
 */
final class OutputForwarder {
    private final String prefix;
    private final Supplier<PrintStream> target;
    private final ByteArrayOutputStream pending = new ByteArrayOutputStream();

    OutputForwarder(String workerName, Supplier<PrintStream> target) {
        this.prefix = "[" + workerName + "] ";
        this.target = target;
    }

    void accept(byte[] bytes, int off, int len) {
        int start = off;
        for (int i = off; i < off + len; i++) {
            if (bytes[i] == '\n') {
                pending.write(bytes, start, i - start);
                emit();
                start = i + 1;
            }
        }
        pending.write(bytes, start, off + len - start);
    }

    void flush() {
        if (pending.size() > 0) {
            emit();
        }
    }

    private void emit() {
        String line = pending.toString(StandardCharsets.UTF_8);
        pending.reset();
        if (line.endsWith("\r")) {
            line = line.substring(0, line.length() - 1);
        }
        PrintStream out = target.get();
        out.println(prefix + line);
        out.flush();
    }
}
