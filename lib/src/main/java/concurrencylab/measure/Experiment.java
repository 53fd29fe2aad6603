package concurrencylab.measure;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;
import tech.tablesaw.columns.Column;

/**
 * Runs a timed body over a grid of parameters, with warm-up runs (not recorded) and
 * repetitions (recorded), and returns one table row per recorded run.
 *
 * <pre>{@code
 * Table runs = Experiment.named("pattern1")
 *     .param("executor", "thread", "process")      // text (or enum) parameter
 *     .param("workers", 1, 2, 3)                   // int parameter (also long, double, List)
 *     .warmups(1).repetitions(5)
 *     .run(p -> heavyTask(p.string("executor"), p.integer("workers")));
 * Summary summary = Summary.of(runs);
 * }</pre>
 *
 * <h2>The table</h2>
 * Columns, in order: {@code scenario} (the experiment's name), one column per parameter in
 * declaration order (text for strings and enums, written by name; int, long or double for
 * numbers), {@code repetition} (1-based int), {@code seconds} (double), then one double column
 * per metric the body reported with {@link Run#metric}. Rows follow the grid: the first
 * parameter varies slowest. {@link Summary#of(Table)} relies on this layout.
 *
 * <h2>Order of the runs</h2>
 * By default each grid point runs its warm-ups and repetitions back to back, then the next
 * point starts. The first point is then measured while the JIT is still compiling what every
 * point uses, and later points inherit its warm code: a grid of equal work can show the first
 * point slower. {@link #interleaved()} runs round-robin instead: a warm-up of every point, then
 * repetition 1 of every point, then repetition 2, and so on, so that JIT warm-up, a busy
 * machine and a heap that grows spread over all points alike. The table keeps grid order
 * either way.
 *
 * <h2>Timing</h2>
 * Each run times the whole body with {@link System#nanoTime()}, or only the sections the
 * body wraps in {@link Run#timed}. Resources given to {@link Run#track} are closed after the
 * clock stops. For a warm-up curve (the first runs of a fresh JVM against its steady state)
 * use {@link #firstRuns}, which skips warm-ups.
 *
 * <h2>Progress</h2>
 * Prints to {@code System.out} unless told otherwise ({@link #progress}, {@link #quiet}): a
 * header, one line per grid point with its median, elapsed time and an estimate of the time
 * left, a line per run only when a run takes over two seconds, and a closing line:
 * <pre>
 * pattern1: 6 grid points x (1 warm-up + 5 repetitions) = 36 runs
 * [1/6] executor=thread workers=1: median 1.02 s  elapsed 6.2 s, ~31.0 s left
 * </pre>
 *
 * <h2>Failures and interruption</h2>
 * An exception from the body ends the experiment with a {@link MeasurementException} whose
 * message names the grid point and the run. The harness checks the thread's interrupt status
 * before every run and throws {@link InterruptedException} (so a notebook's stop button ends a
 * measurement between runs); inside a run the body must respond to interruption itself. Either
 * way the run's tracked resources are closed, executors with {@code shutdownNow}.
 *
 * <p>An experiment is a mutable builder, not thread-safe: configure and run it on one thread.
 * It can be run again; each {@code run} returns a fresh table.
 */
public final class Experiment {

    /** Column names the harness and {@link Summary} write; parameters and metrics may not use them. */
    static final Set<String> RESERVED = Set.of(Summary.SCENARIO, Summary.REPETITION, Summary.SECONDS,
            Summary.COUNT, Summary.MEDIAN, Summary.MIN, Summary.MAX, Summary.MEAN, Summary.SPEEDUP);

    /** A run slower than this gets its own progress line. */
    static final double SLOW_RUN_SECONDS = 2.0;

    /** What an experiment measures, once per run. */
    @FunctionalInterface
    public interface Body {
        void run(Run run) throws Exception;
    }

    private final String name;
    private final List<Parameter> parameters = new ArrayList<>();
    private int warmups = 1;
    private int repetitions = 5;
    private PrintStream progress = System.out;
    private double slowRunSeconds = SLOW_RUN_SECONDS;
    private boolean interleaved;

    private Experiment(String name) {
        this.name = name;
    }

    /** A new experiment; the name goes into the table's {@code scenario} column. */
    public static Experiment named(String name) {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("an experiment needs a non-blank name, got '" + name + "'");
        }
        return new Experiment(name);
    }

    /** Adds a text parameter. */
    public Experiment param(String name, String... values) {
        return param(name, Arrays.asList(values));
    }

    /** Adds an enum parameter, written to the table by {@link Enum#name()}. */
    @SafeVarargs
    public final <E extends Enum<E>> Experiment param(String name, E... values) {
        List<Object> list = new ArrayList<>(values.length); // copied element by element: the array never escapes
        for (E value : values) {
            list.add(value);
        }
        return param(name, list);
    }

    /** Adds an int parameter. */
    public Experiment param(String name, int... values) {
        return param(name, Arrays.stream(values).boxed().toList());
    }

    /** Adds a long parameter. */
    public Experiment param(String name, long... values) {
        return param(name, Arrays.stream(values).boxed().toList());
    }

    /** Adds a double parameter. */
    public Experiment param(String name, double... values) {
        return param(name, Arrays.stream(values).boxed().toList());
    }

    /**
     * Adds a parameter whose values are all strings/enums, all Integers, all Longs or all
     * Doubles (for sizes chosen with {@code Mode.current().pick(List.of(...), List.of(...))}).
     *
     * @throws IllegalArgumentException if the name is taken or reserved, the list is empty,
     *                                  or its values are of mixed or unsupported types
     */
    public Experiment param(String name, List<?> values) {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("a parameter needs a non-blank name, got '" + name + "'");
        }
        if (RESERVED.contains(name)) {
            throw new IllegalArgumentException("parameter name '" + name + "' is reserved for a column the harness "
                    + "writes; reserved: " + RESERVED);
        }
        if (parameters.stream().anyMatch(p -> p.name().equals(name))) {
            throw new IllegalArgumentException("parameter '" + name + "' is already defined in " + this.name);
        }
        if (values == null || values.isEmpty()) {
            throw new IllegalArgumentException("parameter '" + name + "' needs at least one value");
        }
        if (values.stream().anyMatch(Objects::isNull)) {
            throw new IllegalArgumentException("parameter '" + name + "' has a null value: " + values);
        }
        Set<Parameter.Kind> kinds = values.stream().map(v -> kindOf(name, v)).collect(Collectors.toSet());
        if (kinds.size() > 1) {
            throw new IllegalArgumentException("parameter '" + name + "' mixes value types " + kinds
                    + " in " + values + "; use one type per parameter");
        }
        if (new LinkedHashSet<>(values).size() != values.size()) {
            throw new IllegalArgumentException("parameter '" + name + "' repeats a value: " + values
                    + "; use repetitions(...) to run a point several times");
        }
        parameters.add(new Parameter(name, kinds.iterator().next(), List.<Object>copyOf(values))); // copied once: Parameter keeps this list
        return this;
    }

    private static Parameter.Kind kindOf(String name, Object value) {
        if (value instanceof String || value instanceof Enum<?>) {
            return Parameter.Kind.TEXT;
        }
        if (value instanceof Integer) {
            return Parameter.Kind.INT;
        }
        if (value instanceof Long) {
            return Parameter.Kind.LONG;
        }
        if (value instanceof Double) {
            return Parameter.Kind.DOUBLE;
        }
        throw new IllegalArgumentException("parameter '" + name + "' has value " + value + " of type "
                + value.getClass().getSimpleName() + "; allowed: String, enum, Integer, Long, Double");
    }

    /** Unrecorded runs before each grid point's repetitions (default 1; 0 allowed). */
    public Experiment warmups(int warmups) {
        if (warmups < 0) {
            throw new IllegalArgumentException("warmups must be >= 0, got " + warmups);
        }
        this.warmups = warmups;
        return this;
    }

    /** Recorded runs per grid point (default 5; at least 1). */
    public Experiment repetitions(int repetitions) {
        if (repetitions < 1) {
            throw new IllegalArgumentException("repetitions must be >= 1, got " + repetitions);
        }
        this.repetitions = repetitions;
        return this;
    }

    /**
     * Runs the grid round-robin: each warm-up round, then each repetition round, visits every
     * grid point once (see "Order of the runs" in the class comment). The table is the same
     * shape and in the same grid order as without it.
     */
    public Experiment interleaved() {
        return interleaved(true);
    }

    /** Round-robin order if {@code true} (see {@link #interleaved()}), grid order (the default) if not. */
    public Experiment interleaved(boolean interleaved) {
        this.interleaved = interleaved;
        return this;
    }

    /** True if the runs go round-robin over the grid points (see {@link #interleaved()}). */
    public boolean isInterleaved() {
        return interleaved;
    }

    /** Where progress lines go (default {@code System.out}). */
    public Experiment progress(PrintStream out) {
        this.progress = Objects.requireNonNull(out, "out (use quiet() for no progress)");
        return this;
    }

    /** No progress lines. */
    public Experiment quiet() {
        this.progress = null;
        return this;
    }

    /** For tests: the duration above which a single run gets its own progress line. */
    Experiment slowRunSeconds(double seconds) {
        this.slowRunSeconds = seconds;
        return this;
    }

    /** The number of grid points: the product of the parameters' value counts. */
    public int gridSize() {
        int size = 1;
        for (Parameter p : parameters) {
            size = Math.multiplyExact(size, p.values().size());
        }
        return size;
    }

    /**
     * Runs the experiment: for every grid point, the warm-ups, then the recorded repetitions
     * (point by point, or round-robin when {@link #interleaved()}).
     *
     * @return one row per recorded run, laid out as the class comment says
     * @throws InterruptedException if the thread is interrupted (checked before every run) or
     *                              the body throws it
     * @throws MeasurementException if the body throws anything else
     */
    public Table run(Body body) throws InterruptedException {
        Objects.requireNonNull(body, "body");
        List<Map<String, Object>> grid = grid();
        Progress printer = new Progress(progress, name, grid.size(), warmups, repetitions, slowRunSeconds, interleaved);
        List<List<Result>> results = interleaved ? runInterleaved(body, grid, printer) : runInGridOrder(body, grid, printer);
        printer.finished();
        return table(results.stream().flatMap(List::stream).toList());
    }

    /** Each point's warm-ups and repetitions back to back; returns each point's results. */
    private List<List<Result>> runInGridOrder(Body body, List<Map<String, Object>> grid, Progress printer)
            throws InterruptedException {
        List<List<Result>> results = new ArrayList<>();
        for (int i = 0; i < grid.size(); i++) {
            Map<String, Object> point = grid.get(i);
            String label = label(parameters, point, name);
            for (int w = 1; w <= warmups; w++) {
                warmup(body, point, w, i, label, printer);
            }
            List<Result> pointResults = new ArrayList<>();
            for (int r = 1; r <= repetitions; r++) {
                pointResults.add(repetition(body, point, r, i, label, printer));
            }
            results.add(pointResults);
            printer.pointDone(i, label, medianSeconds(pointResults));
        }
        return results;
    }

    /** Round-robin: every point's warm-up w, for each w; then every point's repetition r, for each r. */
    private List<List<Result>> runInterleaved(Body body, List<Map<String, Object>> grid, Progress printer)
            throws InterruptedException {
        List<String> labels = grid.stream().map(point -> label(parameters, point, name)).toList();
        for (int w = 1; w <= warmups; w++) {
            for (int i = 0; i < grid.size(); i++) {
                warmup(body, grid.get(i), w, i, labels.get(i), printer);
            }
            printer.roundDone("warm-up round " + w + "/" + warmups);
        }
        List<List<Result>> results = new ArrayList<>();
        grid.forEach(point -> results.add(new ArrayList<>()));
        for (int r = 1; r <= repetitions; r++) {
            for (int i = 0; i < grid.size(); i++) {
                results.get(i).add(repetition(body, grid.get(i), r, i, labels.get(i), printer));
            }
            printer.roundDone("repetition round " + r + "/" + repetitions);
        }
        for (int i = 0; i < grid.size(); i++) {
            printer.pointDone(i, labels.get(i), medianSeconds(results.get(i)));
        }
        return results;
    }

    private void warmup(Body body, Map<String, Object> point, int w, int pointIndex, String label, Progress printer)
            throws InterruptedException {
        Run run = new Run(name, parameters, point, true, w, warmups);
        double seconds = runOnce(body, run, "warm-up " + w + "/" + warmups);
        printer.ranOne(pointIndex, label, "warm-up " + w + "/" + warmups, seconds);
    }

    private Result repetition(Body body, Map<String, Object> point, int r, int pointIndex, String label,
                              Progress printer) throws InterruptedException {
        Run run = new Run(name, parameters, point, false, r, repetitions);
        double seconds = runOnce(body, run, "repetition " + r + "/" + repetitions);
        printer.ranOne(pointIndex, label, "rep " + r + "/" + repetitions, seconds);
        return new Result(point, r, seconds, Map.copyOf(run.metrics()));
    }

    private static double medianSeconds(List<Result> results) {
        DoubleColumn seconds = DoubleColumn.create(Summary.SECONDS);
        results.forEach(result -> seconds.append(result.seconds()));
        return seconds.median();
    }

    /**
     * Times the first {@code runs} runs of each grid point with no warm-up: the table shows
     * how the JIT turns slow first runs into a fast steady state ({@code repetition} = run index).
     */
    public Table firstRuns(int runs, Body body) throws InterruptedException {
        int savedWarmups = warmups;
        int savedRepetitions = repetitions;
        try {
            return warmups(0).repetitions(runs).run(body);
        } finally {
            warmups = savedWarmups;
            repetitions = savedRepetitions;
        }
    }

    private record Result(Map<String, Object> point, int repetition, double seconds, Map<String, Double> metrics) {}

    private double runOnce(Body body, Run run, String stage) throws InterruptedException {
        if (Thread.interrupted()) {
            throw new InterruptedException(name + " interrupted before " + run.label() + " " + stage);
        }
        long start = System.nanoTime();
        try {
            body.run(run);
        } catch (InterruptedException e) {
            run.closeAbandoned(e);
            Thread.interrupted(); // the exception now carries the interrupt
            throw interrupted(run, stage, e);
        } catch (Exception e) {
            run.closeAbandoned(e);
            if (Thread.interrupted()) {
                throw interrupted(run, stage, e);
            }
            throw new MeasurementException(name + " failed at " + run.label() + " (" + stage + "): " + e,
                    run.parameters(), e);
        } catch (Error e) {
            run.closeAbandoned(e);
            throw e;
        }
        long bodyNanos = System.nanoTime() - start;
        try {
            run.closeNormally();
        } catch (InterruptedException e) {
            throw interrupted(run, stage, e);
        } catch (Exception e) {
            throw new MeasurementException(name + " could not close what " + run.label() + " (" + stage
                    + ") tracked: " + e, run.parameters(), e);
        }
        return run.seconds(bodyNanos);
    }

    private InterruptedException interrupted(Run run, String stage, Exception cause) {
        InterruptedException e = new InterruptedException(name + " interrupted at " + run.label() + " (" + stage + ")");
        e.initCause(cause);
        return e;
    }

    /** The grid points in order, the first parameter varying slowest. */
    private List<Map<String, Object>> grid() {
        List<Map<String, Object>> points = new ArrayList<>();
        points.add(new LinkedHashMap<>());
        for (Parameter parameter : parameters) {
            List<Map<String, Object>> next = new ArrayList<>();
            for (Map<String, Object> point : points) {
                for (Object value : parameter.values()) {
                    Map<String, Object> extended = new LinkedHashMap<>(point);
                    extended.put(parameter.name(), value);
                    next.add(extended);
                }
            }
            points = next;
        }
        return points;
    }

    /** {@code executor=thread workers=2}, or the scenario name for an experiment without parameters. */
    static String label(List<Parameter> parameters, Map<String, Object> point, String scenario) {
        if (parameters.isEmpty()) {
            return scenario;
        }
        return parameters.stream().map(p -> p.label(point.get(p.name()))).collect(Collectors.joining(" "));
    }

    private Table table(List<Result> results) {
        StringColumn scenario = StringColumn.create(Summary.SCENARIO);
        List<Column<?>> parameterColumns = new ArrayList<>();
        for (Parameter parameter : parameters) {
            parameterColumns.add(parameter.kind().newColumn(parameter.name()));
        }
        IntColumn repetition = IntColumn.create(Summary.REPETITION);
        DoubleColumn seconds = DoubleColumn.create(Summary.SECONDS);
        Map<String, DoubleColumn> metricColumns = new LinkedHashMap<>();
        for (Result result : results) {
            for (String metric : result.metrics().keySet()) {
                metricColumns.computeIfAbsent(metric, DoubleColumn::create);
            }
        }
        for (Result result : results) {
            scenario.append(name);
            for (int p = 0; p < parameters.size(); p++) {
                Parameter parameter = parameters.get(p);
                parameter.append(parameterColumns.get(p), result.point().get(parameter.name()));
            }
            repetition.append(result.repetition());
            seconds.append(result.seconds());
            metricColumns.forEach((metric, column) -> {
                Double value = result.metrics().get(metric);
                if (value == null) {
                    column.appendMissing();
                } else {
                    column.append(value);
                }
            });
        }
        Table table = Table.create(name);
        table.addColumns(scenario);
        parameterColumns.forEach(table::addColumns);
        table.addColumns(repetition, seconds);
        metricColumns.values().forEach(table::addColumns);
        return table;
    }
}
