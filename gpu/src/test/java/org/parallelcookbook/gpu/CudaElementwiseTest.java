package org.parallelcookbook.gpu;

import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Timeout;

@Timeout(60)
class CudaElementwiseTest {

    @ParameterizedTest
    @ValueSource(ints = {50, 1000})
    void linearCombinationMatchesTheCpu(int n) {
        CudaAssume.assumeNvrtc();
        var r = CudaElementwise.linearCombination(2f, HostArrays.randomFloats(n, 1), 5f, HostArrays.randomFloats(n, 2));
        assertTrue(r.norm() < 1e-5, "norm " + r.norm());
    }
}
