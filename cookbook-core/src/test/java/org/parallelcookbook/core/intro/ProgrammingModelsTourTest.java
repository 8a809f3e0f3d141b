package org.parallelcookbook.core.intro;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ProgrammingModelsTourTest {

    @ParameterizedTest
    @ValueSource(ints = {1, 3, 4})
    @Timeout(value = 120, unit = TimeUnit.SECONDS)
    void allFourModelsCount9592PrimesBelow100000(int workers) throws Exception {
        var c = ProgrammingModelsTour.countPrimes(100_000, workers);
        assertEquals(9592, c.sharedLock(), "shared memory + lock");
        assertEquals(9592, c.threads(), "thread per chunk");
        assertEquals(9592, c.messagePassing(), "message passing");
        assertEquals(9592, c.dataParallel(), "data parallel");
    }

    @Test
    void sequentialReferenceAndSmallCases() {
        assertEquals(9592, ProgrammingModelsTour.sequential(100_000));
        assertEquals(4, ProgrammingModelsTour.sequential(10));
        assertEquals(0, ProgrammingModelsTour.sequential(2));
    }
}
