package org.parallelcookbook.threads;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The exercise the Chinese translation adds to {@code ch2.condition}: three threads print A, B and
 * C in turn, ten times, coordinated by one condition and {@code notify_all}. Part of
 * {@link ConditionBoundedBuffer} (recipe {@code ch2.condition}).
 *
 * <p>Each thread waits, in a {@code while} loop, until the shared {@code turn} names it, prints its
 * letter, passes the turn on and wakes everyone with {@link Condition#signalAll()}: all three wait
 * on the same condition for different reasons, so a single {@code signal()} might wake the wrong
 * thread, which would check, find it is not its turn and wait again, and nobody else would be
 * woken: the program would hang.
 */
public final class AbcTurnTaking {

    private AbcTurnTaking() {
    }

    /** The letters printed, in order: "ABC" repeated {@code rounds} times. */
    public static String run(int rounds) throws InterruptedException {
        var lock = new ReentrantLock();
        var turnChanged = lock.newCondition();
        var turn = new int[] {0};
        var printed = new StringBuilder();
        List<Thread> threads = new ArrayList<>();
        for (int t = 0; t < 3; t++) {
            int me = t;
            char letter = (char) ('A' + t);
            threads.add(new Thread(() -> {
                try {
                    for (int r = 0; r < rounds; r++) {
                        lock.lock();
                        try {
                            while (turn[0] != me) {
                                turnChanged.await();
                            }
                            printed.append(letter);
                            turn[0] = (me + 1) % 3;
                            turnChanged.signalAll();
                        } finally {
                            lock.unlock();
                        }
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }, String.valueOf(letter)));
        }
        threads.forEach(Thread::start);
        for (Thread t : threads) {
            t.join();
        }
        lock.lock();
        try {
            return printed.toString();
        } finally {
            lock.unlock();
        }
    }
}
