package org.sharemint.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class ProcFsTest {
    @Test
    void unwrittenIsDirtyPlusWritebackOnly() {
        List<String> meminfo = List.of("MemTotal:       24000000 kB", "Dirty:              2048 kB", "Writeback:           512 kB",
            "WritebackTmp:          7 kB", "AnonPages:        100000 kB");
        assertEquals((2048 + 512) * 1024L, ProcFs.unwrittenBytes(meminfo));
        assertEquals(0, ProcFs.unwrittenBytes(List.of("MemTotal: 1 kB")));
    }
}
