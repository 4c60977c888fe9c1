package io.chatwarden.search;

import java.util.List;
import java.util.Objects;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.chatwarden.store.Indices;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

import org.springframework.stereotype.Component;

/**
 * Every message matching a search, page after page with {@code search_after} on a point
 * in time: no result window, and a bounded number of pages in memory. Unless the caller
 * asks for an order, pages follow the index's own order ({@code _shard_doc}): OpenSearch
 * then reads documents as they lie instead of sorting every match on several fields,
 * which is most of the cost of a large export. Each row carries its conversation's
 * fields, so the order is a convenience, not needed to read the file. The next page is
 * asked for as soon as a page's bytes arrive (its last sort values are found without
 * reading it), so OpenSearch fetches it while this side turns the page into rows and
 * writes them.
 */
@Component
class ExportGateway {

	/** Rows of the first page: the caller's first bytes come quickly. */
	static final int FIRST_PAGE = 1000;

	/** Rows of a page at most (OpenSearch's result window). */
	static final int MAX_PAGE = 10_000;

	/**
	 * What a page should weigh: later pages are sized from the bytes per row seen so far,
	 * so that short messages come in few requests (each one a round trip and a query) and
	 * long ones still keep memory bounded.
	 */
	static final long PAGE_BYTES = 8L * 1024 * 1024;

	/**
	 * Pages fetched ahead of the one being read: with the one being read and the one
	 * being fetched, at most four pages (about 32 MB) are held at once.
	 */
	static final int READ_AHEAD = 2;

	private final SearchJson json;

	private final Indices indices;

	private final ToolConversations tools;

	ExportGateway(SearchJson json, Indices indices, ToolConversations tools) {
		this.json = json;
		this.indices = indices;
		this.tools = tools;
	}

	/**
	 * The matching messages as pages of rows, in index order, or when {@code recent}
	 * newest conversation first and each in reading order; the point in time closes when
	 * the stream ends, fails or is cancelled.
	 */
	Flux<List<ExportRow>> rows(SearchSpec spec, boolean recent) {
		return this.tools.query(spec).map(this.json::tree).flatMapMany(query -> rows(query, recent));
	}

	private Flux<List<ExportRow>> rows(JsonNode query, boolean recent) {
		return Flux.usingWhen(this.json.openPit(this.indices.messages()),
				pit -> page(pit, query, recent, null, FIRST_PAGE)
					.expand(fetched -> (fetched.after() == null) ? Mono.empty()
							: page(pit, query, recent, this.json.read(fetched.after()), fetched.nextSize()))
					// Fetching goes on while earlier pages are read and written.
					.publishOn(Schedulers.parallel(), READ_AHEAD)
					.map(Fetched::rows),
				this.json::closePit);
	}

	/**
	 * One page's bytes and where the next one starts, found off the client's I/O thread;
	 * an empty page (the end) has no next.
	 */
	private Mono<Fetched> page(String pit, JsonNode query, boolean recent, JsonNode after, int size) {
		ObjectNode body = this.json.object();
		body.putObject("pit").put("id", pit).put("keep_alive", SearchJson.KEEP_ALIVE);
		body.put("size", size);
		body.put("track_total_hits", false);
		body.set("query", query);
		// Whole documents: OpenSearch then copies each stored source as it is, where a
		// source filter would parse and rewrite every one (more work than the reader
		// skipping what a row does not hold).
		ArrayNode sort = body.putArray("sort");
		if (recent) {
			sort.addObject().putObject("conversationLastActiveAt").put("order", "desc").put("missing", "_last");
			sort.addObject().put("conversationId", "desc");
			sort.addObject().put("position", "asc");
			sort.addObject().put("id", "asc");
		}
		else {
			sort.addObject().put("_shard_doc", "asc");
		}
		if (after != null) {
			body.set("search_after", after);
		}
		return this.json.searchBytes("/_search", body)
			.publishOn(Schedulers.parallel())
			.map(bytes -> new Fetched(bytes, ExportPage.lastSort(bytes), size));
	}

	/**
	 * A page as it came, where the next one starts, and how many rows were asked for.
	 * Whether the page was full is only known once it is read, so a short last page is
	 * followed by one more (empty) request.
	 */
	record Fetched(byte[] bytes, String after, int asked) {

		/**
		 * Rows of the next page: {@link #PAGE_BYTES} at this page's bytes per row (only a
		 * last page can be short, so its rows are taken as asked).
		 */
		int nextSize() {
			long perRow = Math.max(1, this.bytes.length / Math.max(1, this.asked));
			return (int) Math.max(1, Math.min(MAX_PAGE, PAGE_BYTES / perRow));
		}

		/**
		 * The page's rows; fails rather than leave a gap if the page ends elsewhere than
		 * where the next page was asked from.
		 */
		List<ExportRow> rows() {
			ExportPage page = ExportPage.read(this.bytes);
			if (!Objects.equals(page.after(), this.after)) {
				throw new IllegalStateException(
						"An export page ends at " + page.after() + " but the next page was asked from " + this.after);
			}
			return page.rows();
		}

	}

}
