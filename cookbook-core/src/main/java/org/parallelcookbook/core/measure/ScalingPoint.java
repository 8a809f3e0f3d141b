package org.parallelcookbook.core.measure;

import java.util.List;

/**
 * One measured worker count of a scaling study, with the confidence intervals of its figures
 * (see {@link Bootstrap} for how they are obtained).
 *
 * @param workers      p
 * @param time         all trials at p workers, pooled over the forks, in seconds per operation
 * @param timeCi       interval of the median time
 * @param speedup      median T1 / median Tp
 * @param speedupCi    interval of the speedup (from the same resamples as the medians)
 * @param efficiency   speedup / p
 * @param efficiencyCi interval of the efficiency
 * @param karpFlatt    experimentally determined serial fraction (NaN at p = 1)
 * @param amdahl       Amdahl's prediction at p from the serial fraction fitted to the points with
 *                     p &lt;= cores (all points when none has 1 &lt; p &lt;= cores)
 * @param gustafson    Gustafson's scaled speedup at p for the same serial fraction: what the speedup
 *                     would be if the problem grew with p (weak scaling), for comparison with Amdahl's
 *                     fixed problem (strong scaling, what was measured)
 * @param forks        the raw trials of every fork, in fork order
 */
public record ScalingPoint(int workers, Summary time, Interval timeCi, double speedup, Interval speedupCi,
                           double efficiency, Interval efficiencyCi, double karpFlatt, double amdahl,
                           double gustafson, List<ForkTrials> forks) {

    public ScalingPoint {
        forks = List.copyOf(forks);
    }
}
