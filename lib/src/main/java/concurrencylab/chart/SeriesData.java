package concurrencylab.chart;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tech.tablesaw.api.NumericColumn;
import tech.tablesaw.api.Table;
import tech.tablesaw.columns.Column;

/**
 * Splits a table's rows into named series (by the values of one column, in order of first
 * appearance) and checks that each (series, x) pair names one row.
 */
final class SeriesData {

    private SeriesData() {
    }

    /** Series name to its row numbers, in table order; one series named {@code single} without a column. */
    static Map<String, List<Integer>> split(Table table, String seriesColumn, String single) {
        Map<String, List<Integer>> series = new LinkedHashMap<>();
        for (int row = 0; row < table.rowCount(); row++) {
            String name = seriesColumn == null ? single : name(table.column(seriesColumn), row);
            series.computeIfAbsent(name, k -> new ArrayList<>()).add(row);
        }
        return series;
    }

    /** Text columns by value; numeric ones as {@code name=value}, which a legend can explain. */
    static String name(Column<?> column, int row) {
        if (column instanceof NumericColumn<?> number) {
            return column.name() + "=" + ChartStyle.number(number.getDouble(row));
        }
        return column.getString(row);
    }

    static void requireColumn(Table table, String column, String role) {
        if (column != null && !table.containsColumn(column)) {
            throw new IllegalArgumentException("no column '" + column + "' for the " + role + "; columns: "
                    + table.columnNames());
        }
    }

    static NumericColumn<?> numeric(Table table, String column, String role) {
        requireColumn(table, column, role);
        if (!(table.column(column) instanceof NumericColumn<?> number)) {
            throw new IllegalArgumentException("the " + role + " '" + column + "' must be numeric, it is "
                    + table.column(column).type() + "; use Charts.bars for text parameters");
        }
        return number;
    }

    /** Fails when two rows of one series share an x value: the chart would be ambiguous. */
    static void requireOnePerX(Table table, Map<String, List<Integer>> series, String x, List<String> parameters,
                               String seriesColumn) {
        for (Map.Entry<String, List<Integer>> entry : series.entrySet()) {
            Map<String, Integer> seen = new LinkedHashMap<>();
            for (int row : entry.getValue()) {
                String value = table.column(x).getUnformattedString(row);
                if (seen.putIfAbsent(value, row) != null) {
                    List<String> others = new ArrayList<>(parameters);
                    others.remove(x);
                    others.remove(seriesColumn);
                    throw new IllegalArgumentException("several groups of series '" + entry.getKey() + "' have "
                            + x + "=" + value + "; they differ in " + others
                            + ": pick one with summary.where(Map.of(...)) or split them with series(...)");
                }
            }
        }
    }
}
