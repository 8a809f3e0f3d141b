package org.parallelcookbook.core.intro;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.Collections;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

class FlynnTaxonomyDemoTest {

    private final int[] data = FlynnTaxonomyDemo.input(100_003, 7);

    @Test
    void simdEqualsTheSequentialSisdReference() {
        long reference = 0;
        for (int x : data) {
            reference += (long) x * x;
        }
        assertEquals(reference, FlynnTaxonomyDemo.sisd(data));
        assertEquals(reference, FlynnTaxonomyDemo.simd(data));
    }

    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void misdReductionsEqualTheSequentialOnesAndLeaveTheSharedInputUnchanged() throws Exception {
        int[] before = data.clone();
        var concurrent = FlynnTaxonomyDemo.misd(data);
        assertArrayEquals(before, data, "no instruction stream wrote the shared input");
        assertEquals(FlynnTaxonomyDemo.reductionsSequential(before), concurrent);
        // the checksum is position sensitive: equal checksums mean every function saw the same sequence
        assertEquals(FlynnTaxonomyDemo.checksum(before), concurrent.checksum());
    }

    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void mimdJobsEqualTheirSequentialReferencesAndRunOnThreeThreads() throws Exception {
        int[] other = FlynnTaxonomyDemo.input(5_000, 8);
        var names = Collections.synchronizedList(new ArrayList<String>());
        var parallel = FlynnTaxonomyDemo.mimd(data, other, 10_000, names);
        assertEquals(FlynnTaxonomyDemo.independentSequential(data, other, 10_000), parallel);
        assertEquals(1229, parallel.primesBelowBound(), "primes below 10,000");
        assertEquals(3, names.size());
    }

    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void classifyAgreesAcrossAllFourClasses() throws Exception {
        var t = FlynnTaxonomyDemo.classify(10_000, 3);
        assertEquals(t.sisd(), t.simd());
        assertEquals(FlynnTaxonomyDemo.reductionsSequential(FlynnTaxonomyDemo.input(10_000, 3)), t.misd());
    }
}
