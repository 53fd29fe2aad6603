package concurrencylab.chart;

import concurrencylab.measure.Summary;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.markers.SeriesMarkers;
import tech.tablesaw.api.NumericColumn;
import tech.tablesaw.api.Table;

/** Draws the line charts of {@link Charts}: summaries (median, min, max) and run-index curves. */
final class XYCharts {

    private XYCharts() {
    }

    static XYChart summary(Summary summary, String x, ChartBuilder<XYChart> options) {
        Table table = summary.table();
        NumericColumn<?> xs = SeriesData.numeric(table, x, "x axis");
        SeriesData.requireColumn(table, options.series, "series");
        Map<String, List<Integer>> series = SeriesData.split(table, options.series, "median");
        SeriesData.requireOnePerX(table, series, x, summary.parameters(), options.series);
        if (options.logX || options.logY) {
            requirePositive(table, x, options.logX, options.logY);
        }

        XYChart chart = newChart(options);
        int index = 0;
        for (Map.Entry<String, List<Integer>> entry : series.entrySet()) {
            List<Integer> rows = entry.getValue().stream()
                    .sorted(Comparator.comparingDouble(xs::getDouble)).toList();
            double[] xValues = rows.stream().mapToDouble(xs::getDouble).toArray();
            String name = entry.getKey();
            String prefix = options.series == null ? "" : name + " ";
            addLine(chart, name, xValues, values(table, "median", rows), index, 2.5f);
            for (String bound : List.of("min", "max")) {
                XYSeries line = chart.addSeries(prefix + bound, xValues, values(table, bound, rows));
                line.setLineColor(ChartStyle.faint(ChartStyle.color(index)));
                line.setLineStyle(ChartStyle.DASHED);
                line.setMarker(SeriesMarkers.NONE);
                line.setShowInLegend(false);
            }
            index++;
        }
        return chart;
    }

    static XYChart runs(Table runs, ChartBuilder<XYChart> options) {
        NumericColumn<?> index = SeriesData.numeric(runs, "repetition", "run index");
        NumericColumn<?> seconds = SeriesData.numeric(runs, "seconds", "y axis");
        SeriesData.requireColumn(runs, options.series, "series");
        Map<String, List<Integer>> series = SeriesData.split(runs, options.series, "elapsed");
        SeriesData.requireOnePerX(runs, series, "repetition", runs.columnNames(), options.series);
        if (options.logY) {
            requirePositive(runs, "repetition", false, true);
        }
        XYChart chart = newChart(options);
        int i = 0;
        for (Map.Entry<String, List<Integer>> entry : series.entrySet()) {
            List<Integer> rows = entry.getValue().stream()
                    .sorted(Comparator.comparingDouble(index::getDouble)).toList();
            addLine(chart, entry.getKey(), rows.stream().mapToDouble(index::getDouble).toArray(),
                    rows.stream().mapToDouble(seconds::getDouble).toArray(), i++, 1.5f);
        }
        return chart;
    }

    /** A solid line with circle markers in the palette's colour number {@code index}. */
    private static void addLine(XYChart chart, String name, double[] x, double[] y, int index, float width) {
        XYSeries line = chart.addSeries(name, x, y);
        line.setLineColor(ChartStyle.color(index));
        line.setMarkerColor(ChartStyle.color(index));
        line.setMarker(SeriesMarkers.CIRCLE);
        line.setLineWidth(width);
    }

    private static XYChart newChart(ChartBuilder<XYChart> options) {
        XYChart chart = new XYChartBuilder().width(options.width).height(options.height)
                .title(options.title).xAxisTitle(options.xLabel).yAxisTitle(options.yLabel).build();
        ChartStyle.apply(chart.getStyler());
        chart.getStyler().setXAxisLogarithmic(options.logX);
        chart.getStyler().setYAxisLogarithmic(options.logY);
        // XChart ignores a logarithmic axis once it has a formatting function: log axes get a pattern.
        if (options.logX) {
            chart.getStyler().setXAxisDecimalPattern("#,##0.###");
        } else {
            chart.getStyler().setxAxisTickLabelsFormattingFunction(ChartStyle::number);
        }
        if (!options.logY) {
            chart.getStyler().setyAxisTickLabelsFormattingFunction(ChartStyle::number);
            chart.getStyler().setYAxisMin(0.0); // an honest baseline: differences are not exaggerated
        }
        chart.getStyler().setLegendVisible(true);
        return chart;
    }

    private static double[] values(Table table, String column, List<Integer> rows) {
        return rows.stream().mapToDouble(row -> table.doubleColumn(column).getDouble(row)).toArray();
    }

    private static void requirePositive(Table table, String x, boolean logX, boolean logY) {
        for (int row = 0; row < table.rowCount(); row++) {
            if (logX && !(table.numberColumn(x).getDouble(row) > 0)) {
                throw new IllegalArgumentException("a logarithmic x axis needs positive values, but " + x + " is "
                        + table.column(x).getString(row) + " in row " + row);
            }
            if (logY) {
                for (String y : List.of("median", "min", "max", "seconds")) {
                    if (table.containsColumn(y) && !(table.numberColumn(y).getDouble(row) > 0)) {
                        throw new IllegalArgumentException("a logarithmic y axis needs positive times, but " + y
                                + " is " + table.numberColumn(y).getDouble(row) + " in row " + row);
                    }
                }
            }
        }
    }
}
