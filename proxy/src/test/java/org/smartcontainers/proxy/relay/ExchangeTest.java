package org.smartcontainers.proxy.relay;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.handler.codec.http.DefaultHttpRequest;
import io.netty.handler.codec.http.DefaultHttpResponse;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import org.junit.jupiter.api.Test;

class ExchangeTest {
    private static Exchange exchange(HttpMethod method, String connection) {
        DefaultHttpRequest request = new DefaultHttpRequest(HttpVersion.HTTP_1_1, method, "/x");
        if (connection != null) {
            request.headers().set("Connection", connection);
        }
        return new Exchange(request, null);
    }

    private static HttpResponse response(HttpResponseStatus status, String header, String value) {
        DefaultHttpResponse response = new DefaultHttpResponse(HttpVersion.HTTP_1_1, status);
        if (header != null) {
            response.headers().set(header, value);
        }
        return response;
    }

    @Test
    void lengthOrChunkedResponsesKeepTheConnection() {
        Exchange sized = exchange(HttpMethod.GET, null);
        sized.responseStarted(response(HttpResponseStatus.OK, "Content-Length", "3"));
        assertFalse(sized.endsConnection());
        Exchange chunked = exchange(HttpMethod.GET, null);
        chunked.responseStarted(response(HttpResponseStatus.OK, "Transfer-Encoding", "chunked"));
        assertFalse(chunked.endsConnection());
    }

    @Test
    void aBodyThatEndsWithTheConnectionEndsIt() {
        Exchange untilClose = exchange(HttpMethod.GET, null);
        untilClose.responseStarted(response(HttpResponseStatus.OK, null, null));
        assertTrue(untilClose.endsConnection());
    }

    @Test
    void bodylessAnswersNeedNoLength() {
        Exchange head = exchange(HttpMethod.HEAD, null);
        head.responseStarted(response(HttpResponseStatus.OK, null, null));
        assertFalse(head.endsConnection());
        Exchange noContent = exchange(HttpMethod.POST, null);
        noContent.responseStarted(response(HttpResponseStatus.NO_CONTENT, null, null));
        assertFalse(noContent.endsConnection());
    }

    @Test
    void connectionCloseOnEitherSideEndsIt() {
        Exchange clientCloses = exchange(HttpMethod.GET, "close");
        clientCloses.responseStarted(response(HttpResponseStatus.OK, "Content-Length", "0"));
        assertTrue(clientCloses.endsConnection());
        Exchange daemonCloses = exchange(HttpMethod.GET, null);
        HttpResponse closing = response(HttpResponseStatus.OK, "Content-Length", "0");
        closing.headers().set("Connection", "close");
        daemonCloses.responseStarted(closing);
        assertTrue(daemonCloses.endsConnection());
    }
}
