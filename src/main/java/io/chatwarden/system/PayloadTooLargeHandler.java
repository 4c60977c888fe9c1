package io.chatwarden.system;

import java.nio.charset.StandardCharsets;

import reactor.core.publisher.Mono;

import org.springframework.core.annotation.Order;
import org.springframework.core.io.buffer.DataBufferLimitException;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebExceptionHandler;

/**
 * A request body over the codec limit (256 KB: far more than any real GraphQL request) is
 * the client's doing: answer 413 with a message, not a 500.
 */
@Component
@Order(-3)
class PayloadTooLargeHandler implements WebExceptionHandler {

	@Override
	public Mono<Void> handle(ServerWebExchange exchange, Throwable ex) {
		if (!(ex instanceof DataBufferLimitException) || exchange.getResponse().isCommitted()) {
			return Mono.error(ex);
		}
		var response = exchange.getResponse();
		response.setStatusCode(HttpStatus.PAYLOAD_TOO_LARGE);
		response.getHeaders().setContentType(MediaType.APPLICATION_JSON);
		byte[] body = "{\"error\":\"payload_too_large\",\"message\":\"The request body is larger than 256 KB\"}"
			.getBytes(StandardCharsets.UTF_8);
		return response.writeWith(Mono.just(response.bufferFactory().wrap(body)));
	}

}
