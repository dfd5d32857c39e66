package org.sharemint.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

/** An HTTP/1.1 client on a bare socket, for requests no real client would send: bytes as given, the answer as read. */
public final class RawHttp implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();
    public final Socket socket;
    private final InputStream in;
    private final OutputStream out;

    /** One answer: status, headers (names in lower case), body as text. */
    public record Reply(int status, Map<String, String> headers, String body) {
        /** The body as JSON, or null when it is not JSON. */
        public JsonNode json() {
            try {
                return JSON.readTree(body);
            } catch (IOException e) {
                return null;
            }
        }

        /** True for the Cashu error object: JSON with a text "detail" and an integer "code". */
        public boolean isCashuError() {
            JsonNode n = json();
            return headers.getOrDefault("content-type", "").startsWith("application/json") && n != null && n.isObject()
                && n.path("detail").isTextual() && !n.path("detail").asText().isEmpty() && n.path("code").isInt();
        }
    }

    private RawHttp(Socket socket) throws IOException {
        this.socket = socket;
        this.in = socket.getInputStream();
        this.out = socket.getOutputStream();
    }

    /** Connects with reads bounded by {@code readTimeout}. */
    public static RawHttp connect(InetSocketAddress address, Duration readTimeout) throws IOException {
        Socket s = new Socket();
        s.connect(address, 10_000);
        s.setSoTimeout((int) readTimeout.toMillis());
        return new RawHttp(s);
    }

    public void send(String text) throws IOException {
        out.write(text.getBytes(StandardCharsets.ISO_8859_1));
        out.flush();
    }

    /** Reads one answer (body by Content-Length, else up to the end of the stream); null when the server closed first. */
    public Reply read() throws IOException {
        String status = line();
        if (status == null) return null;
        String[] parts = status.split(" ", 3);
        Map<String, String> headers = new HashMap<>();
        for (String h; (h = line()) != null && !h.isEmpty(); ) {
            int colon = h.indexOf(':');
            headers.put(h.substring(0, colon).trim().toLowerCase(), h.substring(colon + 1).trim());
        }
        byte[] body;
        if (headers.containsKey("content-length")) body = in.readNBytes(Integer.parseInt(headers.get("content-length")));
        else if ("chunked".equalsIgnoreCase(headers.get("transfer-encoding"))) body = chunked();
        else body = in.readAllBytes();
        return new Reply(Integer.parseInt(parts[1]), headers, new String(body, StandardCharsets.UTF_8));
    }

    private byte[] chunked() throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        for (int size; (size = Integer.parseInt(line().trim(), 16)) > 0; ) {
            b.write(in.readNBytes(size));
            line();
        }
        line();
        return b.toByteArray();
    }

    private String line() throws IOException {
        StringBuilder b = new StringBuilder();
        for (int c; (c = in.read()) != '\n'; ) {
            if (c < 0) return b.isEmpty() ? null : b.toString();
            if (c != '\r') b.append((char) c);
        }
        return b.toString();
    }

    /**
     * True when the server closes the connection within {@code within} (whatever it sent before
     * is read and dropped); false when the stream is still open then.
     */
    public boolean closedWithin(Duration within) throws IOException {
        long end = System.nanoTime() + within.toNanos();
        socket.setSoTimeout(200);
        byte[] buf = new byte[4096];
        while (System.nanoTime() < end) {
            try {
                if (in.read(buf) < 0) return true;
            } catch (SocketTimeoutException e) {
                // still open: look again
            } catch (IOException e) {
                return true; // reset by the server
            }
        }
        return false;
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
