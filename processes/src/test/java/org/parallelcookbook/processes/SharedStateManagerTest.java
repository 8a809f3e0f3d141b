package org.parallelcookbook.processes;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

@ExtendWith(NoLeftoverChildren.class)
class SharedStateManagerTest {

    private static Map<Integer, Integer> expected(int n, int value) {
        Map<Integer, Integer> m = new TreeMap<>();
        for (int i = 0; i < n; i++) {
            m.put(i, value < 0 ? 2 * i : value);
        }
        return m;
    }

    @Test
    @Timeout(300)
    void tenChildrenFillTheManagersDictEachKeyWrittenOnce() throws Exception {
        var state = SharedStateManager.manager(10);
        assertEquals(expected(10, -1), state.map());
        assertEquals(expected(10, 1), state.writesPerKey());
        assertEquals(10, state.childLines().size());
    }

    @Test
    @Timeout(300)
    void theMappedFileVariantGivesTheSameState(@TempDir Path dir) throws Exception {
        var state = SharedStateManager.mappedArray(10, dir);
        assertEquals(expected(10, -1), state.map());
        assertEquals(expected(10, 1), state.writesPerKey());
        assertEquals(10, state.childLines().size());
    }

    @Test
    @Timeout(300)
    void anInterruptedManagerDestroysItsWorkersBeforeItThrows() throws Exception {
        NoLeftoverChildren.assertInterruptedRecipeEndsItsChildren(SharedStateManager.StateWorker.class,
                () -> SharedStateManager.manager(4));
    }

    @Test
    @Timeout(300)
    void anInterruptedMappedVariantDestroysItsWorkersAndDeletesItsFile(@TempDir Path dir) throws Exception {
        NoLeftoverChildren.assertInterruptedRecipeEndsItsChildren(SharedStateManager.StateWorker.class,
                () -> SharedStateManager.mappedArray(4, dir));
        try (var left = Files.list(dir)) {
            assertEquals(List.of(), left.toList(), "the mapped file is deleted");
        }
    }
}
