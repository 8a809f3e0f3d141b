package org.parallelcookbook.mpi;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.parallelcookbook.core.measure.Bootstrap;
import org.parallelcookbook.core.measure.CustomBenchmark;
import org.parallelcookbook.core.measure.Interval;
import org.parallelcookbook.core.measure.Progress;

/**
 * {@code ./cookbook bench x.mpi-pingpong}: {@link PingPong} on 2 and 4 ranks (or the
 * {@code --workers} given) on the multicore device. Each row is one run; each figure in it is
 * already a median over thousands of repetitions. {@code --trials} sets the number of runs per rank
 * count (the row shows the run with the median latency).
 */
public final class PingPongBenchmark implements CustomBenchmark {

    private final PingPong.Repetitions reps;

    public PingPongBenchmark() {
        this(PingPong.Repetitions.standard());
    }

    public PingPongBenchmark(PingPong.Repetitions reps) {
        this.reps = reps;
    }

    @Override
    public Report run(Options options, Progress progress) throws Exception {
        List<Integer> ranks = options.workers().isEmpty() ? List.of(2, 4) : options.workers();
        for (int np : ranks) {
            if (np < 2) {
                throw new IllegalArgumentException("ping-pong needs at least 2 ranks, got " + np);
            }
        }
        int trials = Math.max(1, options.trials());
        List<List<Object>> rows = new ArrayList<>();
        Map<String, Object> figures = new LinkedHashMap<>();
        int step = 0;
        for (int np : ranks) {
            List<PingPong.Figures> runs = new ArrayList<>();
            for (int t = 0; t < trials; t++) {
                progress.update(step++, ranks.size() * trials, "multicore, " + np + " ranks, run " + (t + 1));
                runs.add(PingPong.run(MpiOptions.multicore(np), reps).figures());
            }
            runs.sort(java.util.Comparator.comparingDouble(PingPong.Figures::latencyMicros));
            PingPong.Figures f = runs.get(runs.size() / 2);
            // the interval of the median latency over the runs (each run a fresh set of rank JVMs)
            Interval ci = Bootstrap.seeded(np).medianOf(runs.stream().mapToDouble(PingPong.Figures::latencyMicros).toArray());
            rows.add(List.of("multicore, " + np + " ranks", f.latencyMicros(), ci.lo(), ci.hi(), f.bandwidthGBps(),
                    f.allreduceMicros()));
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("device", "multicore");
            entry.put("ranks", np);
            entry.put("latency_us", f.latencyMicros());
            entry.put("latency_us_ci", List.of(ci.lo(), ci.hi()));
            entry.put("interval_method", "95 % percentile bootstrap of the median over " + trials + " runs");
            entry.put("bandwidth_GBps", f.bandwidthGBps());
            entry.put("allreduce_us", f.allreduceMicros());
            entry.put("round_trips", f.roundTrips());
            entry.put("transfers", f.transfers());
            entry.put("allreduces", f.allreduces());
            figures.put("multicore_" + np, entry);
        }
        String title = String.format(Locale.ROOT, "MPJ Express ping-pong: one-way latency of %d B (median of %,d round trips),"
                + " bandwidth of 4 MiB (median of %d), Allreduce of %,d doubles (median of %,d)", PingPong.SMALL_BYTES,
                reps.roundTrips(), reps.transfers(), PingPong.DOUBLES, reps.allreduces());
        return new Report(title, List.of("device", "latency us", "95 % lo", "95 % hi", "bandwidth GB/s", "allreduce us"), rows, figures,
                "latency us");
    }
}
