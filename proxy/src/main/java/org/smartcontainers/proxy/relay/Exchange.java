package org.smartcontainers.proxy.relay;

import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import org.smartcontainers.docker.DockerApiPath;
import org.smartcontainers.proxy.intercept.Interception;

/** One request and its response as they pass through the proxy. */
final class Exchange {
    final HttpMethod method;
    /** The request's head: what a hijack's watcher is chosen by. */
    final HttpRequest request;
    final String uri;
    final boolean mayHijack;
    final boolean requestKeepAlive;
    /** It may change which image a reference names (see {@link DockerApiPath#changesImages}). */
    final boolean changesImages;
    final long startNanos = System.nanoTime();
    /** Set when this exchange is recorded; null for the plain relay. */
    final Interception interception;
    private HttpResponse response;
    /** The extension API's answer, waiting for the exchanges ahead of it. */
    private FullHttpResponse answerMadeHere;
    private boolean requestComplete;

    Exchange(HttpRequest request, Interception interception) {
        this.interception = interception;
        this.method = request.method();
        this.request = request;
        this.uri = request.uri();
        this.mayHijack = DockerApiPath.mayHijack(request.uri(), request.headers().contains(HttpHeaderNames.UPGRADE));
        this.requestKeepAlive = HttpUtil.isKeepAlive(request);
        this.changesImages = DockerApiPath.changesImages(request.method().name(), request.uri());
    }

    void answeredHere(FullHttpResponse answer) {
        answerMadeHere = answer;
    }

    FullHttpResponse answerMadeHere() {
        return answerMadeHere;
    }

    FullHttpResponse takeAnswerMadeHere() {
        FullHttpResponse answer = answerMadeHere;
        answerMadeHere = null;
        return answer;
    }

    void requestCompleted() {
        requestComplete = true;
    }

    boolean isRequestComplete() {
        return requestComplete;
    }

    void responseStarted(HttpResponse head) {
        response = head;
    }

    boolean hasResponse() {
        return response != null;
    }

    HttpResponseStatus status() {
        return response == null ? null : response.status();
    }

    /** After this response the connection cannot carry another exchange. */
    boolean endsConnection() {
        return !requestKeepAlive || !HttpUtil.isKeepAlive(response) || isCloseDelimited();
    }

    /** A body that ends only when the daemon closes the connection. */
    private boolean isCloseDelimited() {
        int code = response.status().code();
        boolean bodyless = method.equals(HttpMethod.HEAD) || code / 100 == 1 || code == 204 || code == 304;
        return !bodyless && !HttpUtil.isContentLengthSet(response) && !HttpUtil.isTransferEncodingChunked(response);
    }

    String describe() {
        long micros = (System.nanoTime() - startNanos) / 1000;
        return method + " " + DockerApiPath.forLog(uri) + " -> "
                + (response == null ? "no response" : response.status().code()) + " in " + micros + " us";
    }
}
