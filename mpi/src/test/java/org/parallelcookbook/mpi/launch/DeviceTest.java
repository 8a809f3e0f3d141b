package org.parallelcookbook.mpi.launch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class DeviceTest {

    @Test
    void devicesAreNamedAsMpjRunNamesThemAndParsedWhateverTheCase() {
        assertEquals("multicore", Device.MULTICORE.mpjName());
        assertEquals("niodev", Device.NIODEV.mpjName());
        assertEquals(Device.MULTICORE, Device.parse("multicore"));
        assertEquals(Device.NIODEV, Device.parse(" NioDev "));
        var e = assertThrows(IllegalArgumentException.class, () -> Device.parse("smpdev"));
        assertEquals("device must be multicore or niodev, got 'smpdev'", e.getMessage());
    }
}
