package org.parallelcookbook.gpu.aparapi;

import com.aparapi.Kernel;

/**
 * First stage of a sum in Aparapi: work item w adds the elements w, w + W, w + 2W, ... (W =
 * {@code partial.length} work items; neighbouring items read neighbouring elements) into {@code partial[w]}; the host
 * adds the W partials.
 */
public final class PartialSumKernel extends Kernel {
    private final long[] values;
    private final long[] partial;
    private final int n;
    private final int workItems;

    public PartialSumKernel(long[] values, long[] partial, int n) {
        this.values = values;
        this.partial = partial;
        this.n = n;
        this.workItems = partial.length;
    }

    @Override
    public void run() {
        int w = getGlobalId();
        int stride = workItems;
        if (w < stride) {
            long acc = 0;
            for (int i = w; i < n; i += stride) {
                acc += values[i];
            }
            partial[w] = acc;
        }
    }
}
