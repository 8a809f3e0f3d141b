package org.parallelcookbook.async;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The same behaviour as {@link StructuredFanOutTest}, on {@code StructuredTaskScope} (JDK 25 preview). */
@Timeout(30)
class StructuredFanOutPreviewTest {

    @Test
    void successReturnsBothResults() throws Exception {
        assertEquals(new StructuredFanOut.Both<>("a", 2), StructuredFanOutPreview.fanOut(() -> "a", () -> 2));
    }

    @Test
    void aFailureInterruptsTheSiblingIsRethrownAndNothingOutlivesTheScope() {
        var siblingStarted = new CountDownLatch(1);
        var siblingInterrupted = new AtomicBoolean();
        var siblingFinished = new CountDownLatch(1);
        var boom = new IllegalStateException("boom");
        var thrown = assertThrows(IllegalStateException.class, () -> StructuredFanOutPreview.fanOut(() -> {
            try {
                siblingStarted.countDown();
                new CountDownLatch(1).await();
                return "never";
            } catch (InterruptedException e) {
                siblingInterrupted.set(true);
                throw e;
            } finally {
                siblingFinished.countDown();
            }
        }, () -> {
            siblingStarted.await();
            throw boom;
        }));
        assertSame(boom, thrown);
        assertTrue(siblingInterrupted.get(), "the sibling was interrupted");
        assertEquals(0, siblingFinished.getCount(), "the sibling had finished before fanOut returned");
    }
}
