package org.sharemint.crypto;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class HashesTest {
    private static final HexFormat HEX = HexFormat.of();

    @Test
    void sha256OfAbcInPartsIsTheFipsVector() {
        assertEquals("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad",
                HEX.formatHex(Hashes.sha256("a".getBytes(StandardCharsets.US_ASCII), "bc".getBytes(StandardCharsets.US_ASCII))));
    }

    @Test
    void sha256dOfTheGenesisHeaderIsItsBlockHash() {
        byte[] header = HEX.parseHex("0100000000000000000000000000000000000000000000000000000000000000000000003ba3edfd7a7b12b27ac72c3e67768f617fc81bc3888a51323a9fb8aa4b1e5e4a29ab5f49ffff001d1dac2b7c");
        byte[] hash = Hashes.sha256d(header);
        byte[] display = new byte[32];
        for (int i = 0; i < 32; i++) display[i] = hash[31 - i];
        assertEquals("000000000019d6689c085ae165831e934ff763ae46a2a6c172b3f1b60a8ce26f", HEX.formatHex(display));
        byte[] padded = new byte[90];
        System.arraycopy(header, 0, padded, 5, 80);
        assertArrayEquals(hash, Hashes.sha256d(padded, 5, 80));
    }

    @Test
    void taggedHashIsSha256OfBothTagHashesThenTheData() {
        byte[] t = Hashes.sha256("BIP0340/challenge".getBytes(StandardCharsets.UTF_8));
        byte[] data = {1, 2, 3};
        assertArrayEquals(Hashes.sha256(t, t, data), Hashes.tagged("BIP0340/challenge", data));
    }

    @Test
    void concurrentCallersGetTheSameAnswers() throws Exception {
        byte[] expected = Hashes.sha256d(new byte[80]);
        try (ExecutorService ex = Executors.newFixedThreadPool(4)) {
            List<Future<byte[]>> results = new ArrayList<>();
            for (int i = 0; i < 2000; i++) results.add(ex.submit(() -> Hashes.sha256d(new byte[80])));
            for (Future<byte[]> f : results) assertArrayEquals(expected, f.get());
        }
    }
}
