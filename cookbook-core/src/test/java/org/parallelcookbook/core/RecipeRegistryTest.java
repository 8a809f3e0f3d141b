package org.parallelcookbook.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.parallelcookbook.core.intro.PerformanceEvaluation;

class RecipeRegistryTest {

    @Test
    void findsTheRecipesOfThisModuleThroughTheGeneratedIndex() {
        RecipeRegistry registry = RecipeRegistry.load();
        RecipeInfo perf = registry.find("ch1.performance").orElseThrow();
        assertEquals(PerformanceEvaluation.class.getName(), perf.className());
        assertEquals("cookbook-core", perf.module());
        assertEquals(1, perf.chapter());
        assertFalse(perf.extra());
        assertEquals("book", perf.origin());
        assertEquals(PerformanceEvaluation.MonteCarloPi.class.getName(), perf.bench());
        assertTrue(registry.chapter(1).contains(perf));
        assertTrue(registry.find("ch9.nothing").isEmpty());
    }

    @Test
    void sortsByChapterBookFirstThenId() {
        RecipeRegistry r = RecipeRegistry.of(List.of(
                info("x.b", 2, true), info("ch2.z", 2, false), info("ch1.a", 1, false), info("ch2.a", 2, false)));
        assertEquals(List.of("ch1.a", "ch2.a", "ch2.z", "x.b"), r.all().stream().map(RecipeInfo::id).toList());
    }

    @Test
    void duplicateIdsAreRejected() {
        assertThrows(IllegalStateException.class, () -> RecipeRegistry.of(List.of(
                new RecipeInfo("ch1.a", 1, "t", false, "m", "p.A", List.of(), null),
                new RecipeInfo("ch1.a", 1, "t", false, "m", "p.B", List.of(), null))));
    }

    @Test
    void closestIdsForATypo() {
        RecipeRegistry r = RecipeRegistry.of(List.of(info("ch2.semaphore", 2, false), info("ch2.lock", 2, false),
                info("ch2.rlock", 2, false), info("ch3.mpi-bcast", 3, false)));
        assertEquals("ch2.semaphore", r.closest("ch2.semafore", 1).get(0));
        assertEquals(List.of("ch2.lock", "ch2.rlock"), r.closest("lock", 2));
        assertEquals(3, RecipeRegistry.distance("kitten", "sitting"));
    }

    @Test
    void moduleComesFromThePackage() {
        assertEquals("threads", RecipeInfo.moduleOf("org.parallelcookbook.threads.X"));
        assertEquals("cookbook-core", RecipeInfo.moduleOf("org.parallelcookbook.core.intro.X"));
        assertEquals("?", RecipeInfo.moduleOf("com.example.X"));
    }

    private static RecipeInfo info(String id, int chapter, boolean extra) {
        return new RecipeInfo(id, chapter, id, extra, "m", "p." + id.replace('.', '_'), List.of(), null);
    }
}
