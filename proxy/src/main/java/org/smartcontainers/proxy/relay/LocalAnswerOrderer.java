package org.smartcontainers.proxy.relay;

import io.netty.channel.Channel;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.util.ReferenceCountUtil;
import java.util.ArrayDeque;
import java.util.concurrent.CompletableFuture;
import org.smartcontainers.provenance.recording.Caller;
import org.smartcontainers.proxy.intercept.LocalAnswers;

/**
 * Keeps the answers the proxy makes itself (the extension API's) in the order their requests came.
 * Such an answer is made off the event loop. Meanwhile whatever the client sent behind its request
 * waits here, because pausing reads does not stop what the decoder already holds and the daemon's
 * answer to it could otherwise overtake; and the answer, once made, is written only when the
 * exchanges ahead of it have finished.
 */
final class LocalAnswerOrderer {
    private final Channel client;
    private final Caller caller;
    private final Runnable answerMade;
    /** What the client sent behind a request being answered here, in order. */
    private final ArrayDeque<Object> deferred = new ArrayDeque<>();
    /** Requests being answered here, their answers not made yet: nothing more is read meanwhile. */
    private int answering;

    /** @param answerMade told on the client's event loop each time an answer has been made */
    LocalAnswerOrderer(Channel client, Caller caller, Runnable answerMade) {
        this.client = client;
        this.caller = caller;
        this.answerMade = answerMade;
    }

    /** True when this message has to wait behind an answer being made here: it is kept until then. */
    boolean defers(Object msg) {
        if (answering > 0 || !deferred.isEmpty()) {
            deferred.add(msg);
            return true;
        }
        return false;
    }

    /** The next message that waited, once no answer is being made; else null. */
    Object nextDeferred() {
        return answering == 0 ? deferred.poll() : null;
    }

    boolean answering() {
        return answering > 0;
    }

    /** Messages wait that have not been read yet. */
    boolean requestsWaiting() {
        return !deferred.isEmpty();
    }

    /** Asks for the answer to a whole request; it is kept on the exchange until its turn. */
    void answer(LocalAnswers answers, FullHttpRequest request, Exchange exchange) {
        answering++;
        CompletableFuture<FullHttpResponse> answer;
        try {
            answer = answers.answer(request, caller);
        } finally {
            request.release(); // what the answer needs was copied
        }
        answer.whenComplete((response, error) -> client.eventLoop().execute(() -> {
            answering--;
            exchange.answeredHere(response != null ? response : ErrorResponses.response(
                    HttpResponseStatus.INTERNAL_SERVER_ERROR, "the SmartContainers API failed: " + error, false));
            answerMade.run();
        }));
    }

    /**
     * Writes the answer to {@code oldest} if it was made here and is ready: true when written,
     * and then that exchange is finished. The daemon's answers go by themselves.
     */
    boolean writeIfNext(Exchange oldest, boolean closing) {
        if (oldest == null || oldest.answerMadeHere() == null || !client.isActive()) {
            return false;
        }
        FullHttpResponse response = oldest.takeAnswerMadeHere();
        HttpUtil.setKeepAlive(response, oldest.requestKeepAlive && !closing);
        oldest.responseStarted(response);
        client.write(response);
        return true;
    }

    /** The client is gone: what waited is dropped. */
    void release() {
        deferred.forEach(ReferenceCountUtil::release);
        deferred.clear();
    }
}
