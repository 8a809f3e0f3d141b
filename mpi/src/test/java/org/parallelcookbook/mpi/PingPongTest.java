package org.parallelcookbook.mpi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.parallelcookbook.core.measure.CustomBenchmark;
import org.parallelcookbook.core.measure.Progress;

@ExtendWith(MpjExtension.class)
class PingPongTest {



    @Test
    @Timeout(120)
    void everyTimedRoundTripAndAllreduceIsCheckedAndCounted() throws Exception {
        var reps = new PingPong.Repetitions(300, 3, 50);
        var f = PingPong.run(MpiOptions.multicore(2), reps).figures();
        // counted by the ranks, not echoed from the request
        assertEquals(300, f.verified(), "every 8-byte reply equals what was sent");
        assertEquals(3, f.transfers(), "every 4 MiB reply equals what was sent");
        assertEquals(50, f.allreduces(), "every timed Allreduce gave the right sums");
        assertTrue(f.latencyMicros() > 0 && f.bandwidthGBps() > 0 && f.allreduceMicros() > 0, f.toString());
    }

    @Test
    @Timeout(180)
    void benchmarkReportsOneRowPerRankCount() throws Exception {
        var report = new PingPongBenchmark(new PingPong.Repetitions(100, 2, 20))
                .run(new CustomBenchmark.Options(List.of(2, 4), 0, 1), Progress.none());
        assertEquals(List.of("multicore, 2 ranks", "multicore, 4 ranks"), report.rows().stream().map(r -> r.get(0)).toList());
        for (var row : report.rows()) {
            for (int c = 1; c < row.size(); c++) {
                assertTrue(((Number) row.get(c)).doubleValue() > 0, row.toString());
            }
        }
        assertTrue(report.figures().containsKey("multicore_4"));
    }
}
