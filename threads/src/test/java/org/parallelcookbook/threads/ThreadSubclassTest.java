package org.parallelcookbook.threads;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.parallelcookbook.core.measure.Sleeper;

@Timeout(60)
class ThreadSubclassTest {

    @Test
    void eachThreadPrintsFiveLinesWithItsOwnNameInItsOwnOrder() throws Exception {
        var lines = new ConcurrentLinkedQueue<String>();
        var threads = ThreadSubclass.run(5, Duration.ofSeconds(1), Sleeper.none(), lines::add);
        List<String> all = List.copyOf(lines);
        assertEquals(List.of("Thread-1", "Thread-2"), threads.stream().map(Thread::getName).toList());
        assertEquals(List.of(1, 2), threads.stream().map(ThreadSubclass.CountingThread::bookThreadId).toList());
        for (var t : threads) {
            assertFalse(t.isAlive(), "run() joined " + t.getName());
            assertFalse(t.interruptStatusAtExit(), "nobody interrupted " + t.getName());
            String name = t.getName();
            List<String> mine = all.stream().filter(l -> l.contains(name)).toList();
            assertEquals(7, mine.size(), all::toString);
            assertEquals("Starting " + name, mine.get(0));
            for (int i = 1; i <= 5; i++) {
                assertTrue(mine.get(i).startsWith(name + ": "), mine.get(i));
            }
            assertEquals("Exiting " + name, mine.get(6));
            assertEquals(5, t.linesPrinted());
        }
        assertEquals("Exiting Main Thread", all.getLast());
    }

    @Test
    void cancellingAfterTheFirstLineStopsTheThreadEarly() throws Exception {
        var firstLine = new CountDownLatch(1);
        var never = new CountDownLatch(1);
        var sleeps = new AtomicInteger();
        // the first sleep returns at once; the second blocks until cancel() interrupts it
        Sleeper sleeper = d -> {
            if (sleeps.incrementAndGet() > 1) {
                never.await();
            }
        };
        var lines = new ConcurrentLinkedQueue<String>();
        var t = new ThreadSubclass.CountingThread(1, "Thread-1", 5, Duration.ofSeconds(1), sleeper, line -> {
            lines.add(line);
            if (line.startsWith("Thread-1: ")) {
                firstLine.countDown();
            }
        });
        t.start();
        try {
            firstLine.await();
            t.cancel();
            assertTrue(t.join(Duration.ofSeconds(30)), "join returns after cancel()");
        } finally {
            t.interrupt();
            t.join();
        }
        assertFalse(t.isAlive());
        assertEquals(1, t.linesPrinted());
        assertEquals("Exiting Thread-1 (cancelled)", List.copyOf(lines).getLast());
    }

    @Test
    void anInterruptThatIsNotACancelStopsTheThreadAndIsKept() throws Exception {
        var firstLine = new CountDownLatch(1);
        var never = new CountDownLatch(1);
        var sleeps = new AtomicInteger();
        Sleeper sleeper = d -> {
            if (sleeps.incrementAndGet() > 1) {
                never.await();
            }
        };
        var lines = new ConcurrentLinkedQueue<String>();
        var t = new ThreadSubclass.CountingThread(1, "Thread-1", 5, Duration.ofSeconds(1), sleeper, line -> {
            lines.add(line);
            if (line.startsWith("Thread-1: ")) {
                firstLine.countDown();
            }
        });
        t.start();
        firstLine.await();
        t.interrupt(); // not cancel(): the flag stays false
        assertTrue(t.join(Duration.ofSeconds(30)), "join returns after the interrupt");
        assertEquals(1, t.linesPrinted());
        assertEquals("Exiting Thread-1 (interrupted)", List.copyOf(lines).getLast());
        assertTrue(t.interruptStatusAtExit(), "the interrupt was kept, not swallowed");
    }
}
