package org.parallelcookbook.distributed;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.Executors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(120)
class MonteCarloPiTest {

    @Test
    void distributedLocalAndSequentialRunsAgreeAndEstimatePi() throws Exception {
        try (var cluster = Cluster.embedded(2, false); var pool = Executors.newFixedThreadPool(3)) {
            long sequential = MonteCarloPi.sequential(40, 2_000, 9);
            assertEquals(sequential, MonteCarloPi.local(pool, 40, 2_000, 9));
            assertEquals(sequential, MonteCarloPi.distributed(cluster, 40, 2_000, 9));

            long hits = MonteCarloPi.distributed(cluster, 100, 10_000, 42); // 10^6 samples
            assertEquals(MonteCarloPi.sequential(100, 10_000, 42), hits);
            var estimate = MonteCarloPi.Estimate.of(100, 10_000, hits, 0);
            assertTrue(Math.abs(estimate.pi() - Math.PI) < 0.01, "pi estimate " + estimate.pi());
        }
    }

    /** One row of the book's table: 785 of 1,000 points inside give pi 3.14, 0.0507 % off. */
    @Test
    void anEstimateGivesPiAndItsErrorInPercent() {
        var e = MonteCarloPi.Estimate.of(1, 1000, 785, 2.5);
        assertEquals(3.14, e.pi(), 1e-12);
        assertEquals(0.0507, e.errorPercent(), 1e-4);
        assertEquals(2.5, e.seconds());
        var two = MonteCarloPi.Estimate.of(2, 1000, 1570, 0);
        assertEquals(3.14, two.pi(), 1e-12, "hits over all the workers' points");
    }

    /** A task throws exactly its number of points: none gives no hit, and hits never exceed points. */
    @Test
    void aTaskThrowsExactlyItsPoints() {
        for (long seed = 0; seed < 10; seed++) {
            assertEquals(0, MonteCarloPi.hits(0, seed), "no point, no hit (seed " + seed + ")");
            long h = MonteCarloPi.hits(3, seed);
            assertTrue(h >= 0 && h <= 3, h + " hits of 3 points (seed " + seed + ")");
        }
    }
}
