package org.parallelcookbook.gpu.aparapi;

import com.aparapi.Kernel;

/**
 * C (m×p) = A (m×n) · B (n×p) over longs, one work item per element of C (the range may be padded; the guard skips the extra items): the body of the
 * book's {@code @guvectorize(['void(int64[:,:], int64[:,:], int64[:,:])'], '(m,n),(n,p)->(m,p)')}
 * triple loop, with the two outer loops replaced by the global id.
 */
public final class LongMatMulKernel extends Kernel {
    private final long[] a;
    private final long[] b;
    private final long[] c;
    private final int n;
    private final int p;
    private final int size;

    public LongMatMulKernel(long[] a, long[] b, long[] c, int n, int p) {
        this.a = a;
        this.b = b;
        this.c = c;
        this.n = n;
        this.p = p;
        this.size = c.length;
    }

    @Override
    public void run() {
        int id = getGlobalId();
        if (id < size) {
            int row = id / p;
            int col = id % p;
            long sum = 0;
            for (int k = 0; k < n; k++) {
                sum += a[row * n + k] * b[k * p + col];
            }
            c[id] = sum;
        }
    }
}
