package org.parallelcookbook.core.report;

import java.awt.BasicStroke;
import java.awt.Color;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;
import org.knowm.xchart.VectorGraphicsEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.internal.chartpart.Chart;
import org.knowm.xchart.style.AxesChartStyler;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.SeriesMarkers;
import org.parallelcookbook.core.measure.Bootstrap;
import org.parallelcookbook.core.measure.PerformanceMetrics;
import org.parallelcookbook.core.measure.ScalingPoint;
import org.parallelcookbook.core.measure.ScalingResult;

/**
 * Charts drawn with XChart and written as PNG or SVG (chosen by the file extension): the speedup
 * curve of a scaling study (with its intervals as error bars, the ideal line, Amdahl's and
 * Gustafson's curves) and bar charts of named values for custom benchmarks.
 */
public final class Charts {

    private Charts() {
    }

    /**
     * Speedup against workers: the measured curve of every variant with its intervals (the study's level) as error
     * bars, the ideal line S = p, Amdahl's curve for the serial fraction fitted to the measurements,
     * and Gustafson's scaled speedup for the same fraction.
     */
    public static XYChart speedup(ScalingResult result) {
        XYChart chart = new XYChartBuilder().width(800).height(560)
                .title(result.id() + ": speedup (" + result.cores() + " cores, JDK " + result.jdk() + ")")
                .xAxisTitle("workers p").yAxisTitle("speedup T1 / Tp").build();
        style(chart.getStyler());
        chart.getStyler().setLegendPosition(Styler.LegendPosition.InsideNW);
        List<Integer> counts = result.first().points().stream().map(ScalingPoint::workers).toList();
        int maxP = counts.stream().mapToInt(Integer::intValue).max().orElse(1);
        double[] ideal = dense(maxP);
        XYSeries id = chart.addSeries("ideal (S = p)", ideal, ideal);
        id.setMarker(SeriesMarkers.NONE);
        id.setLineColor(Color.GRAY);
        id.setLineStyle(new BasicStroke(1.5f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10, new float[] {6, 4}, 0));
        Color[] palette = {new Color(31, 119, 180), new Color(214, 39, 40), new Color(44, 160, 44),
                new Color(148, 103, 189), new Color(255, 127, 14), new Color(140, 86, 75)};
        int index = 0;
        for (ScalingResult.Series s : result.series()) {
            Color color = palette[index++ % palette.length];
            String label = result.series().size() > 1 ? s.variant() : "measured";
            double[] x = s.points().stream().mapToDouble(ScalingPoint::workers).toArray();
            double[] y = s.points().stream().mapToDouble(ScalingPoint::speedup).toArray();
            XYSeries m = chart.addSeries(label, x, y);
            m.setMarker(SeriesMarkers.CIRCLE);
            m.setLineColor(color);
            m.setMarkerColor(color);
            for (ScalingPoint p : s.points()) {
                // an error bar: a vertical segment from the interval's low to its high end
                XYSeries bar = chart.addSeries(label + " " + Bootstrap.percent(result.confidence()) + " interval at p = " + p.workers(),
                        new double[] {p.workers(), p.workers()}, new double[] {p.speedupCi().lo(), p.speedupCi().hi()});
                bar.setMarker(SeriesMarkers.NONE);
                bar.setLineColor(color);
                bar.setLineStyle(new BasicStroke(2f));
                bar.setShowInLegend(false);
            }
            double[] amdahl = new double[ideal.length];
            for (int i = 0; i < ideal.length; i++) {
                amdahl[i] = PerformanceMetrics.amdahl(1 - s.serialFraction(), (int) ideal[i]);
            }
            XYSeries a = chart.addSeries(String.format(Locale.ROOT, "Amdahl, serial %.3f fitted for p <= %d%s", s.serialFraction(), result.cores(),
                    result.series().size() > 1 ? " (" + s.variant() + ")" : ""), ideal, amdahl);
            a.setMarker(SeriesMarkers.NONE);
            a.setLineColor(color.darker());
            a.setLineStyle(new BasicStroke(1f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10, new float[] {2, 3}, 0));
            double[] gustafson = new double[ideal.length];
            for (int i = 0; i < ideal.length; i++) {
                gustafson[i] = PerformanceMetrics.gustafson(s.serialFraction(), (int) ideal[i]);
            }
            XYSeries g = chart.addSeries(String.format(Locale.ROOT, "Gustafson (scaled problem), serial %.3f%s", s.serialFraction(),
                    result.series().size() > 1 ? " (" + s.variant() + ")" : ""), ideal, gustafson);
            g.setMarker(SeriesMarkers.NONE);
            g.setLineColor(color.brighter());
            g.setLineStyle(new BasicStroke(1f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10, new float[] {8, 3, 2, 3}, 0));
        }
        return chart;
    }

    /** A bar chart of named values (seconds, GFLOP/s, ...). */
    public static CategoryChart bars(String title, String yTitle, List<String> names, List<Double> values) {
        CategoryChart chart = new CategoryChartBuilder().width(800).height(560).title(title)
                .xAxisTitle("").yAxisTitle(yTitle).build();
        style(chart.getStyler());
        chart.getStyler().setLegendVisible(false);
        chart.getStyler().setXAxisLabelRotation(30);
        chart.addSeries(yTitle, names, values);
        return chart;
    }

    /** Writes a line chart as PNG or SVG, by the extension of {@code file}. */
    public static Path write(XYChart chart, Path file) throws IOException {
        return save(chart, file);
    }

    /** Writes a bar chart as PNG or SVG, by the extension of {@code file}. */
    public static Path write(CategoryChart chart, Path file) throws IOException {
        return save(chart, file);
    }

    private static Path save(Chart<?, ?> chart, Path file) throws IOException {
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        Path dir = file.toAbsolutePath().getParent();
        if (dir != null) {
            Files.createDirectories(dir);
        }
        if (name.endsWith(".png")) {
            BitmapEncoder.saveBitmap(chart, file.toString(), BitmapEncoder.BitmapFormat.PNG);
        } else if (name.endsWith(".svg")) {
            VectorGraphicsEncoder.saveVectorGraphic(chart, file.toString(), VectorGraphicsEncoder.VectorGraphicsFormat.SVG);
        } else {
            throw new IllegalArgumentException("chart file must end in .png or .svg: " + file);
        }
        return file;
    }

    private static void style(Styler styler) {
        styler.setChartBackgroundColor(Color.WHITE);
        if (styler instanceof AxesChartStyler axes) {
            axes.setPlotGridLinesColor(new Color(225, 225, 225));
        }
        styler.setLegendBorderColor(Color.LIGHT_GRAY);
        styler.setAntiAlias(true);
    }

    private static double[] dense(int maxP) {
        double[] x = new double[maxP];
        for (int i = 0; i < maxP; i++) {
            x[i] = i + 1;
        }
        return x;
    }
}
