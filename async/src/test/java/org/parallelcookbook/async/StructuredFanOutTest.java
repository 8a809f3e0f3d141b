package org.parallelcookbook.async;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.parallelcookbook.core.measure.Sleeper;

@Timeout(30)
class StructuredFanOutTest {

    @Test
    void successReturnsBothResults() throws Exception {
        var both = StructuredFanOut.fanOut(() -> "a", () -> 2);
        assertEquals(new StructuredFanOut.Both<>("a", 2), both);
        assertEquals(new StructuredFanOut.Both<>("user 42", 7), StructuredFanOut.lookUp(false, Sleeper.none(), Duration.ZERO));
    }

    @Test
    void aFailureInterruptsTheSiblingIsRethrownAndNothingOutlivesTheScope() throws Exception {
        var siblingStarted = new CountDownLatch(1);
        var siblingInterrupted = new AtomicBoolean();
        var siblingFinished = new CountDownLatch(1);
        var boom = new IllegalStateException("boom");
        var thrown = assertThrows(IllegalStateException.class, () -> StructuredFanOut.fanOut(() -> {
            try {
                siblingStarted.countDown();
                new CountDownLatch(1).await(); // would wait forever unless interrupted
                return "never";
            } catch (InterruptedException e) {
                siblingInterrupted.set(true);
                throw e;
            } finally {
                siblingFinished.countDown();
            }
        }, () -> {
            siblingStarted.await(); // fail only once the sibling is surely waiting
            throw boom;
        }));
        assertSame(boom, thrown, "the failure is rethrown as it was thrown");
        assertTrue(siblingInterrupted.get(), "the sibling was interrupted");
        assertEquals(0, siblingFinished.getCount(), "the sibling had finished before fanOut returned");
    }

    @Test
    void theScopeWaitsForASiblingThatIgnoresInterruption() throws Exception {
        var interrupted = new CountDownLatch(1);
        var release = new CountDownLatch(1);
        var siblingDone = new AtomicBoolean();
        // releases the stubborn sibling only after it was interrupted, i.e. after fanOut cancelled it
        Thread helper = Thread.ofPlatform().start(() -> {
            try {
                interrupted.await();
                release.countDown();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        try {
            assertThrows(IllegalArgumentException.class, () -> StructuredFanOut.fanOut(() -> {
                while (true) {
                    try {
                        release.await();
                        break;
                    } catch (InterruptedException e) {
                        interrupted.countDown(); // stubborn: notes it and keeps waiting
                    }
                }
                siblingDone.set(true);
                return 1;
            }, () -> {
                throw new IllegalArgumentException("fails at once");
            }));
            assertTrue(siblingDone.get(), "close() waited for the sibling instead of abandoning it");
        } finally {
            release.countDown();
            helper.interrupt();
            helper.join();
        }
    }
}
