package org.parallelcookbook.distributed;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(60)
class RmiChainTest {

    @Test
    void messageTravelsTheRingAndServerOneIsReentered() throws Exception {
        var r = RmiChain.run(List.of("1", "2", "3"));
        assertEquals(List.of("passed on from 1", "passed on from 2", "passed on from 3", "complete at 1"), r.reply());
        assertEquals(List.of("1 forwarding the message to the object 2", "2 forwarding the message to the object 3",
                "3 forwarding the message to the object 1", "Back at 1; the chain is closed!"), r.log());
        assertEquals(2, r.serverOneThreads().size(), "two overlapping calls to server 1, two RMI threads");
    }

    /** A longer ring: the message passes every server once, and still only server 1 is called twice. */
    @Test
    void aRingOfFourClosesAtOneAndOnlyServerOneRunsTwoCalls() throws Exception {
        var r = RmiChain.run(List.of("1", "2", "3", "4"));
        assertEquals(List.of("passed on from 1", "passed on from 2", "passed on from 3", "passed on from 4", "complete at 1"),
                r.reply());
        assertEquals("4 forwarding the message to the object 1", r.log().get(3));
        assertEquals(2, r.serverOneThreads().size(), "server 1's two calls, not those of the three others: " + r.serverOneThreads());
    }
}
