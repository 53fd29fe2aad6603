package concurrencylab.measure;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The handle an {@link Experiment}'s body receives for one run: the grid point's parameter
 * values, an optional clock for timing only part of the body, extra metrics to record, and
 * resources to close when the run ends.
 *
 * <pre>{@code
 * Experiment.named("pattern2")
 *     .param("size", 1_000, 1_000_000)
 *     .run(p -> {
 *         int[] data = new int[p.integer("size")];             // set-up, not timed...
 *         ExecutorService pool = p.track(Executors.newFixedThreadPool(2));
 *         long sum = p.timed(() -> pool.submit(() -> data[data.length - 1]).get());  // ...only this is
 *         p.metric("bytes", 4L * data.length);
 *     });
 * }</pre>
 *
 * <h2>What is timed</h2>
 * Without {@link #timed}, the whole body is timed. Once the body calls {@code timed}, the run's
 * seconds are the sum of its timed sections and nothing else.
 *
 * <h2>Closing</h2>
 * {@link #track} hands a resource to the harness, which closes it after the body, in reverse
 * order, outside the timing. When the body returns normally an {@link ExecutorService} is shut
 * down and awaited (its submitted tasks finish); when the body fails or the thread is
 * interrupted it is {@linkplain ExecutorService#shutdownNow() shut down now} (its workers are
 * interrupted) and awaited for at most {@value #ABANDON_GRACE_MILLIS} ms, so a stopped cell
 * leaves no busy pool behind. Other resources are {@linkplain AutoCloseable#close() closed}
 * either way. If shutting down belongs to what you measure, use try-with-resources inside the
 * body (or inside a {@code timed} section) instead.
 *
 * <h2>Interruption</h2>
 * The harness checks for interruption between runs only. Inside a run, the body is
 * responsible: call methods that throw {@link InterruptedException} (such as
 * {@code Future.get}) and let it propagate, or check {@link Thread#interrupted()} in long loops.
 *
 * <h2>Threads</h2>
 * A run is confined to the thread that runs the body: call its methods from that thread only
 * (tasks on a pool return their results to the body, which records them).
 */
public final class Run {

    /** How long an abandoned executor gets to let its interrupted workers finish. */
    static final long ABANDON_GRACE_MILLIS = 2_000;

    private final String scenario;
    private final List<Parameter> parameters;
    private final Map<String, Object> point;
    private final boolean warmup;
    private final int index;
    private final int count;

    // Confined to the body's thread, as the class comment says.
    private long timedNanos;
    private boolean timedUsed;
    private final Map<String, Double> metrics = new LinkedHashMap<>();
    private final List<AutoCloseable> tracked = new ArrayList<>();

    Run(String scenario, List<Parameter> parameters, Map<String, Object> point, boolean warmup, int index, int count) {
        this.scenario = scenario;
        this.parameters = parameters;
        this.point = point;
        this.warmup = warmup;
        this.index = index;
        this.count = count;
    }

    /** The experiment's name, as in the table's {@code scenario} column. */
    public String scenario() {
        return scenario;
    }

    /** True for a warm-up run, whose time and metrics are not recorded. */
    public boolean isWarmup() {
        return warmup;
    }

    /** 1-based number of this run among the warm-ups, or among the recorded repetitions. */
    public int repetition() {
        return index;
    }

    /** The grid point's values by parameter name, in declaration order (enums as enums). */
    public Map<String, Object> parameters() {
        return Collections.unmodifiableMap(point);
    }

    /** The value of a parameter as text: strings as they are, enums by name, numbers by toString. */
    public String string(String name) {
        return Parameter.text(value(name));
    }

    /** The value of an int parameter. */
    public int integer(String name) {
        Object value = value(name);
        if (value instanceof Integer i) {
            return i;
        }
        throw wrongKind(name, "integer", "int");
    }

    /** The value of an int or long parameter, as a long. */
    public long longValue(String name) {
        Object value = value(name);
        if (value instanceof Integer || value instanceof Long) {
            return ((Number) value).longValue();
        }
        throw wrongKind(name, "longValue", "int or long");
    }

    /** The value of a numeric parameter, as a double. */
    public double doubleValue(String name) {
        Object value = value(name);
        if (value instanceof Number n) {
            return n.doubleValue();
        }
        throw wrongKind(name, "doubleValue", "numeric");
    }

    /** The value of a parameter as a constant of {@code type}: given as that enum, or as its name. */
    public <E extends Enum<E>> E enumValue(String name, Class<E> type) {
        Object value = value(name);
        if (type.isInstance(value)) {
            return type.cast(value);
        }
        try {
            return Enum.valueOf(type, Parameter.text(value));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("parameter '" + name + "' is '" + Parameter.text(value)
                    + "', which is not a constant of " + type.getSimpleName() + " (allowed: "
                    + List.of(type.getEnumConstants()) + ")", e);
        }
    }

    /** The raw value of a parameter: String, Integer, Long, Double or an enum. */
    public Object value(String name) {
        if (!point.containsKey(name)) {
            throw new IllegalArgumentException("no parameter named '" + name + "' in " + scenario
                    + " (parameters: " + point.keySet() + ")");
        }
        return point.get(name);
    }

    /**
     * Times {@code section} and returns its result. Once a body calls {@code timed}, the run's
     * seconds are the sum of its timed sections only.
     */
    public <T> T timed(Callable<T> section) throws Exception {
        long start = System.nanoTime();
        try {
            return section.call();
        } finally {
            timedNanos += System.nanoTime() - start;
            timedUsed = true;
        }
    }

    /** Times {@code section}, as {@link #timed(Callable)} for a section without a result. */
    public void timed(Section section) throws Exception {
        timed(() -> {
            section.run();
            return null;
        });
    }

    /** A timed section without a result. */
    @FunctionalInterface
    public interface Section {
        void run() throws Exception;
    }

    /**
     * Records an extra per-run metric (a column of that name in the runs table, missing in runs
     * that do not report it). Recording the same name twice keeps the last value.
     *
     * @throws IllegalArgumentException if the name is a parameter's or a reserved column's
     */
    public void metric(String name, double value) {
        Objects.requireNonNull(name, "name");
        if (point.containsKey(name) || Experiment.RESERVED.contains(name)) {
            throw new IllegalArgumentException("metric name '" + name + "' is taken by a parameter or by a "
                    + "column the harness writes (taken: " + point.keySet() + " and " + Experiment.RESERVED + ")");
        }
        metrics.put(name, value);
    }

    /**
     * Hands {@code resource} to the harness, which closes it when this run ends (see the class
     * comment), and returns it.
     */
    public <T extends AutoCloseable> T track(T resource) {
        tracked.add(Objects.requireNonNull(resource, "resource"));
        return resource;
    }

    // ---- used by Experiment ----

    String label() {
        return Experiment.label(parameters, point, scenario);
    }

    Map<String, Double> metrics() {
        return metrics;
    }

    double seconds(long bodyNanos) {
        return (timedUsed ? timedNanos : bodyNanos) / 1e9;
    }

    /** Closes tracked resources after a normal end; executors finish their tasks. */
    void closeNormally() throws Exception {
        Exception failure = null;
        for (int i = tracked.size() - 1; i >= 0; i--) {
            AutoCloseable resource = tracked.get(i);
            try {
                if (resource instanceof ExecutorService executor) {
                    executor.shutdown();
                    while (!executor.awaitTermination(1, TimeUnit.SECONDS)) {
                        // keep waiting: an interrupt ends the wait
                    }
                } else {
                    resource.close();
                }
            } catch (InterruptedException e) {
                tracked.subList(i + 1, tracked.size()).clear();
                closeAbandoned(e);
                throw e;
            } catch (Exception e) {
                if (failure == null) {
                    failure = e;
                } else {
                    failure.addSuppressed(e);
                }
            }
        }
        tracked.clear();
        if (failure != null) {
            throw failure;
        }
    }

    /**
     * Closes tracked resources after a failure or an interrupt: executors are shut down now
     * and awaited briefly. Close failures are added to {@code primary} as suppressed. The
     * thread's interrupt status is the same afterwards as before.
     */
    void closeAbandoned(Throwable primary) {
        for (int i = tracked.size() - 1; i >= 0; i--) {
            AutoCloseable resource = tracked.get(i);
            try {
                if (resource instanceof ExecutorService executor) {
                    executor.shutdownNow();
                    awaitIgnoringInterrupt(executor);
                } else {
                    resource.close();
                }
            } catch (Exception e) {
                primary.addSuppressed(e);
            }
        }
        tracked.clear();
    }

    private static void awaitIgnoringInterrupt(ExecutorService executor) {
        boolean interrupted = Thread.interrupted();
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(ABANDON_GRACE_MILLIS);
        try {
            while (true) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return;
                }
                try {
                    if (executor.awaitTermination(left, TimeUnit.NANOSECONDS)) {
                        return;
                    }
                } catch (InterruptedException e) {
                    interrupted = true;
                }
            }
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private IllegalArgumentException wrongKind(String name, String method, String wanted) {
        Parameter parameter = parameters.stream().filter(p -> p.name().equals(name)).findFirst().orElseThrow();
        return new IllegalArgumentException("parameter '" + name + "' holds " + parameter.kind().describe()
                + " values, so " + method + "(\"" + name + "\") cannot read it (it needs " + wanted + " values)");
    }
}
