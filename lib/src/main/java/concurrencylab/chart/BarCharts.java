package concurrencylab.chart;

import concurrencylab.measure.Summary;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;
import org.knowm.xchart.CategorySeries;
import tech.tablesaw.api.Table;

/** Draws the bar charts of {@link Charts}: one bar per category (and series), height = median. */
final class BarCharts {

    private BarCharts() {
    }

    static CategoryChart summary(Summary summary, String category, ChartBuilder<CategoryChart> options) {
        Table table = summary.table();
        SeriesData.requireColumn(table, category, "categories");
        SeriesData.requireColumn(table, options.series, "series");
        Map<String, List<Integer>> series = SeriesData.split(table, options.series, "median");
        SeriesData.requireOnePerX(table, series, category, summary.parameters(), options.series);

        Set<String> categories = new LinkedHashSet<>();
        for (int row = 0; row < table.rowCount(); row++) {
            categories.add(SeriesData.name(table.column(category), row));
        }
        CategoryChart chart = new CategoryChartBuilder().width(options.width).height(options.height)
                .title(options.title).xAxisTitle(options.xLabel).yAxisTitle(options.yLabel).build();
        ChartStyle.apply(chart.getStyler());
        chart.getStyler().setLegendVisible(options.series != null);
        chart.getStyler().setLabelsVisible(true);
        chart.getStyler().setLabelsFontColorAutomaticEnabled(false);
        chart.getStyler().setLabelsFontColor(java.awt.Color.BLACK);
        chart.getStyler().setLabelsPosition(0.9);
        chart.getStyler().setLabelsFont(new java.awt.Font(java.awt.Font.SANS_SERIF, java.awt.Font.PLAIN, 11));
        chart.getStyler().setyAxisTickLabelsFormattingFunction(ChartStyle::number);
        chart.getStyler().setYAxisMin(0.0);

        int index = 0;
        for (Map.Entry<String, List<Integer>> entry : series.entrySet()) {
            Map<String, Double> byCategory = new HashMap<>(); // one row per category: requireOnePerX
            for (int row : entry.getValue()) {
                byCategory.put(SeriesData.name(table.column(category), row), table.doubleColumn("median").getDouble(row));
            }
            List<Double> medians = new ArrayList<>();
            for (String name : categories) {
                medians.add(byCategory.get(name)); // a category this series lacks gets no bar (null)
            }
            CategorySeries bars = chart.addSeries(entry.getKey(), new ArrayList<>(categories), medians);
            bars.setFillColor(ChartStyle.color(index++));
        }
        return chart;
    }
}
