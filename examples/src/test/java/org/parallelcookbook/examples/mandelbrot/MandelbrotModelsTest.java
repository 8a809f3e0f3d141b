package org.parallelcookbook.examples.mandelbrot;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.parallelcookbook.core.measure.Progress;

@Timeout(value = 300, unit = TimeUnit.SECONDS)
class MandelbrotModelsTest {

    static final MandelbrotSpec SMALL = MandelbrotSpec.classic(61, 47, 200);

    @Test
    void knownPoints() {
        assertEquals(500, MandelbrotSpec.escape(0, 0, 500), "0 is in the set");
        assertEquals(500, MandelbrotSpec.escape(-1, 0, 500), "-1 is in the set (period 2)");
        assertEquals(1, MandelbrotSpec.escape(2.5, 0, 500), "leaves after one step");
        assertEquals(3, MandelbrotSpec.escape(1, 0, 500), "0, 1, 2, 5: leaves on the third step");
    }

    @Test
    void everyAvailableModelProducesExactlyTheSequentialCounts() throws Exception {
        int[] reference = new ThreadModels.Sequential().render(SMALL, 1);
        int checked = 0;
        for (Supplier<MandelbrotModel> supplier : MandelbrotComparison.allModels()) {
            try (MandelbrotModel model = supplier.get()) {
                if (model.unavailableReason() != null) {
                    System.out.println("skipped " + model.name() + ": " + model.unavailableReason());
                    continue;
                }
                for (int workers : new int[] {1, 3}) {
                    model.start(workers);
                    assertArrayEquals(reference, model.render(SMALL, workers), model.name() + " with " + workers + " workers");
                    model.close();
                }
                checked++;
            }
        }
        assertTrue(checked >= 5, "at least the five JVM thread models ran");
    }

    @Test
    void comparisonTableMarksEveryModelIdentical() throws Exception {
        var result = MandelbrotComparison.run(SMALL, List.of("sequential", "static-blocks", "dynamic"), 2, 0, 1, Progress.none());
        assertEquals(3, result.rows().size());
        result.rows().forEach(r -> assertEquals("ok", r.status(), r.model()));
        assertEquals(1.0, result.rows().get(0).speedup(), 1e-12);
        assertTrue(MandelbrotComparison.table(result).contains("static-blocks"));
    }

    @Test
    void imageHasTheGridSizeAndTheSetIsBlack() {
        int[] counts = new ThreadModels.Sequential().render(SMALL, 1);
        var img = MandelbrotComparison.image(SMALL, counts);
        assertEquals(61, img.getWidth());
        assertEquals(47, img.getHeight());
        int inside = 0;
        for (int i = 0; i < counts.length; i++) {
            int col = i % SMALL.width();
            int row = i / SMALL.width();
            int rgb = img.getRGB(col, SMALL.height() - 1 - row) & 0xFFFFFF;
            if (counts[i] == SMALL.maxIter()) {
                assertEquals(0, rgb, "points of the set are black");
                inside++;
            }
        }
        assertTrue(inside > 100, "the classic view contains the main cardioid: " + inside);
    }
}
