package io.chatwarden.simulator;

import java.util.List;
import java.util.function.Function;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.reactive.function.server.ServerResponse;
import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/** JSON responses, OpenAI-style errors, and cursor paging over small sorted lists. */
final class Responses {

	private Responses() {
	}

	static Mono<ServerResponse> json(JsonNode body) {
		return ServerResponse.ok().contentType(MediaType.APPLICATION_JSON).bodyValue(Json.bytes(body));
	}

	/** {@code {"error":{"message","type","param","code"}}}, as OpenAI APIs answer. */
	static Mono<ServerResponse> error(HttpStatus status, String message, String type, String param, String code) {
		return ServerResponse.status(status)
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue(Json.bytes(errorBody(message, type, param, code)));
	}

	static Mono<ServerResponse> badRequest(String message, String param) {
		return error(HttpStatus.BAD_REQUEST, message, "invalid_request_error", param, null);
	}

	static Mono<ServerResponse> notFound(String message) {
		return error(HttpStatus.NOT_FOUND, message, "invalid_request_error", null, "not_found");
	}

	static Mono<ServerResponse> rateLimited(long retryAfterSeconds) {
		return ServerResponse.status(HttpStatus.TOO_MANY_REQUESTS)
			.contentType(MediaType.APPLICATION_JSON)
			.header("Retry-After", Long.toString(retryAfterSeconds))
			.bodyValue(Json.bytes(errorBody("Rate limit reached for requests. Please try again later.", "requests",
					null, "rate_limit_exceeded")));
	}

	private static ObjectNode errorBody(String message, String type, String param, String code) {
		ObjectNode body = Json.object();
		ObjectNode error = body.putObject("error");
		error.put("message", message);
		error.put("type", type);
		error.put("param", param);
		error.put("code", code);
		return body;
	}

	/** A rejected query parameter; handlers turn it into a 400. */
	static final class BadParameter extends RuntimeException {

		final String param;

		BadParameter(String param, String message) {
			super(message, null, false, false);
			this.param = param;
		}

	}

	/** A slice of a sorted list after a cursor id; an unknown cursor is a 400. */
	record Slice<T>(List<T> items, boolean hasMore) {

		static <T> Slice<T> of(List<T> sorted, Function<T, String> id, String after, int take) {
			int from = 0;
			if (after != null) {
				from = -1;
				for (int i = 0; i < sorted.size(); i++) {
					if (id.apply(sorted.get(i)).equals(after)) {
						from = i + 1;
						break;
					}
				}
				if (from < 0) {
					throw new BadParameter("after", "No such object: " + after);
				}
			}
			int to = Math.min(sorted.size(), from + take);
			return new Slice<>(List.copyOf(sorted.subList(from, to)), to < sorted.size());
		}

	}

	/**
	 * Reads an integer parameter within [min, max]; above max is clamped, as the API
	 * does.
	 */
	static int intParam(org.springframework.web.reactive.function.server.ServerRequest request, String name,
			int defaultValue, int min, int max, boolean clamp) {
		String raw = request.queryParam(name).orElse(null);
		if (raw == null || raw.isEmpty()) {
			return defaultValue;
		}
		int value;
		try {
			value = Integer.parseInt(raw);
		}
		catch (NumberFormatException ex) {
			throw new BadParameter(name, "Invalid integer for " + name + ": " + raw);
		}
		if (value < min || (!clamp && value > max)) {
			throw new BadParameter(name, name + " must be between " + min + " and " + max);
		}
		return Math.min(value, max);
	}

}
