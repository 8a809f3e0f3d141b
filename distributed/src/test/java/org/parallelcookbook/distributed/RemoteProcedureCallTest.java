package org.parallelcookbook.distributed;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(60)
class RemoteProcedureCallTest {

    @Test
    void outputLandsOnTheServerThenOnTheClientAfterRedirection() throws Exception {
        var r = RemoteProcedureCall.session(line -> { }, line -> { });
        assertEquals(List.of("hi python cookbook"), r.serverLines());
        assertEquals(List.of("hi here"), r.clientLines());
        assertNotNull(r.refused(), "a command outside the fixed set is refused");
    }
}
