package org.sharemint.http;

import com.fasterxml.jackson.core.io.JsonStringEncoder;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.util.Callback;

/**
 * Every error the HTTP layer answers itself (a broken request line, URI, header or chunked body,
 * headers too large, a body too slow, a handler that failed) as the Cashu error object
 * {@code {"detail": ..., "code": 0}} instead of Jetty's HTML page. A 5xx names no cause.
 */
final class JsonErrorHandler extends ErrorHandler {
    private static final String JSON = "application/json";
    private static final int MAX_DETAIL = 200;

    @Override
    public boolean handle(Request request, Response response, Callback callback) {
        int status = response.getStatus() >= 400 ? response.getStatus() : HttpStatus.INTERNAL_SERVER_ERROR_500;
        Object message = request.getAttribute(ERROR_MESSAGE);
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, JSON);
        response.getHeaders().put(ERROR_CACHE_CONTROL);
        response.write(true, body(status, message == null ? null : message.toString()), callback);
        return true;
    }

    @Override
    public ByteBuffer badMessageError(int status, String reason, HttpFields.Mutable fields) {
        fields.put(new HttpField(HttpHeader.CONTENT_TYPE, JSON));
        return body(status, reason);
    }

    static ByteBuffer body(int status, String message) {
        String detail = status >= 500 || message == null || message.isBlank() ? HttpStatus.getMessage(status) : message;
        if (detail.length() > MAX_DETAIL) detail = detail.substring(0, MAX_DETAIL) + "…";
        String json = "{\"detail\":\"" + new String(JsonStringEncoder.getInstance().quoteAsString(detail)) + "\",\"code\":0}";
        return ByteBuffer.wrap(json.getBytes(StandardCharsets.UTF_8));
    }
}
