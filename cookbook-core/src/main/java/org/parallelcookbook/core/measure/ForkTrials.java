package org.parallelcookbook.core.measure;

import java.util.List;

/**
 * The raw trials of one point (variant x worker count) in one fork: kept so that every figure of a
 * study can be re-analysed from its JSON.
 *
 * @param fork       the fork's number, from 1 (0: the study ran in the measuring JVM itself)
 * @param pid        process id of the JVM that measured them
 * @param order      position of this point in the fork's (shuffled) order, from 0
 * @param operations operations per trial (1: not batched)
 * @param warmupRuns warm-up runs before the trials
 * @param seconds    time of one operation in each trial, in trial order
 */
public record ForkTrials(int fork, long pid, int order, int operations, int warmupRuns, List<Double> seconds) {

    public ForkTrials {
        seconds = List.copyOf(seconds);
        if (seconds.isEmpty()) {
            throw new IllegalArgumentException("a fork without trials");
        }
    }

    double[] array() {
        return seconds.stream().mapToDouble(Double::doubleValue).toArray();
    }
}
