package concurrencylab.measure;

import java.util.List;
import java.util.Locale;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.LongColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.columns.Column;

/**
 * One axis of an experiment's grid: a name and its values, all of one {@link Kind}.
 * Immutable. Enum values are kept as enums (so a body can ask for them back) and written
 * to the table by {@link Enum#name()}.
 */
record Parameter(String name, Kind kind, List<Object> values) {

    /** How a parameter's values are stored in the runs table. */
    enum Kind {
        TEXT, INT, LONG, DOUBLE;

        Column<?> newColumn(String name) {
            return switch (this) {
                case TEXT -> StringColumn.create(name);
                case INT -> IntColumn.create(name);
                case LONG -> LongColumn.create(name);
                case DOUBLE -> DoubleColumn.create(name);
            };
        }

        String describe() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    Parameter {
        values = List.copyOf(values);
    }

    /** Appends {@code value} (one of this parameter's values) to a column made by {@link Kind#newColumn}. */
    void append(Column<?> column, Object value) {
        switch (kind) {
            case TEXT -> ((StringColumn) column).append(text(value));
            case INT -> ((IntColumn) column).append((Integer) value);
            case LONG -> ((LongColumn) column).append((Long) value);
            case DOUBLE -> ((DoubleColumn) column).append((Double) value);
        }
    }

    /** The text a value is written as: enums by name, everything else by {@code toString}. */
    static String text(Object value) {
        return value instanceof Enum<?> e ? e.name() : String.valueOf(value);
    }

    /** {@code name=value}, as progress lines and error messages show a grid coordinate. */
    String label(Object value) {
        if (value instanceof Double d) {
            return name + "=" + (d == Math.rint(d) && Math.abs(d) < 1e15
                    ? String.format(Locale.ROOT, "%.0f", d) : d.toString());
        }
        return name + "=" + text(value);
    }
}
