package concurrencylab.measure;

import static tech.tablesaw.aggregate.AggregateFunctions.count;
import static tech.tablesaw.aggregate.AggregateFunctions.max;
import static tech.tablesaw.aggregate.AggregateFunctions.mean;
import static tech.tablesaw.aggregate.AggregateFunctions.median;
import static tech.tablesaw.aggregate.AggregateFunctions.min;

import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.NumericColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;
import tech.tablesaw.columns.Column;
import tech.tablesaw.columns.numbers.NumberColumnFormatter;
import tech.tablesaw.selection.BitmapBackedSelection;
import tech.tablesaw.selection.Selection;

/**
 * The runs of an experiment summarised per grid point: how many runs, and the median, min,
 * max and mean of their seconds, optionally with a speed-up against a baseline. Charts are
 * drawn from it, and notebooks compute their prose from it.
 *
 * <pre>{@code
 * Summary summary = Summary.of(runs)                          // group by scenario + all parameters
 *     .withSpeedup(Map.of("workers", 1), "executor");         // per executor, against its workers=1
 * summary.table()                                             // scenario, executor, workers, count, median, min, max, mean, speedup
 * double t2 = summary.median(Map.of("executor", "thread", "workers", 2));
 * double x2 = summary.speedup(Map.of("executor", "thread", "workers", 2));
 * String prose = String.format("2 threads: %.1fx as fast as 1", x2);
 * }</pre>
 *
 * <p>Groups keep the order of the runs table (the experiment's grid order), not alphabetical
 * order. Times are in seconds. Each metric a body reported (see {@link Run#metric}) becomes a
 * column of the same name holding its median. The statistics are Tablesaw's
 * ({@code summarize(...).by(...)}).
 *
 * <p>A lookup key is a map from parameter names to values; it may leave out parameters as long
 * as it matches exactly one group (the {@code scenario} can usually be left out). Text columns
 * match strings and enums (by name); numeric columns match any {@link Number} of equal value.
 *
 * <p>Immutable: {@link #withSpeedup} and {@link #where} return new summaries, and
 * {@link #table()} returns a copy.
 */
public final class Summary {

    static final String SCENARIO = "scenario";
    static final String REPETITION = "repetition";
    static final String SECONDS = "seconds";
    static final String COUNT = "count";
    static final String MEDIAN = "median";
    static final String MIN = "min";
    static final String MAX = "max";
    static final String MEAN = "mean";
    static final String SPEEDUP = "speedup";

    private static final String GROUP = "group#";

    private final Table table;
    private final List<String> parameters;
    private final List<String> metrics;

    private Summary(Table table, List<String> parameters, List<String> metrics) {
        this.table = table;
        this.parameters = List.copyOf(parameters);
        this.metrics = List.copyOf(metrics);
    }

    /**
     * Summarises a runs table laid out as {@link Experiment} writes it: grouped by
     * {@code scenario} and every column between it and {@code repetition}; numeric columns
     * after {@code seconds} are metrics.
     *
     * @throws IllegalArgumentException if the table lacks the scenario, repetition or seconds column
     */
    public static Summary of(Table runs) {
        Objects.requireNonNull(runs, "runs");
        requireColumns(runs, SCENARIO, REPETITION, SECONDS);
        List<String> names = runs.columnNames();
        int scenario = names.indexOf(SCENARIO);
        int repetition = names.indexOf(REPETITION);
        int seconds = names.indexOf(SECONDS);
        if (!(scenario < repetition && repetition < seconds)) {
            throw new IllegalArgumentException("a runs table has the columns scenario, parameters..., repetition, "
                    + "seconds, metrics... in this order; got " + names + ". Use Summary.of(runs, parameters...)");
        }
        List<String> keys = names.subList(scenario, repetition);
        return of(runs, keys.toArray(String[]::new));
    }

    /**
     * Summarises the {@code seconds} of any table, grouped by the given columns (none: one
     * group). Numeric columns other than these, {@code repetition} and {@code seconds} are
     * metrics.
     */
    public static Summary of(Table runs, String... groupBy) {
        Objects.requireNonNull(runs, "runs");
        requireColumns(runs, SECONDS);
        requireColumns(runs, groupBy);
        List<String> keys = List.of(groupBy);
        if (!(runs.column(SECONDS) instanceof NumericColumn<?>)) {
            throw new IllegalArgumentException("column 'seconds' must be numeric, it is " + runs.column(SECONDS).type());
        }
        if (runs.rowCount() == 0) {
            throw new IllegalArgumentException("the runs table '" + runs.name() + "' has no rows to summarise");
        }
        List<String> metrics = runs.columns().stream()
                .filter(c -> c instanceof NumericColumn<?>)
                .map(Column::name)
                .filter(n -> !keys.contains(n) && !n.equals(SECONDS) && !n.equals(REPETITION))
                .toList();

        // Number the groups by first appearance, so the summary keeps the grid's order;
        // Tablesaw then does the grouping and the statistics.
        IntColumn group = IntColumn.create(GROUP);
        Map<List<String>, Integer> numbers = new HashMap<>();
        List<Integer> firstRows = new ArrayList<>();
        for (int row = 0; row < runs.rowCount(); row++) {
            List<String> key = new ArrayList<>(keys.size());
            for (String k : keys) {
                key.add(runs.column(k).getUnformattedString(row));
            }
            int r = row;
            group.append(numbers.computeIfAbsent(key, k -> {
                firstRows.add(r);
                return firstRows.size() - 1;
            }));
        }
        Table work = Table.create(runs.name(), group, runs.column(SECONDS).copy());
        for (String metric : metrics) {
            work.addColumns(runs.column(metric).copy());
        }

        Table stats = work.summarize(SECONDS, count, median, min, max, mean).by(GROUP).sortOn(GROUP);
        Table result = runs.rows(firstRows.stream().mapToInt(Integer::intValue).toArray()).selectColumns(groupBy);
        result.setName(runs.name());
        IntColumn counts = IntColumn.create(COUNT);
        stats.numberColumn(1).forEach(c -> counts.append(c.intValue()));
        result.addColumns(counts,
                stats.doubleColumn(2).copy().setName(MEDIAN),
                stats.doubleColumn(3).copy().setName(MIN),
                stats.doubleColumn(4).copy().setName(MAX),
                stats.doubleColumn(5).copy().setName(MEAN));
        for (String metric : metrics) {
            Table metricStats = work.summarize(metric, median).by(GROUP).sortOn(GROUP);
            result.addColumns(metricStats.doubleColumn(1).copy().setName(metric));
        }
        return new Summary(result, keys, metrics);
    }

    private static void requireColumns(Table table, String... names) {
        for (String name : names) {
            if (!table.containsColumn(name)) {
                throw new IllegalArgumentException("table '" + table.name() + "' has no column '" + name
                        + "'; its columns: " + table.columnNames());
            }
        }
    }

    /**
     * Adds a {@code speedup} column: the baseline group's median divided by each group's
     * median (2.0 = twice as fast as the baseline). With {@code per} columns, each group is
     * compared with the baseline that shares its values in those columns: e.g.
     * {@code withSpeedup(Map.of("workers", 1), "executor")} compares every executor with its own
     * single worker.
     *
     * @throws IllegalArgumentException if a name is not a parameter, or some group has no
     *                                  baseline or more than one
     */
    public Summary withSpeedup(Map<String, ?> baseline, String... per) {
        Objects.requireNonNull(baseline, "baseline");
        requireParameters(baseline.keySet());
        requireParameters(List.of(per));
        for (String p : per) {
            if (baseline.containsKey(p)) {
                throw new IllegalArgumentException("'" + p + "' is both in the baseline " + baseline
                        + " and in per " + List.of(per) + "; a per column takes each group's own value");
            }
        }
        DoubleColumn baselineMedian = DoubleColumn.create("baseline median");
        for (int row = 0; row < table.rowCount(); row++) {
            Map<String, Object> key = new LinkedHashMap<>(baseline);
            for (String p : per) {
                key.put(p, table.column(p).get(row));
            }
            baselineMedian.append(table.doubleColumn(MEDIAN).get(rowOf(key, "baseline")));
        }
        Table copy = table.copy();
        if (copy.containsColumn(SPEEDUP)) {
            copy.removeColumns(SPEEDUP);
        }
        copy.addColumns(baselineMedian.divide(copy.doubleColumn(MEDIAN)).setName(SPEEDUP));
        return new Summary(copy, parameters, metrics);
    }

    /** The groups that match {@code filter} (same matching rules as lookups), in order. */
    public Summary where(Map<String, ?> filter) {
        requireParameters(filter.keySet());
        Table rows = table.where(select(filter));
        if (rows.isEmpty()) {
            throw new IllegalArgumentException("no group matches " + filter + "; groups: " + describeGroups());
        }
        return new Summary(rows, parameters, metrics);
    }

    /** A copy of the summary table: the parameters, count, median, min, max, mean, metrics, speedup. */
    public Table table() {
        return formatted(table.copy());
    }

    // Printing only: seconds to the microsecond, speed-ups to two decimals. Values are untouched.
    private static Table formatted(Table table) {
        for (String column : List.of(MEDIAN, MIN, MAX, MEAN)) {
            table.doubleColumn(column).setPrintFormatter(decimals(6));
        }
        if (table.containsColumn(SPEEDUP)) {
            table.doubleColumn(SPEEDUP).setPrintFormatter(decimals(2));
        }
        return table;
    }

    private static NumberColumnFormatter decimals(int places) {
        return new NumberColumnFormatter(new DecimalFormat("0." + "0".repeat(places),
                DecimalFormatSymbols.getInstance(Locale.ROOT)));
    }

    /** The grouping columns (for a runs table from an experiment: scenario and its parameters). */
    public List<String> parameters() {
        return parameters;
    }

    /** The metric columns (medians of what bodies reported with {@link Run#metric}). */
    public List<String> metrics() {
        return metrics;
    }

    /** True if {@link #withSpeedup} added a speedup column. */
    public boolean hasSpeedup() {
        return table.containsColumn(SPEEDUP);
    }

    /** Every group, in order. */
    public List<Group> groups() {
        List<Group> groups = new ArrayList<>();
        for (int row = 0; row < table.rowCount(); row++) {
            groups.add(group(row));
        }
        return groups;
    }

    /**
     * The one group that matches {@code key}.
     *
     * @throws IllegalArgumentException if none or several match, listing the groups
     */
    public Group get(Map<String, ?> key) {
        requireParameters(key.keySet());
        return group(rowOf(key, "group"));
    }

    /** The median seconds of the one group that matches {@code key}. */
    public double median(Map<String, ?> key) {
        return get(key).median();
    }

    /** The speed-up of the one group that matches {@code key}; needs {@link #withSpeedup} first. */
    public double speedup(Map<String, ?> key) {
        if (!hasSpeedup()) {
            throw new IllegalStateException("this summary has no speedup column; call withSpeedup(baseline) first");
        }
        return get(key).speedup();
    }

    /** The summary table as text. */
    @Override
    public String toString() {
        return table().print(table.rowCount());
    }

    /**
     * One group of runs.
     *
     * @param key     parameter name to value (String, Integer, Long or Double), in column order
     * @param count   number of recorded runs
     * @param median  median seconds
     * @param min     fastest run, seconds
     * @param max     slowest run, seconds
     * @param mean    mean seconds
     * @param speedup baseline median / median, or NaN without {@link #withSpeedup}
     * @param metrics metric name to its median
     */
    public record Group(Map<String, Object> key, int count, double median, double min, double max, double mean,
                        double speedup, Map<String, Double> metrics) {

        public Group {
            key = Collections.unmodifiableMap(new LinkedHashMap<>(key));
            metrics = Collections.unmodifiableMap(new LinkedHashMap<>(metrics));
        }

        /** The median of a metric the body reported. */
        public double metric(String name) {
            Double value = metrics.get(name);
            if (value == null) {
                throw new IllegalArgumentException("no metric '" + name + "'; metrics: " + metrics.keySet());
            }
            return value;
        }
    }

    // ---- lookups ----

    private Group group(int row) {
        Map<String, Object> key = new LinkedHashMap<>();
        for (String p : parameters) {
            key.put(p, table.column(p).get(row));
        }
        Map<String, Double> metricValues = new LinkedHashMap<>();
        for (String m : metrics) {
            metricValues.put(m, table.doubleColumn(m).get(row));
        }
        double speedup = hasSpeedup() ? table.doubleColumn(SPEEDUP).get(row) : Double.NaN;
        return new Group(key, table.intColumn(COUNT).get(row), table.doubleColumn(MEDIAN).get(row),
                table.doubleColumn(MIN).get(row), table.doubleColumn(MAX).get(row),
                table.doubleColumn(MEAN).get(row), speedup, metricValues);
    }

    private int rowOf(Map<String, ?> key, String what) {
        int[] rows = select(key).toArray();
        if (rows.length == 1) {
            return rows[0];
        }
        if (rows.length == 0) {
            throw new IllegalArgumentException("no " + what + " matches " + key + "; groups: " + describeGroups());
        }
        throw new IllegalArgumentException(what + " " + key + " matches " + rows.length
                + " groups; name more parameters (of " + parameters + ") to pick one; groups: " + describeGroups());
    }

    private Selection select(Map<String, ?> key) {
        Selection selection = new BitmapBackedSelection();
        rows:
        for (int row = 0; row < table.rowCount(); row++) {
            for (Map.Entry<String, ?> entry : key.entrySet()) {
                if (!matches(table.column(entry.getKey()), row, entry.getValue())) {
                    continue rows;
                }
            }
            selection.add(row);
        }
        return selection;
    }

    static boolean matches(Column<?> column, int row, Object wanted) {
        if (wanted == null || column.isMissing(row)) {
            return false;
        }
        if (column instanceof StringColumn text) {
            return text.get(row).equals(Parameter.text(wanted));
        }
        if (column instanceof NumericColumn<?> number && wanted instanceof Number n) {
            return number.getDouble(row) == n.doubleValue();
        }
        return false;
    }

    private void requireParameters(java.util.Collection<String> names) {
        for (String name : names) {
            if (!parameters.contains(name)) {
                throw new IllegalArgumentException("'" + name + "' is not a parameter of this summary; parameters: "
                        + parameters);
            }
        }
    }

    private String describeGroups() {
        return groups().stream()
                .map(g -> g.key().entrySet().stream().map(e -> e.getKey() + "=" + e.getValue())
                        .collect(Collectors.joining(" ")))
                .collect(Collectors.joining("; ", "[", "]"));
    }
}
