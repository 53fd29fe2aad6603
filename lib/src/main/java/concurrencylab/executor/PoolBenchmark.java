package concurrencylab.executor;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.FileDescriptor;
import java.io.FileInputStream;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

/**
 * Measures a {@link ProcessPool} against floors measured in the same run, on the same JVM:
 * <ol>
 *   <li><b>start-up</b>: creating a pool until its first result, against the start-to-exit
 *       time of a bare hello-world JVM;</li>
 *   <li><b>round trip</b> of a trivial task on a warm pool, against an 8-byte echo over the pipes
 *       of a second JVM;</li>
 *   <li><b>throughput</b> of an {@code int[]} of 100,000,000 elements (or the largest that fits
 *       the heap) sent as a task's argument, against raw bytes over the same kind of pipe.</li>
 * </ol>
 * Each figure is the median of several repetitions after a warm-up (for the round trip: of
 * every single trip, with pool and floor measured in alternating batches). It prints one line per
 * figure, ending with {@code ratio=<figure/floor>} (for throughput, {@code figure/floor} of
 * bandwidths, so higher is better there and lower is better for the others):
 *
 * <pre>
 * startup: pool-to-first-result=... ms floor(hello-world jvm)=... ms ratio=...
 * </pre>
 *
 * The echo of the round-trip floor blocks in its reads on both sides, as a plain program does;
 * the pool's threads watch their pipe for a moment before they block ({@link FrameReader},
 * {@link WorkerMain}), which spares the pool's trip the wake-ups the echo pays. On a machine
 * where waking a blocked thread is slow the pool's trip can even come out below the floor.
 *
 * <p>Run it with {@code java -cp concurrency-lab.jar concurrencylab.executor.PoolBenchmark}, or as
 * a subcommand of the command-line program. It takes about a minute and needs a heap of about
 * five times the array (default: 1/4 of RAM). Every JVM it starts is gone when it returns.
 */
public final class PoolBenchmark {
    static final int DEFAULT_ELEMENTS = 100_000_000;

    private final PrintWriter out;
    private final int repetitions;

    public PoolBenchmark(PrintWriter out, int repetitions) {
        if (repetitions < 1 || repetitions > 100) {
            throw new IllegalArgumentException("repetitions must be between 1 and 100, got " + repetitions);
        }
        this.out = out;
        this.repetitions = repetitions;
    }

    public static void main(String[] args) throws Exception {
        int repetitions = args.length > 0 ? Integer.parseInt(args[0]) : 5;
        new PoolBenchmark(new PrintWriter(System.out, true), repetitions).runAll(DEFAULT_ELEMENTS);
    }

    /** Runs the three measurements and prints their lines; returns the lines. */
    public List<String> runAll(int elements) throws Exception {
        List<String> lines = new ArrayList<>();
        lines.add(print(startup()));
        lines.add(print(roundTrip()));
        lines.add(print(throughput(elements)));
        return lines;
    }

    private String print(String line) {
        out.println(line);
        out.flush();
        return line;
    }

    // ---------------------------------------------------------------- (a) start-up

    String startup() throws Exception {
        List<String> hello = partnerCommand(Hello.class);
        double[] floor = new double[repetitions];
        double[] pool = new double[repetitions];
        for (int i = -1; i < repetitions; i++) { // i = -1: warm-up of both
            long t0 = System.nanoTime();
            Process p = new ProcessBuilder(hello).redirectErrorStream(true).start();
            p.getInputStream().readAllBytes();
            if (p.waitFor() != 0) {
                throw new IllegalStateException("hello-world JVM failed: " + hello);
            }
            double floorMs = (System.nanoTime() - t0) / 1e6;

            long t1 = System.nanoTime();
            double poolMs;
            try (ProcessPool pp = ProcessPool.newPool(1)) {
                pp.submit(new Trivial()).get();
                poolMs = (System.nanoTime() - t1) / 1e6;
            }
            if (i >= 0) {
                floor[i] = floorMs;
                pool[i] = poolMs;
            }
        }
        double f = median(floor);
        double m = median(pool);
        return String.format(Locale.ROOT, "startup: pool-to-first-result=%.1f ms floor(hello-world jvm start-to-exit)=%.1f ms ratio=%.2f",
                m, f, m / f);
    }

    /** The floor of (a): the least a JVM does. */
    public static final class Hello {
        public static void main(String[] args) {
            System.out.println("hello");
        }
    }

    /** A task that does nothing but travel. */
    record Trivial() implements Callable<Integer>, Serializable {
        @Override
        public Integer call() {
            return 1;
        }
    }

    // ---------------------------------------------------------------- (b) round trip

    /** Round trips per batch of (b); the echo and the pool take turns, one batch each. */
    static final int TRIP_BATCH = 1000;
    /**
     * The pause before each batch of (b). On a virtual machine (where this was measured, 2
     * processors), an echo kept busy without pauses took 44 to 67 us per trip, while the same
     * echo with a pause of 10 ms between its batches took 7 to 10 us: waking a halted virtual
     * processor is fast or slow depending on the recent pattern of halts. The pause gives the
     * floor its fast case, so the ratio is not flattered by a slow floor.
     */
    static final long TRIP_PAUSE_MILLIS = 10;
    /** Batches of each of (b) run before measuring, so both sides are compiled and warm. */
    static final int TRIP_WARMUP_BATCHES = 40;

    /**
     * (b): the echo and the pool are both started and warmed up, then measured in alternating
     * batches, each after a pause of {@value #TRIP_PAUSE_MILLIS} ms, so that a burst of load from
     * other processes hits both alike; each reported figure is the median of all its individually
     * timed round trips ({@code 2 * repetitions} batches of {@value #TRIP_BATCH} each).
     */
    String roundTrip() throws Exception {
        int measured = 2 * repetitions;
        long[] echoTrips = new long[measured * TRIP_BATCH];
        long[] poolTrips = new long[measured * TRIP_BATCH];
        Process echo = startEcho();
        try (ProcessPool pool = ProcessPool.newPool(1)) {
            DataOutputStream toEcho = new DataOutputStream(new BufferedOutputStream(echo.getOutputStream(), 1 << 16));
            DataInputStream fromEcho = new DataInputStream(new BufferedInputStream(echo.getInputStream(), 1 << 16));
            toEcho.writeByte('e');
            Trivial task = new Trivial();
            for (int b = -TRIP_WARMUP_BATCHES; b < measured; b++) {
                int at = Math.max(b, 0) * TRIP_BATCH; // warm-up batches are overwritten
                Thread.sleep(TRIP_PAUSE_MILLIS);
                for (int k = 0; k < TRIP_BATCH; k++) {
                    long t0 = System.nanoTime();
                    toEcho.writeLong(k);
                    toEcho.flush();
                    if (fromEcho.readLong() != k) {
                        throw new IllegalStateException("echo answered wrongly");
                    }
                    echoTrips[at + k] = System.nanoTime() - t0;
                }
                Thread.sleep(TRIP_PAUSE_MILLIS);
                for (int k = 0; k < TRIP_BATCH; k++) {
                    long t0 = System.nanoTime();
                    if (pool.submit(task).get() != 1) {
                        throw new IllegalStateException("the trivial task answered wrongly");
                    }
                    poolTrips[at + k] = System.nanoTime() - t0;
                }
            }
            toEcho.close();
            echo.waitFor();
        } finally {
            echo.destroyForcibly();
        }
        double floor = median(echoTrips) / 1e3;
        double figure = median(poolTrips) / 1e3;
        return String.format(Locale.ROOT, "round-trip: trivial-task=%.1f us floor(8-byte echo between two jvms)=%.1f us ratio=%.2f",
                figure, floor, figure / floor);
    }

    private static double median(long[] values) {
        long[] s = values.clone();
        Arrays.sort(s);
        int n = s.length;
        return n % 2 == 1 ? s[n / 2] : (s[n / 2 - 1] + s[n / 2]) / 2.0;
    }

    // ---------------------------------------------------------------- (c) throughput

    String throughput(int requested) throws Exception {
        int elements = largestThatFits(requested);
        int[] data = new int[elements];
        Arrays.setAll(data, i -> i);
        long bytes = 4L * elements;

        double floor;
        Process sink = startEcho();
        try {
            DataOutputStream toSink = new DataOutputStream(new BufferedOutputStream(sink.getOutputStream(), 1 << 16));
            DataInputStream fromSink = new DataInputStream(new BufferedInputStream(sink.getInputStream(), 1 << 16));
            toSink.writeByte('s');
            // The pool's chunk size: larger calls make the JDK allocate a native buffer per call
            // (see Frames.CHUNK), which would slow the floor, not the pipe.
            byte[] chunk = new byte[Frames.CHUNK];
            double[] rates = new double[repetitions];
            for (int i = -1; i < repetitions; i++) {
                long t0 = System.nanoTime();
                toSink.writeLong(bytes);
                for (long left = bytes; left > 0; left -= chunk.length) {
                    toSink.write(chunk, 0, (int) Math.min(chunk.length, left));
                }
                toSink.flush();
                if (fromSink.readLong() != bytes) {
                    throw new IllegalStateException("sink counted wrongly");
                }
                if (i >= 0) {
                    rates[i] = bytes / ((System.nanoTime() - t0) / 1e9);
                }
            }
            floor = median(rates);
            toSink.close();
            sink.waitFor();
        } finally {
            sink.destroyForcibly();
        }

        double figure;
        try (ProcessPool pool = ProcessPool.newPool(1)) {
            pool.submit(new Trivial()).get(); // the worker is up: measure the transfer, not the start
            double[] rates = new double[repetitions];
            for (int i = -1; i < repetitions; i++) {
                long t0 = System.nanoTime();
                int n = pool.submit(new Length(data)).get();
                long nanos = System.nanoTime() - t0;
                if (n != elements) {
                    throw new IllegalStateException("worker saw " + n + " elements");
                }
                if (i >= 0) {
                    rates[i] = bytes / (nanos / 1e9);
                }
            }
            figure = median(rates);
        }
        return String.format(Locale.ROOT, "throughput: int[%,d] as argument=%.0f MB/s floor(raw bytes over a pipe)=%.0f MB/s ratio=%.2f",
                elements, figure / 1e6, floor / 1e6, figure / floor);
    }

    private static int largestThatFits(int requested) {
        long max = Runtime.getRuntime().maxMemory();
        // the array, its serialized copy while it grows (up to 3x), with room to spare
        long fits = max / (4L * 5);
        return (int) Math.min(requested, Math.max(1_000_000, fits));
    }

    /** Sends an {@code int[]} and returns its length: the cost is all in the trip. */
    record Length(int[] values) implements Callable<Integer>, Serializable {
        @Override
        public Integer call() {
            return values.length;
        }
    }

    // ---------------------------------------------------------------- the floors' partner JVM

    private static Process startEcho() throws IOException {
        return new ProcessBuilder(partnerCommand(Echo.class)).redirectError(ProcessBuilder.Redirect.INHERIT).start();
    }

    /** A bare JVM like the workers' (same java, the library's class path) running {@code main}. */
    private static List<String> partnerCommand(Class<?> main) {
        return List.of(WorkerLauncher.javaExecutable(), "-cp",
                String.valueOf(WorkerClassPath.locationOf(PoolBenchmark.class)), main.getName());
    }

    /**
     * The partner JVM of the floors. First byte {@code e}: echo 8-byte messages until end of
     * input. First byte {@code s}: repeatedly read a length and that many bytes, answer the
     * length.
     */
    public static final class Echo {
        public static void main(String[] args) throws IOException {
            DataInputStream in = new DataInputStream(new BufferedInputStream(new FileInputStream(FileDescriptor.in), 1 << 16));
            DataOutputStream out = new DataOutputStream(new BufferedOutputStream(new FileOutputStream(FileDescriptor.out), 1 << 16));
            int mode = in.read();
            try {
                if (mode == 'e') {
                    while (true) {
                        out.writeLong(in.readLong());
                        out.flush();
                    }
                }
                byte[] chunk = new byte[Frames.CHUNK];
                while (true) {
                    long length = in.readLong();
                    for (long left = length; left > 0; ) {
                        int n = in.read(chunk, 0, (int) Math.min(chunk.length, left));
                        if (n < 0) {
                            return;
                        }
                        left -= n;
                    }
                    out.writeLong(length);
                    out.flush();
                }
            } catch (java.io.EOFException end) {
                // the benchmark closed the pipe
            }
        }
    }

    private static double median(double[] values) {
        double[] s = values.clone();
        Arrays.sort(s);
        int n = s.length;
        return n % 2 == 1 ? s[n / 2] : (s[n / 2 - 1] + s[n / 2]) / 2;
    }

}
