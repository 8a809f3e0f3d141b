package org.parallelcookbook.processes;

import org.junit.jupiter.api.ClassOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Runs after every other test class of the module ({@link ClassOrderer.OrderAnnotation}, set in
 * {@code junit-platform.properties}) and asserts that no process started by the suite is still
 * running: after {@code mvn -pl processes verify}, no child JVM of the build remains.
 */
@Order(Integer.MAX_VALUE)
class ZzNoLeftoverProcessesTest {

    @Test
    @Timeout(60)
    void noChildProcessOfTheTestJvmRemains() throws InterruptedException {
        NoLeftoverChildren.assertNoDescendants("the processes test suite");
    }
}
