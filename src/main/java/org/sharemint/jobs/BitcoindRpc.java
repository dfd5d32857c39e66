package org.sharemint.jobs;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Bitcoin Core's JSON-RPC over HTTP: one blocking call per method, Basic authentication from
 * the cookie file (read again on every call, since the node writes a new one when it restarts)
 * or from a user and password. The credentials are never logged or put in an exception.
 */
public final class BitcoindRpc implements AutoCloseable {
    /** Larger answers are refused (a getblocktemplate of a full 4 MWU block is about 8 MB of hex). */
    static final int MAX_ANSWER_BYTES = 64 << 20;
    private static final ObjectMapper JSON = new ObjectMapper();

    private final URI uri;
    private final Path cookieFile;
    private final String userPassword;
    private final HttpClient http;
    private final AtomicLong ids = new AtomicLong();

    /**
     * @param url http://HOST:PORT of the node
     * @param cookieFile the node's .cookie, or null to use {@code user} and {@code password}
     */
    public BitcoindRpc(String url, Path cookieFile, String user, String password) {
        this.uri = URI.create(url.endsWith("/") ? url : url + "/");
        this.cookieFile = cookieFile;
        this.userPassword = cookieFile == null ? user + ":" + password : null;
        this.http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    }

    /** The node's address, for logs (no credentials in it). */
    public String where() {
        return uri.getHost() + ":" + uri.getPort();
    }

    /** Calls {@code method} with positional {@code params}; the result, or RpcException. */
    public JsonNode call(String method, Duration timeout, Object... params) throws RpcException, InterruptedException {
        ObjectNode req = JSON.createObjectNode();
        req.put("jsonrpc", "1.0");
        req.put("id", ids.incrementAndGet());
        req.put("method", method);
        req.set("params", JSON.valueToTree(params));
        HttpRequest r;
        try {
            r = HttpRequest.newBuilder(uri)
                    .timeout(timeout)
                    .header("Content-Type", "application/json")
                    .header("Authorization", "Basic " + Base64.getEncoder().encodeToString(credentials().getBytes(StandardCharsets.UTF_8)))
                    .POST(HttpRequest.BodyPublishers.ofByteArray(JSON.writeValueAsBytes(req)))
                    .build();
        } catch (IOException e) {
            throw new RpcException("cannot read the cookie file " + cookieFile + ": " + e.getMessage(), true, null);
        }
        HttpResponse<java.io.InputStream> answer;
        byte[] body;
        try {
            answer = http.send(r, HttpResponse.BodyHandlers.ofInputStream());
            // read here, on the caller's thread, and no further than the bound: bounds before allocation
            try (java.io.InputStream in = answer.body()) {
                body = in.readNBytes(MAX_ANSWER_BYTES + 1);
            }
            if (body.length > MAX_ANSWER_BYTES) body = null;
        } catch (HttpTimeoutException e) {
            throw new RpcException(method + ": no answer within " + timeout.toMillis() + " ms", true, null);
        } catch (ConnectException e) {
            throw new RpcException(method + ": cannot connect to " + where() + " (" + e.getClass().getSimpleName() + ")", true, null);
        } catch (IOException e) {
            throw new RpcException(method + ": " + where() + ": " + e, true, null);
        }
        if (answer.statusCode() == 401 || answer.statusCode() == 403) {
            throw new RpcException(method + ": the node refused the credentials (HTTP " + answer.statusCode() + ")", false, null);
        }
        if (body == null) throw new RpcException(method + ": answer longer than " + MAX_ANSWER_BYTES + " bytes", false, null);
        JsonNode tree;
        try {
            tree = JSON.readTree(body);
        } catch (IOException e) {
            throw new RpcException(method + ": malformed JSON (HTTP " + answer.statusCode() + ")", false, null);
        }
        if (tree == null || !tree.isObject()) throw new RpcException(method + ": answer is not a JSON object (HTTP " + answer.statusCode() + ")", false, null);
        JsonNode error = tree.get("error");
        if (error != null && !error.isNull()) {
            throw new RpcException(method + ": RPC error " + error.path("code").asText("?") + " " + error.path("message").asText(error.toString()), false, null);
        }
        if (answer.statusCode() != 200) throw new RpcException(method + ": HTTP " + answer.statusCode(), false, null);
        if (!tree.has("result")) throw new RpcException(method + ": answer has no result", false, null);
        return tree.get("result");
    }

    private String credentials() throws IOException {
        if (cookieFile == null) return userPassword;
        return Files.readString(cookieFile, StandardCharsets.UTF_8).strip();
    }

    @Override
    public void close() {
        http.close();
    }
}
