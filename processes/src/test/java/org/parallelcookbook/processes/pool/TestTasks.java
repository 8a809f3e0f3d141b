package org.parallelcookbook.processes.pool;

import java.io.Serializable;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/** Tasks the pool tests send to worker JVMs. */
final class TestTasks {

    private TestTasks() {
    }

    /** x squared, and the pid of the worker that computed it. */
    record Square(int x) implements RemoteTask<Served> {
        @Override
        public Served call() {
            return new Served(x * x, ProcessHandle.current().pid());
        }
    }

    record Served(int value, long pid) implements Serializable {
    }

    /** Throws an exception of a type the parent never sees as an object. */
    record Divide(int a, int b) implements RemoteTask<Integer> {
        @Override
        public Integer call() {
            return a / b;
        }
    }

    /** Returns a value whose class the default filter rejects (a java.net type). */
    record ReturnsUri() implements RemoteTask<java.net.URI> {
        @Override
        public java.net.URI call() {
            return java.net.URI.create("http://example.invalid/");
        }
    }

    /**
     * The first attempt writes a marker file and then blocks (the test kills the worker); the retry
     * finds the marker and returns the pid of the worker it ran on.
     */
    record BlockUntilKilled(String marker) implements RemoteTask<Long> {
        @Override
        public Long call() throws Exception {
            Path m = Path.of(marker);
            if (Files.exists(m)) {
                return ProcessHandle.current().pid();
            }
            Files.writeString(m, Long.toString(ProcessHandle.current().pid()));
            Thread.sleep(Duration.ofMinutes(2));
            throw new IllegalStateException("the test should have killed this worker");
        }
    }

    /** Halts its worker JVM every time: the pool retries once, then reports the death. */
    record HaltWorker(int status) implements RemoteTask<Integer> {
        @Override
        public Integer call() {
            Runtime.getRuntime().halt(status);
            return 0;
        }
    }

    /** Prints on System.out inside the worker: must not corrupt the protocol stream. */
    record Chatty(int x) implements RemoteTask<Integer> {
        @Override
        public Integer call() {
            System.out.println("noise that must not reach the protocol " + x);
            return x + 1;
        }
    }

    /** Blocks until its latch file appears; lets a test keep a worker busy. */
    record Sleep(long millis) implements RemoteTask<Integer> {
        @Override
        public Integer call() throws InterruptedException {
            Thread.sleep(millis);
            return 1;
        }
    }

    /** Throws an exception that has no message. */
    record ThrowsWithoutMessage() implements RemoteTask<Integer> {
        @Override
        public Integer call() {
            throw new IllegalStateException();
        }
    }

    /**
     * Writes a reply header of its own straight onto the worker's protocol stream (file descriptor
     * 1, past the worker's buffer), so the parent reads it before the worker's real reply.
     */
    record FakeReply(long id, byte status) implements RemoteTask<Integer> {
        @Override
        public Integer call() throws java.io.IOException {
            var raw = new java.io.DataOutputStream(new java.io.FileOutputStream(java.io.FileDescriptor.out));
            raw.writeLong(id);
            raw.writeByte(status);
            raw.writeInt(0);
            raw.flush();
            return 0;
        }
    }

    /** Kills its own worker JVM with SIGKILL (Unix: {@code kill -KILL <pid>}), every time. */
    record KillOwnJvm() implements RemoteTask<Integer> {
        @Override
        public Integer call() throws Exception {
            new ProcessBuilder("kill", "-KILL", Long.toString(ProcessHandle.current().pid())).start().waitFor();
            Thread.sleep(Duration.ofMinutes(1)); // the signal ends this JVM first
            return 0;
        }
    }
}
