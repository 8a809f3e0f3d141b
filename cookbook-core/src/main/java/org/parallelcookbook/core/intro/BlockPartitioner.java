package org.parallelcookbook.core.intro;

import java.util.ArrayList;
import java.util.List;

/**
 * Domain decomposition of the index range {@code [0, n)} among {@code p} workers, the two classic
 * ways: contiguous <em>blocks</em> and <em>cyclic</em> (round-robin) assignment.
 *
 * <p>Blocks keep neighbouring indices on one worker (good locality, one message per worker); their
 * sizes differ by at most one, the first {@code n mod p} blocks taking the extra element. Cyclic
 * assignment gives index {@code i} to worker {@code i mod p}; it balances the load when the cost of
 * an index grows with {@code i} (a triangular loop, primality tests of growing numbers), at the price
 * of locality.
 *
 * <p>Used by {@link PcamDesign}; a plain utility, safe to call from any thread.
 */
public final class BlockPartitioner {

    private BlockPartitioner() {
    }

    /** The half-open range {@code [start, end)} owned by one worker. */
    public record Block(int worker, int start, int end) {
        public Block {
            if (start < 0 || end < start) {
                throw new IllegalArgumentException("bad block [" + start + ", " + end + ")");
            }
        }

        public int size() {
            return end - start;
        }

        /** {@code w0=[0,4)}: the worker and its half-open range. */
        @Override
        public String toString() {
            return "w" + worker + "=[" + start + "," + end + ")";
        }
    }

    /**
     * Splits {@code [0, n)} into {@code p} contiguous blocks, in order, whose sizes differ by at most
     * one (some are empty when {@code n < p}).
     */
    public static List<Block> split(int n, int p) {
        check(n, p);
        List<Block> blocks = new ArrayList<>(p);
        int base = n / p;
        int extra = n % p;
        int start = 0;
        for (int w = 0; w < p; w++) {
            int size = base + (w < extra ? 1 : 0);
            blocks.add(new Block(w, start, start + size));
            start += size;
        }
        return List.copyOf(blocks);
    }

    /** The worker that owns index {@code i} under cyclic assignment: {@code i mod p}. */
    public static int cyclicOwner(int i, int p) {
        if (i < 0) {
            throw new IllegalArgumentException("index must be >= 0, got " + i);
        }
        check(0, p);
        return i % p;
    }

    /** For each worker, the indices it owns under cyclic assignment, ascending. */
    public static List<List<Integer>> cyclic(int n, int p) {
        check(n, p);
        List<List<Integer>> owned = new ArrayList<>(p);
        for (int w = 0; w < p; w++) {
            owned.add(new ArrayList<>());
        }
        for (int i = 0; i < n; i++) {
            owned.get(cyclicOwner(i, p)).add(i);
        }
        return owned.stream().map(List::copyOf).toList();
    }

    private static void check(int n, int p) {
        if (n < 0) {
            throw new IllegalArgumentException("n must be >= 0, got " + n);
        }
        if (p < 1) {
            throw new IllegalArgumentException("p must be >= 1, got " + p);
        }
    }
}
