package org.parallelcookbook.examples.mandelbrot;

/**
 * What to render: a {@code width} x {@code height} grid over the rectangle [xMin, xMax] x [yMin, yMax]
 * of the complex plane, at most {@code maxIter} iterations per point.
 *
 * <p>Every model computes pixel (col, row) at c = (xMin + col * dx, yMin + row * dy) with the same
 * double-precision operations in the same order ({@link #escape}), so all models, kernels included,
 * must produce exactly the same iteration counts.
 */
public record MandelbrotSpec(int width, int height, double xMin, double xMax, double yMin, double yMax, int maxIter) {

    public MandelbrotSpec {
        if (width < 1 || height < 1) {
            throw new IllegalArgumentException("size must be at least 1x1, got " + width + "x" + height);
        }
        if (maxIter < 1) {
            throw new IllegalArgumentException("max-iter must be at least 1, got " + maxIter);
        }
        if (!(xMax > xMin) || !(yMax > yMin)) {
            throw new IllegalArgumentException("empty view");
        }
    }

    /** The classic view of the whole set: [-2, 0.5] x [-1.25, 1.25]. */
    public static MandelbrotSpec classic(int width, int height, int maxIter) {
        return new MandelbrotSpec(width, height, -2.0, 0.5, -1.25, 1.25, maxIter);
    }

    public double dx() {
        return (xMax - xMin) / width;
    }

    public double dy() {
        return (yMax - yMin) / height;
    }

    public int pixels() {
        return width * height;
    }

    /**
     * Escape-time iteration count of c = (cx, cy): the number of steps z = z^2 + c takes to leave
     * the circle of radius 2, or {@code maxIter} when it never does.
     */
    public static int escape(double cx, double cy, int maxIter) {
        double x = 0;
        double y = 0;
        int i = 0;
        while (i < maxIter) {
            double x2 = x * x;
            double y2 = y * y;
            if (x2 + y2 > 4.0) {
                break;
            }
            y = 2.0 * x * y + cy;
            x = x2 - y2 + cx;
            i++;
        }
        return i;
    }

    /** Computes rows [from, to) into {@code out} (row-major, width per row). */
    public void rows(int from, int to, int[] out) {
        double dx = dx();
        double dy = dy();
        for (int row = from; row < to; row++) {
            double cy = yMin + row * dy;
            int base = row * width;
            for (int col = 0; col < width; col++) {
                out[base + col] = escape(xMin + col * dx, cy, maxIter);
            }
        }
    }

    /** Computes the block of columns [colFrom, colTo) of every row into {@code out}. */
    public void columns(int colFrom, int colTo, int[] out) {
        double dx = dx();
        double dy = dy();
        for (int row = 0; row < height; row++) {
            double cy = yMin + row * dy;
            int base = row * width;
            for (int col = colFrom; col < colTo; col++) {
                out[base + col] = escape(xMin + col * dx, cy, maxIter);
            }
        }
    }

    /** Computes one row into a fresh array. */
    public int[] row(int row) {
        int[] out = new int[width];
        double dx = dx();
        double cy = yMin + row * dy();
        for (int col = 0; col < width; col++) {
            out[col] = escape(xMin + col * dx, cy, maxIter);
        }
        return out;
    }
}
