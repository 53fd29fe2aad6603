package concurrencylab.executor;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/** A PrintStream target that keeps the lines printed to it and lets a test wait for one. */
final class LineCollector extends OutputStream {
    private final ByteArrayOutputStream pending = new ByteArrayOutputStream();
    // guarded by this
    private final List<String> lines = new ArrayList<>();

    final PrintStream stream = new PrintStream(this, true, StandardCharsets.UTF_8);

    @Override
    public synchronized void write(int b) {
        if (b == '\n') {
            lines.add(pending.toString(StandardCharsets.UTF_8));
            pending.reset();
            notifyAll();
        } else {
            pending.write(b);
        }
    }

    synchronized List<String> lines() {
        return List.copyOf(lines);
    }

    /** Waits up to {@code seconds} for a line matching {@code p}; returns it, or fails. */
    synchronized String await(Predicate<String> p, long seconds) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        while (true) {
            for (String l : lines) {
                if (p.test(l)) {
                    return l;
                }
            }
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                throw new AssertionError("no line matched within " + seconds + " s; lines: " + lines);
            }
            TimeUnit.NANOSECONDS.timedWait(this, left);
        }
    }
}
