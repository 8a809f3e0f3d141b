package org.parallelcookbook.core.measure;

/**
 * One measured worker count of a scaling study.
 *
 * @param workers   p
 * @param time      trials at p workers, in seconds
 * @param speedup   median T1 / median Tp
 * @param efficiency speedup / p
 * @param karpFlatt experimentally determined serial fraction (NaN at p = 1)
 * @param amdahl    Amdahl's prediction at p from the serial fraction fitted to the whole study
 */
public record ScalingPoint(int workers, Summary time, double speedup, double efficiency,
                           double karpFlatt, double amdahl) {
}
