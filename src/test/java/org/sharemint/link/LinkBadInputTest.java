package org.sharemint.link;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.EOFException;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.sharemint.metrics.MetricsRegistry;
import org.sharemint.mint.QuoteIssuer;
import org.sharemint.mint.QuoteRequest;
import org.sharemint.mint.QuoteResult;
import org.sharemint.wire.Codec;
import org.sharemint.wire.FrameChannel;
import org.sharemint.wire.Message;
import org.sharemint.wire.MintQuoteRequest;
import org.sharemint.wire.MintQuoteResponse;
import org.sharemint.wire.PlainFrameChannel;

/** Bad input on a mint link closes that link only, on either side (real sockets, plaintext link). */
class LinkBadInputTest {
    private static final byte[] KEYSET = new byte[8];

    /** Quotes for everything, numbered. */
    static final class CountingMint implements QuoteIssuer {
        final AtomicInteger made = new AtomicInteger();

        @Override
        public List<QuoteResult> createQuotes(List<QuoteRequest> batch) {
            List<QuoteResult> out = new ArrayList<>();
            for (QuoteRequest q : batch) out.add(new QuoteResult.Quote("q" + made.incrementAndGet(), KEYSET, q.amount()));
            return out;
        }
    }

    /** A pool's end of a link, by hand. */
    static FrameChannel poolSide(InetSocketAddress a) throws IOException {
        Socket s = new Socket();
        s.connect(a, 5000);
        s.setSoTimeout(10_000);
        FrameChannel ch = new PlainFrameChannel(s.getInputStream(), s.getOutputStream(), 1 << 16);
        LinkSetup.asPool(ch);
        return ch;
    }

    private static void send(FrameChannel ch, Message m) throws IOException {
        ch.write(Codec.encode(m));
        ch.flush();
    }

    private static MintQuoteRequest request(int id) {
        return new MintQuoteRequest(id, new byte[32], 4, "hash", new byte[0], System.currentTimeMillis() + 10_000);
    }

    @Test
    void theMintClosesALinkThatSendsGarbageAndServesTheOthers() throws Exception {
        MetricsRegistry registry = new MetricsRegistry("sharemint_");
        try (MintLinkServer server = MintLinkServer.start(new InetSocketAddress("127.0.0.1", 0), null, new CountingMint(), registry, Clock.systemUTC())) {
            FrameChannel good = poolSide(server.address());
            // a frame larger than the link allows, a message that is no request, a request cut short
            List<byte[]> garbage = List.of(
                new byte[] {0x55, 0x4e, 0x10, (byte) 0xff, (byte) 0xff, 0x00},
                Codec.toBytes(new MintQuoteResponse(1, "q", KEYSET, 4)),
                new byte[] {0x55, 0x4e, 0x10, 0x03, 0x00, 0x00, 1, 2, 3});
            for (byte[] bad : garbage) {
                try (Socket s = new Socket()) {
                    s.connect(server.address(), 5000);
                    s.setSoTimeout(10_000);
                    FrameChannel ch = new PlainFrameChannel(s.getInputStream(), s.getOutputStream(), 1 << 16);
                    LinkSetup.asPool(ch);
                    OutputStream out = s.getOutputStream();
                    out.write(bad);
                    out.flush();
                    assertThrows(EOFException.class, ch::read, "the mint closed this link");
                }
            }
            send(good, request(7));
            MintQuoteResponse r = assertInstanceOf(MintQuoteResponse.class, Codec.decode(good.read()));
            assertEquals(7, r.requestId(), "the other link is untouched");
            assertTrue(registry.render().contains("sharemint_mint_link_bad_input_total 3"), registry.render());
            good.close();
        }
    }

    @Test
    void thePoolClosesALinkThatAnswersARequestNobodySentAndLinksAgain() throws Exception {
        try (ServerSocket fake = new ServerSocket(0)) {
            RemoteMint remote = new RemoteMint(List.of(new InetSocketAddress("127.0.0.1", fake.getLocalPort())), null, Clock.systemUTC());
            remote.startLink();
            try (remote) {
                Socket first = fake.accept();
                FrameChannel ch = new PlainFrameChannel(first.getInputStream(), first.getOutputStream(), 1 << 16);
                LinkSetup.asMint(ch);
                List<QuoteResult>[] results = new List[1];
                long deadline = System.currentTimeMillis() + 500;
                Thread batch = Thread.ofVirtual().start(() -> results[0] = remote.createQuotes(
                    List.of(new QuoteRequest(new byte[32], 4, "hash", new byte[0], deadline))));
                MintQuoteRequest got = assertInstanceOf(MintQuoteRequest.class, Codec.decode(ch.read()));
                send(ch, new MintQuoteResponse(got.requestId() + 1000, "q", KEYSET, 4));
                assertThrows(EOFException.class, ch::read, "the pool closed the link");
                first.close();
                // it links again by itself, and the request it had sent is answered mint-timeout, not before its deadline
                fake.setSoTimeout(10_000);
                try (Socket second = fake.accept()) {
                    LinkSetup.asMint(new PlainFrameChannel(second.getInputStream(), second.getOutputStream(), 1 << 16));
                    batch.join(Duration.ofSeconds(10));
                    assertTrue(System.currentTimeMillis() >= deadline);
                    assertEquals(List.of(new QuoteResult.Refused("mint-timeout")), results[0]);
                    Awaitility.await().atMost(Duration.ofSeconds(10)).until(remote::reachable);
                    String m = remote.metrics().render();
                    assertTrue(m.contains("sharemint_mint_link_bad_input_total 1"), m);
                    assertTrue(m.contains("sharemint_mint_link_reconnects_total 1"), m);
                }
            }
        }
    }
}
