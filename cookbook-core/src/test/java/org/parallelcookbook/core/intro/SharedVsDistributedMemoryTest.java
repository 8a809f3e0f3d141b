package org.parallelcookbook.core.intro;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SharedVsDistributedMemoryTest {

    @ParameterizedTest
    @CsvSource({"0,1", "1,3", "10,4", "100000,1", "100000,3", "1000001,4"})
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void bothTotalsEqualNTimesNMinusOneOverTwo(int n, int workers) throws Exception {
        var s = SharedVsDistributedMemory.sums(n, workers);
        long expected = (long) n * (n - 1) / 2;
        assertEquals(expected, s.expected());
        assertEquals(expected, s.shared());
        assertEquals(expected, s.distributed());
    }

    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void changingTheSourceAfterSendingDoesNotChangeTheDistributedResult() throws Exception {
        int n = 10_000;
        int[] data = SharedVsDistributedMemory.data(n);
        long result = SharedVsDistributedMemory.distributed(data, 4, () -> Arrays.fill(data, 1_000_000));
        assertEquals((long) n * (n - 1) / 2, result, "workers computed on their copies");
        assertEquals(1_000_000L * n, Arrays.stream(data).asLongStream().sum(), "the source really was changed");
        // the same change is visible to shared-memory workers: they read the one array
        assertEquals(1_000_000L * n, SharedVsDistributedMemory.shared(data, 4));
    }
}
