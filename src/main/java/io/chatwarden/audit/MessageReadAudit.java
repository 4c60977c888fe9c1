package io.chatwarden.audit;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;

import graphql.execution.instrumentation.InstrumentationState;
import graphql.execution.instrumentation.SimplePerformantInstrumentation;
import graphql.execution.instrumentation.parameters.InstrumentationFieldFetchParameters;
import graphql.schema.DataFetcher;
import io.chatwarden.conversation.MessageDocument;
import io.chatwarden.security.Callers;
import reactor.core.publisher.Mono;

import org.springframework.graphql.server.WebGraphQlInterceptor;
import org.springframework.graphql.server.WebGraphQlRequest;
import org.springframework.graphql.server.WebGraphQlResponse;
import org.springframework.stereotype.Component;

/**
 * Audits every read of message text, whatever path the request took to it
 * ({@code conversations { messages { text } }}, {@code findings { matchingMessages }},
 * {@code user { conversations { messages } }}, search results…): the instrumentation
 * counts each {@code Message.text} resolved, and once the request is answered one
 * {@code message.read} entry names the conversations and how many texts were read.
 */
@Component
class MessageReadAudit extends SimplePerformantInstrumentation implements WebGraphQlInterceptor {

	private static final String TALLY = MessageReadAudit.class.getName();

	private final AuditLog audit;

	MessageReadAudit(AuditLog audit) {
		this.audit = audit;
	}

	@Override
	public Mono<WebGraphQlResponse> intercept(WebGraphQlRequest request, Chain chain) {
		Tally tally = new Tally();
		request.configureExecutionInput((input, builder) -> builder.graphQLContext(Map.of(TALLY, tally)).build());
		return chain.next(request).flatMap(response -> {
			if (tally.messages.get() == 0) {
				return Mono.just(response);
			}
			return Callers.current()
				.flatMap(caller -> this.audit.record(caller,
						AuditLog.Entry.of("message.read")
							.targets(tally.conversations())
							.resultCount(tally.messages.get())))
				.thenReturn(response);
		});
	}

	@Override
	public DataFetcher<?> instrumentDataFetcher(DataFetcher<?> dataFetcher,
			InstrumentationFieldFetchParameters parameters, InstrumentationState state) {
		var step = parameters.getExecutionStepInfo();
		if (!"Message".equals(step.getObjectType().getName()) || !"text".equals(step.getFieldDefinition().getName())) {
			return dataFetcher;
		}
		return environment -> {
			Tally tally = environment.getGraphQlContext().get(TALLY);
			if (tally != null && environment.getSource() instanceof MessageDocument message) {
				tally.read(message.conversationId());
			}
			return dataFetcher.get(environment);
		};
	}

	/** The message texts one request read. */
	private static final class Tally {

		private final AtomicLong messages = new AtomicLong();

		private final Set<String> conversations = new LinkedHashSet<>();

		void read(String conversationId) {
			this.messages.incrementAndGet();
			synchronized (this.conversations) {
				this.conversations.add(String.valueOf(conversationId));
			}
		}

		List<String> conversations() {
			synchronized (this.conversations) {
				return List.copyOf(this.conversations);
			}
		}

	}

}
