package concurrencylab.jupyter;

import tech.tablesaw.api.Table;
import tech.tablesaw.columns.Column;

/**
 * A Tablesaw {@link Table} as an HTML {@code <table>} for a notebook: the table's name as the
 * caption, one header cell per column, the cells as Tablesaw prints them.
 *
 * <pre>{@code
 * String html = HtmlTable.of(summary);          // at most MAX_ROWS rows shown
 * }</pre>
 *
 * <p>Result tables with one row per run can be long; past {@link #MAX_ROWS} rows the first
 * {@link #HEAD_ROWS} are shown followed by a row that says how many were left out, the way
 * Tablesaw's own {@code print()} abridges.
 */
public final class HtmlTable {

    /** Tables up to this many rows are shown whole. */
    public static final int MAX_ROWS = 30;
    /** Rows shown from a longer table. */
    public static final int HEAD_ROWS = 20;

    private HtmlTable() {
    }

    /** The table as HTML; cell text is escaped, so any value shows as written. */
    public static String of(Table table) {
        int rows = table.rowCount();
        int shown = rows <= MAX_ROWS ? rows : HEAD_ROWS;
        StringBuilder html = new StringBuilder(256 + 64 * (shown + 1) * Math.max(1, table.columnCount()));
        html.append("<table>\n");
        if (table.name() != null && !table.name().isBlank()) {
            html.append("<caption>").append(escape(table.name())).append("</caption>\n");
        }
        html.append("<thead><tr>");
        for (Column<?> column : table.columns()) {
            html.append("<th>").append(escape(column.name())).append("</th>");
        }
        html.append("</tr></thead>\n<tbody>\n");
        for (int row = 0; row < shown; row++) {
            html.append("<tr>");
            for (Column<?> column : table.columns()) {
                html.append("<td>").append(escape(column.getString(row))).append("</td>");
            }
            html.append("</tr>\n");
        }
        if (shown < rows) {
            int left = rows - shown;
            html.append("<tr><td colspan=\"").append(Math.max(1, table.columnCount())).append("\">… ")
                    .append(left).append(left == 1 ? " more row" : " more rows").append(" (")
                    .append(rows).append(" in all)</td></tr>\n");
        }
        html.append("</tbody>\n</table>");
        return html.toString();
    }

    static String escape(String text) {
        StringBuilder out = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '"' -> out.append("&quot;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }
}
