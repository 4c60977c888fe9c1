package io.chatwarden.openai;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;

import io.netty.handler.codec.http.QueryStringDecoder;
import reactor.core.publisher.Mono;
import reactor.netty.DisposableServer;
import reactor.netty.http.server.HttpServer;

/**
 * A tiny HTTP server for client tests: serves a queue of canned replies in order and
 * records every request.
 */
final class ScriptedServer implements AutoCloseable {

	private final Queue<Reply> replies = new ConcurrentLinkedQueue<>();

	private final List<Request> requests = new CopyOnWriteArrayList<>();

	private final DisposableServer server;

	ScriptedServer() {
		this.server = HttpServer.create().host("127.0.0.1").port(0).handle((request, response) -> {
			this.requests.add(new Request(request.method().name(), request.uri(),
					request.requestHeaders().get("Authorization"), System.nanoTime()));
			Reply reply = this.replies.poll();
			if (reply == null) {
				reply = Reply.status(599, "{\"error\":{\"message\":\"no scripted reply left\"}}");
			}
			Reply chosen = reply;
			Mono<Void> send = Mono.defer(() -> {
				response.status(chosen.status()).header("Content-Type", "application/json");
				chosen.headers().forEach(response::header);
				return response.sendString(Mono.just(chosen.body())).then();
			});
			return (chosen.delay() != null) ? Mono.delay(chosen.delay()).then(send) : send;
		}).bindNow();
	}

	String baseUrl() {
		return "http://127.0.0.1:" + this.server.port() + "/v1";
	}

	ScriptedServer reply(Reply... replies) {
		this.replies.addAll(List.of(replies));
		return this;
	}

	List<Request> requests() {
		return List.copyOf(this.requests);
	}

	@Override
	public void close() {
		this.server.disposeNow(Duration.ofSeconds(2));
	}

	/** A canned response. */
	record Reply(int status, Map<String, String> headers, String body, Duration delay) {

		static Reply ok(String body) {
			return status(200, body);
		}

		static Reply status(int status, String body) {
			return new Reply(status, Map.of(), body, null);
		}

		Reply header(String name, String value) {
			Map<String, String> headers = new LinkedHashMap<>(this.headers);
			headers.put(name, value);
			return new Reply(this.status, headers, this.body, this.delay);
		}

		Reply after(Duration delay) {
			return new Reply(this.status, this.headers, this.body, delay);
		}

	}

	/** A request as received. */
	record Request(String method, String uri, String authorization, long receivedNanos) {

		String path() {
			return new QueryStringDecoder(this.uri).path();
		}

		Map<String, List<String>> query() {
			return new QueryStringDecoder(this.uri).parameters();
		}

	}

}
