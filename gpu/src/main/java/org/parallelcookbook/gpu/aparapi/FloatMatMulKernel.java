package org.parallelcookbook.gpu.aparapi;

import com.aparapi.Kernel;

/**
 * C = A·B for square float matrices, written in plain Java: Aparapi turns this {@code run()} into
 * an OpenCL kernel over a 2-D range (x = column, y = row), the "compile my own language to the
 * GPU" idea of NumbaPro's {@code @cuda.jit}.
 */
public final class FloatMatMulKernel extends Kernel {
    private final float[] a;
    private final float[] b;
    private final float[] c;
    private final int n;

    public FloatMatMulKernel(float[] a, float[] b, float[] c, int n) {
        this.a = a;
        this.b = b;
        this.c = c;
        this.n = n;
    }

    @Override
    public void run() {
        int col = getGlobalId(0);
        int row = getGlobalId(1);
        if (row < n && col < n) {
            float sum = 0f;
            for (int k = 0; k < n; k++) {
                sum += a[row * n + k] * b[k * n + col];
            }
            c[row * n + col] = sum;
        }
    }
}
