package org.sharemint.pool;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.sharemint.pool.Sv2TestClient.waiting;

import java.io.IOException;
import java.math.BigInteger;
import java.net.Socket;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sharemint.bitcoin.Targets;
import org.sharemint.crypto.Secp256k1;
import org.sharemint.wire.OpenExtendedMiningChannel;
import org.sharemint.wire.OpenStandardMiningChannel;
import org.sharemint.wire.RequestExtensions;
import org.sharemint.wire.RequestExtensionsError;
import org.sharemint.wire.RequestExtensionsSuccess;
import org.sharemint.wire.SetLockingKey;
import org.sharemint.wire.SetLockingKeyError;
import org.sharemint.wire.SetTarget;
import org.sharemint.wire.SetupConnection;
import org.sharemint.wire.SetupConnectionError;
import org.sharemint.wire.SubmitSharesSuccess;
import org.sharemint.wire.UpdateChannel;
import org.sharemint.wire.UpdateChannelError;

/** Connection setup, extension negotiation, channel opens and updates, locking keys, limits. */
class ConnectionTest {
    @TempDir
    Path dir;

    private static byte[] maxTarget() {
        return Targets.toLe(Targets.MAX);
    }

    @Test
    void setupRefusalsAnswerAndClose() throws Exception {
        try (PoolFixture pool = new PoolFixture(dir, Map.of())) {
            Object[][] cases = {
                {new SetupConnection(1, 2, 2, 0, "", 0, "", "", "", ""), "unsupported-protocol"},
                {new SetupConnection(0, 3, 3, 0, "", 0, "", "", "", ""), "protocol-version-mismatch"},
                {new SetupConnection(0, 1, 1, 0, "", 0, "", "", "", ""), "protocol-version-mismatch"},
                {new SetupConnection(0, 2, 2, 2, "", 0, "", "", "", ""), "unsupported-feature-flags"},
            };
            for (Object[] c : cases) {
                try (Sv2TestClient client = Sv2TestClient.connect(pool.server.minerAddress())) {
                    client.send((SetupConnection) c[0]);
                    assertEquals(c[1], client.awaitMessage(SetupConnectionError.class, e -> true).errorCode());
                    client.awaitClosedByPool();
                }
            }
            // a version range that contains 2 is fine
            try (Sv2TestClient client = Sv2TestClient.connect(pool.server.minerAddress())) {
                client.send(new SetupConnection(0, 1, 5, 0, "", 0, "", "", "", ""));
                client.awaitMessage(org.sharemint.wire.SetupConnectionSuccess.class, s -> s.usedVersion() == 2);
            }
        }
    }

    @Test
    void connectionThatDoesNotSetUpInTimeIsClosed() throws Exception {
        try (PoolFixture pool = new PoolFixture(dir, Map.of("pool.setup-timeout-ms", "200"));
                Sv2TestClient idle = Sv2TestClient.connect(pool.server.minerAddress());
                Sv2TestClient ready = pool.client(false)) {
            idle.awaitClosedByPool();
            ready.openStandard(PoolFixture.IDENTITY); // a connection that did set up is not affected
            assertTrue(!ready.ended);
        }
    }

    @Test
    void extensionNegotiation() throws Exception {
        try (PoolFixture pool = new PoolFixture(dir, Map.of()); Sv2TestClient c = pool.client(false)) {
            c.send(new RequestExtensions(1, new int[] {0x4E55, 0x0002}));
            assertArrayEquals(new int[] {0x4E55}, c.awaitMessage(RequestExtensionsSuccess.class, r -> r.requestId() == 1).supportedExtensions());
            c.send(new RequestExtensions(2, new int[] {0x0003}));
            RequestExtensionsError e = c.awaitMessage(RequestExtensionsError.class, r -> r.requestId() == 2);
            assertArrayEquals(new int[] {0x0003}, e.unsupportedExtensions());
        }
    }

    @Test
    void openChannelErrors() throws Exception {
        try (PoolFixture pool = new PoolFixture(dir, Map.of()); Sv2TestClient c = pool.client(true)) {
            int r = c.nextRequestId();
            assertEquals("missing-locking-key", c.openError(new OpenStandardMiningChannel(r, "worker1", 0f, maxTarget()), r));
            r = c.nextRequestId();
            String notAPoint = "02" + "ff".repeat(32);
            assertEquals("invalid-user-identity", c.openError(new OpenStandardMiningChannel(r, notAPoint + ".w", 0f, maxTarget()), r));
            r = c.nextRequestId();
            assertEquals("invalid-nominal-hashrate", c.openError(new OpenStandardMiningChannel(r, PoolFixture.IDENTITY, -1f, maxTarget()), r));
            r = c.nextRequestId();
            assertEquals("invalid-nominal-hashrate", c.openError(new OpenStandardMiningChannel(r, PoolFixture.IDENTITY, Float.NaN, maxTarget()), r));
            r = c.nextRequestId();
            assertEquals("max-target-out-of-range", c.openError(new OpenStandardMiningChannel(r, PoolFixture.IDENTITY, 0f, new byte[32]), r));
            r = c.nextRequestId();
            assertEquals("min-extranonce-size-too-large",
                    c.openError(new OpenExtendedMiningChannel(r, PoolFixture.IDENTITY, 0f, maxTarget(), 25), r));
        }
    }

    @Test
    void defaultKeyOrNoRequirementLetsKeylessChannelsOpen() throws Exception {
        try (PoolFixture pool = new PoolFixture(dir, Map.of("ehash.default-locking-key", PoolFixture.KEY_HEX)); Sv2TestClient c = pool.client(true)) {
            Sv2TestClient.Channel ch = c.openStandard("worker1");
            c.submit(c.findShare(ch, true), 1);
            c.awaitMessage(SubmitSharesSuccess.class, s -> true);
            assertEquals(PoolFixture.KEY_HEX, HexFormat.of().formatHex(pool.issuer.requests.get(0).lockingKey()));
        }
        try (PoolFixture pool = new PoolFixture(dir, Map.of("ehash.require-locking-key", "false")); Sv2TestClient c = pool.client(true)) {
            c.openStandard("worker1");
        }
    }

    @Test
    void setLockingKeyTakesPrecedenceAndBadKeysAreRefused() throws Exception {
        try (PoolFixture pool = new PoolFixture(dir, Map.of()); Sv2TestClient c = pool.client(true)) {
            Sv2TestClient.Channel ch = c.openStandard(PoolFixture.IDENTITY);
            c.send(new SetLockingKey(ch.id + 1000, HexFormat.of().parseHex(PoolFixture.KEY_HEX)));
            assertEquals("invalid-channel-id", c.awaitMessage(SetLockingKeyError.class, e -> e.channelId() == ch.id + 1000).errorCode());
            c.send(new SetLockingKey(ch.id, HexFormat.of().parseHex("02" + "ff".repeat(32))));
            assertEquals("invalid-locking-key", c.awaitMessage(SetLockingKeyError.class, e -> e.channelId() == ch.id).errorCode());
            c.send(new SetLockingKey(ch.id, new byte[5]));
            waiting().until(() -> c.all(SetLockingKeyError.class, e -> e.channelId() == ch.id).size() == 2);

            byte[] other = Secp256k1.compressed(Secp256k1.mulG(BigInteger.valueOf(777)));
            c.send(new SetLockingKey(ch.id, other));
            c.submit(c.findShare(ch, true), 1);
            c.awaitMessage(SubmitSharesSuccess.class, s -> true);
            assertArrayEquals(other, pool.issuer.requests.get(0).lockingKey(), "SetLockingKey beats the identity's key");
        }
    }

    @Test
    void channelIdsAndPrefixesAreUniqueAcrossThePool() throws Exception {
        try (PoolFixture pool = new PoolFixture(dir, Map.of()); Sv2TestClient a = pool.client(true); Sv2TestClient b = pool.client(true)) {
            Set<Integer> ids = new HashSet<>();
            Set<String> prefixes = new HashSet<>();
            for (Sv2TestClient c : new Sv2TestClient[] {a, b}) {
                for (int i = 0; i < 3; i++) {
                    Sv2TestClient.Channel ch = i == 1 ? c.openExtended(PoolFixture.IDENTITY, 0) : c.openStandard(PoolFixture.IDENTITY);
                    assertTrue(ids.add(ch.id));
                    assertTrue(prefixes.add(HexFormat.of().formatHex(Arrays.copyOf(ch.prefix, Extranonce.UNIQUE_BYTES))));
                }
            }
            var groupA = a.find(org.sharemint.wire.OpenStandardMiningChannelSuccess.class, s -> true).groupChannelId();
            var groupB = b.find(org.sharemint.wire.OpenStandardMiningChannelSuccess.class, s -> true).groupChannelId();
            assertNotEquals(groupA, groupB);
            assertTrue(!ids.contains(groupA) && !ids.contains(groupB), "group channel ids share the namespace");
        }
    }

    @Test
    void updateChannelAppliesTheNewMaximumTarget() throws Exception {
        try (PoolFixture pool = new PoolFixture(dir, Map.of()); Sv2TestClient c = pool.client(true)) {
            Sv2TestClient.Channel ch = c.openStandard(PoolFixture.IDENTITY);
            byte[] smaller = Targets.toLe(Targets.toBig(ch.target).shiftRight(4));
            c.send(new UpdateChannel(ch.id, 0f, smaller));
            assertArrayEquals(smaller, c.awaitMessage(SetTarget.class, t -> t.channelId() == ch.id).maximumTarget());
            c.submit(c.findShare(ch, true), 1); // the client now grinds against the new target
            c.awaitMessage(SubmitSharesSuccess.class, s -> true);
            c.send(new UpdateChannel(ch.id + 99, 0f, smaller));
            assertEquals("invalid-channel-id", c.awaitMessage(UpdateChannelError.class, e -> true).errorCode());
            c.send(new UpdateChannel(ch.id, Float.POSITIVE_INFINITY, smaller));
            waiting().until(() -> c.find(UpdateChannelError.class, e -> e.errorCode().equals("invalid-nominal-hashrate")) != null);
        }
    }

    @Test
    void connectionsBeyondTheLimitAreClosedAtOnce() throws Exception {
        try (PoolFixture pool = new PoolFixture(dir, Map.of("pool.max-connections", "2"));
                Sv2TestClient a = pool.client(false);
                Sv2TestClient b = pool.client(false)) {
            try (Socket third = new Socket(pool.server.minerAddress().getAddress(), pool.server.minerAddress().getPort())) {
                third.setSoTimeout(10_000);
                assertEquals(-1, third.getInputStream().read(), "closed without a byte");
            }
            a.close();
            waiting().until(() -> PoolFixture.sample(pool.scrape("/metrics"), "sharemint_connections_open") == 1);
            try (Sv2TestClient c = pool.client(false)) {
                c.openStandard(PoolFixture.IDENTITY);
            }
            assertEquals(1, PoolFixture.sample(pool.scrape("/metrics"), "sharemint_connections_rejected_total"));
        }
    }

    /** A peer that stops reading: the pool closes it once its outbound queue passes the limit. */
    @Test
    void peerThatDoesNotReadIsClosedAtTheOutboundLimit() throws Exception {
        // the invalid-submit budget is out of the way here: the outbound limit must act first
        try (PoolFixture pool = new PoolFixture(dir, Map.of("pool.outbound-limit-bytes", "4096", "pool.max-invalid-shares-per-s", "10000000",
                "pool.invalid-shares-burst", "10000000"));
                Sv2TestClient honest = pool.client(true)) {
            Sv2TestClient.Channel ch = honest.openStandard(PoolFixture.IDENTITY);
            Socket s = new Socket();
            s.setReceiveBufferSize(4096);
            s.connect(pool.server.minerAddress());
            Thread flood = Thread.ofVirtual().start(() -> {
                try (s) {
                    var out = new java.io.BufferedOutputStream(s.getOutputStream(), 1 << 16);
                    out.write(org.sharemint.wire.Codec.toBytes(new SetupConnection(0, 2, 2, 0, "", 0, "", "", "", "")));
                    // every submit on an unknown channel earns a 34-byte error the peer never reads
                    byte[] submit = org.sharemint.wire.Codec.toBytes(new org.sharemint.wire.SubmitSharesStandard(9, 1, 1, 1, 1, 1));
                    for (int i = 0; i < 2_000_000; i++) out.write(submit);
                    out.flush();
                } catch (IOException e) {
                    // expected: the pool closed the socket
                }
            });
            waiting().until(() -> PoolFixture.sample(pool.scrape("/metrics"), "sharemint_outbound_overflows_total") == 1);
            flood.join();
            waiting().until(() -> PoolFixture.sample(pool.scrape("/metrics"), "sharemint_connections_open") == 1);
            honest.submit(honest.findShare(ch, true), 1);
            honest.awaitMessage(SubmitSharesSuccess.class, x -> true);
        }
    }
}
