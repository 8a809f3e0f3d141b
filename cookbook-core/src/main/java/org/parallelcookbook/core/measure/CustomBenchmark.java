package org.parallelcookbook.core.measure;

import java.util.List;
import java.util.Map;

/**
 * A benchmark that is not a scaling study over worker counts (latency and bandwidth of MPI
 * messages, kernel time on an OpenCL device): it measures what it measures and returns a table.
 */
public interface CustomBenchmark {

    /** Runs the benchmark; the options carry what the user gave on the command line. */
    Report run(Options options, Progress progress) throws Exception;

    /**
     * Options from {@code cookbook bench}: worker counts (may be empty: use your defaults),
     * warm-up runs and trials.
     */
    record Options(List<Integer> workers, int warmup, int trials) {
        public Options {
            workers = List.copyOf(workers);
        }
    }

    /**
     * The result: a title, column names, rows of values, and extra JSON-ready figures. Rows hold
     * strings or numbers. {@code chartColumn}, when not null, names a numeric column that
     * {@code --chart} draws as bars, one per row, labelled by the row's first cell.
     */
    record Report(String title, List<String> columns, List<List<Object>> rows, Map<String, Object> figures,
                  String chartColumn) {
        public Report {
            columns = List.copyOf(columns);
            rows = rows.stream().map(List::copyOf).toList();
            figures = Map.copyOf(figures);
            if (chartColumn != null && !columns.contains(chartColumn)) {
                throw new IllegalArgumentException("chart column " + chartColumn + " is not a column");
            }
        }

        public Report(String title, List<String> columns, List<List<Object>> rows, Map<String, Object> figures) {
            this(title, columns, rows, figures, null);
        }
    }
}
