package org.parallelcookbook.core.intro;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class JvmParallelWorldTest {

    @Test
    void processorsAndCommonPoolParallelism() {
        var vm = JvmParallelWorld.describe();
        assertTrue(vm.availableProcessors() >= 1);
        assertFalse(vm.vmName().isBlank());
        if (vm.parallelismProperty().isEmpty()) {
            assertEquals(Math.max(1, vm.availableProcessors() - 1), vm.commonPoolParallelism());
        } else {
            assertEquals(Integer.parseInt(vm.parallelismProperty().get()), vm.commonPoolParallelism());
        }
    }

    @Test
    void defaultParallelismIsProcessorsMinusOneAtLeastOne() {
        assertEquals(1, JvmParallelWorld.defaultCommonParallelism(1));
        assertEquals(1, JvmParallelWorld.defaultCommonParallelism(2));
        assertEquals(7, JvmParallelWorld.defaultCommonParallelism(8));
    }

    @Test
    void warmUpTimesEveryRoundWithTheInjectedClock() {
        var ticks = new AtomicLong();
        var w = JvmParallelWorld.warmUp(5, () -> ticks.addAndGet(10));
        assertEquals(java.util.List.of(10L, 10L, 10L, 10L, 10L), w.roundNanos());
    }
}
