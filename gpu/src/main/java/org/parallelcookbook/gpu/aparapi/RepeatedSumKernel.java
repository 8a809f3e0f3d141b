package org.parallelcookbook.gpu.aparapi;

import com.aparapi.Kernel;

/** The book's GPU test workload in Java for Aparapi: c[i] = (a[i] + b[i]) added {@code repeat} times. */
public final class RepeatedSumKernel extends Kernel {
    private final float[] a;
    private final float[] b;
    private final float[] c;
    private final int repeat;
    private final int n;

    public RepeatedSumKernel(float[] a, float[] b, float[] c, int repeat) {
        this.a = a;
        this.b = b;
        this.c = c;
        this.repeat = repeat;
        this.n = a.length;
    }

    @Override
    public void run() {
        int i = getGlobalId();
        if (i < n) {
            float acc = 0f;
            for (int r = 0; r < repeat; r++) {
                acc += a[i] + b[i];
            }
            c[i] = acc;
        }
    }
}
