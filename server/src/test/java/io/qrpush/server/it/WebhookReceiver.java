package io.qrpush.server.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.function.IntSupplier;

/**
 * An app's backend for webhook tests: the JDK's HTTP server on 127.0.0.1, port 0, recording every
 * request and answering each with the next scripted status (then {@link #fallback}); the status
 * {@link #HANG} holds the request unanswered until the receiver closes.
 */
final class WebhookReceiver implements AutoCloseable {
    static final int HANG = -1;
    private static final ObjectMapper JSON = new ObjectMapper();

    /** One request as it arrived. */
    record Request(long atMillis, String path, String signature, String body, JsonNode json, int status) {
        List<String> ids() {
            return json.path("events").findValuesAsText("id");
        }

        List<String> types() {
            return json.path("events").findValuesAsText("type");
        }
    }

    private final HttpServer server;
    private final List<Request> requests = new CopyOnWriteArrayList<>();
    private final ConcurrentLinkedQueue<Integer> script = new ConcurrentLinkedQueue<>();
    private final CountDownLatch closing = new CountDownLatch(1);
    private volatile IntSupplier fallback = () -> 200;

    WebhookReceiver() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", this::handle);
        server.setExecutor(Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "webhook-receiver");
            t.setDaemon(true);
            return t;
        }));
        server.start();
    }

    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/hooks";
    }

    /** The next requests are answered with these statuses, in order. */
    WebhookReceiver answer(Integer... statuses) {
        script.addAll(List.of(statuses));
        return this;
    }

    /** Requests after the script are answered with this. */
    WebhookReceiver otherwise(IntSupplier status) {
        this.fallback = status;
        return this;
    }

    List<Request> requests() {
        return new ArrayList<>(requests);
    }

    /** The events of every request, as they arrived (a retried event appears once per attempt). */
    List<JsonNode> events() {
        List<JsonNode> out = new ArrayList<>();
        for (Request r : requests) {
            r.json().path("events").forEach(out::add);
        }
        return out;
    }

    /** The ids of the events answered 2xx, once per answer. */
    List<String> deliveredIds() {
        return requests.stream().filter(r -> r.status() >= 200 && r.status() < 300)
                .flatMap(r -> r.ids().stream()).toList();
    }

    List<JsonNode> events(String type) {
        return events().stream().filter(e -> type.equals(e.path("type").asText())).toList();
    }

    private void handle(HttpExchange x) throws IOException {
        String body = new String(x.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        Integer scripted = script.poll();
        int status = scripted != null ? scripted : fallback.getAsInt();
        requests.add(new Request(System.currentTimeMillis(), x.getRequestURI().getPath(),
                x.getRequestHeaders().getFirst("X-Qrpush-Signature"), body, JSON.readTree(body), status));
        if (status == HANG) {
            try {
                closing.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return;
        }
        if (status >= 300 && status < 400) {
            x.getResponseHeaders().add("Location", "/elsewhere");
        }
        x.sendResponseHeaders(status, -1);
        x.close();
    }

    @Override
    public void close() {
        closing.countDown();
        server.stop(0);
    }
}
