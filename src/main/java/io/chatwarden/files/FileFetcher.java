package io.chatwarden.files;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;

import io.chatwarden.dlp.DlpResult;
import io.chatwarden.dlp.DlpScanner;
import io.chatwarden.files.TextExtractor.ExtractionFailed;
import io.chatwarden.files.TextExtractor.Extracted;
import io.chatwarden.files.TextExtractor.UnsupportedFormat;
import io.chatwarden.files.FileUnavailable.Reason;
import io.chatwarden.store.IndexRefresher;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;
import reactor.util.retry.Retry;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.stereotype.Service;

/**
 * Fetches the content of pending files: a bounded number at a time, each streamed to a
 * temporary file under the size cap (never held in memory), its text extracted on worker
 * threads under a time limit, scanned by DLP and stored redacted. A file's failure is
 * recorded on the file; it never fails the run. Runs one after the other.
 */
@Service
public class FileFetcher implements DisposableBean {

	private static final Log log = LogFactory.getLog(FileFetcher.class);

	/** Messages synced this long before the previous listing are listed again. */
	private static final Duration LISTING_MARGIN = Duration.ofMinutes(5);

	private final FileGateway gateway;

	private final FileSource downloads;

	private final TextExtractor extractor;

	private final DlpScanner dlp;

	private final FilesProperties properties;

	private final IndexRefresher refresher;

	private final ApplicationEventPublisher events;

	private final Clock clock;

	private final Scheduler extraction;

	private final Object lock = new Object();

	private Mono<FileRun> last = Mono.empty();

	private volatile Instant listedAt;

	FileFetcher(FileGateway gateway, FileSource downloads, TextExtractor extractor, DlpScanner dlp,
			FilesProperties properties, IndexRefresher refresher, ApplicationEventPublisher events, Clock clock) {
		this.gateway = gateway;
		this.downloads = downloads;
		this.extractor = extractor;
		this.dlp = dlp;
		this.properties = properties;
		this.refresher = refresher;
		this.events = events;
		this.clock = clock;
		this.extraction = Schedulers.newBoundedElastic(properties.concurrency(), 10_000, "file-extract");
	}

	/**
	 * Lists files from the synced copy and fetches the pending ones, after any run under
	 * way. Lazy: nothing happens until subscribed.
	 */
	public Mono<FileRun> run() {
		return Mono.defer(() -> {
			synchronized (this.lock) {
				Mono<FileRun> next = this.last.onErrorResume(ex -> Mono.empty())
					.then(Mono.defer(this::runOnce))
					.cache();
				this.last = next;
				return next;
			}
		});
	}

	private Mono<FileRun> runOnce() {
		Instant started = this.clock.instant();
		long t0 = System.nanoTime();
		Instant since = (this.listedAt == null) ? null : this.listedAt.minus(LISTING_MARGIN);
		AtomicLong fetched = new AtomicLong();
		AtomicLong indexed = new AtomicLong();
		return this.gateway.list(since, started)
			.flatMap(listed -> this.refresher.refresh(this.gateway.index())
				.thenMany(this.gateway.pending())
				.flatMap(file -> fetch(file).doOnNext(outcome -> {
					long n = fetched.incrementAndGet();
					if (outcome.contentStatus() == FileContentStatus.INDEXED) {
						indexed.incrementAndGet();
					}
					if (n % 100 == 0) {
						log.info("Files: " + n + " fetched so far, " + indexed.get() + " indexed");
					}
				}), this.properties.concurrency())
				.then(this.refresher.refresh(this.gateway.index()))
				.then(Mono.fromSupplier(
						() -> new FileRun(listed, fetched.get(), indexed.get(), (System.nanoTime() - t0) / 1_000_000))))
			.doOnNext(run -> {
				this.listedAt = started;
				log.info("Files: " + run.listed() + " listed, " + run.fetched() + " fetched, " + run.indexed()
						+ " indexed in " + run.millis() + " ms");
				this.events.publishEvent(new FilesFetched(run, this.clock.instant()));
			});
	}

	/** One file, start to end; always completes with the stored document. */
	Mono<StoredFileDocument> fetch(StoredFileDocument file) {
		AtomicLong size = new AtomicLong();
		Mono<FetchOutcome> outcome = Mono
			.usingWhen(
					Mono.fromCallable(
							() -> Files.createTempFile(this.properties.tempDirOrDefault(), "chatwarden-file-", ".bin"))
						.subscribeOn(Schedulers.boundedElastic()),
					path -> download(file, path, size).then(extract(file, path, size)),
					path -> Mono.fromRunnable(() -> delete(path)).subscribeOn(Schedulers.boundedElastic()))
			.onErrorResume(failure -> Mono.just(classify(failure, file, size.get())));
		return outcome.map(result -> file.with(result, this.clock.instant()))
			.flatMap(stored -> this.gateway.save(stored).thenReturn(stored))
			.onErrorResume(ex -> {
				log.warn("File " + file.id() + " could not be stored: " + ex.getMessage());
				return Mono.empty();
			});
	}

	private Mono<Void> download(StoredFileDocument file, Path path, AtomicLong size) {
		long max = this.properties.maxFileSize().toBytes();
		return Mono.defer(() -> {
			size.set(0);
			Flux<DataBuffer> capped = source(file).handle((buffer, sink) -> {
				if (size.addAndGet(buffer.readableByteCount()) > max) {
					DataBufferUtils.release(buffer);
					sink.error(new TooLarge());
				}
				else {
					sink.next(buffer);
				}
			});
			return DataBufferUtils.write(capped, path, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING);
		})
			// A signed URL that went stale before it was read: the API gives a fresh one.
			.retryWhen(Retry.max(1)
				.filter(failure -> failure instanceof FileUnavailable unavailable
						&& unavailable.reason() == Reason.STALE_LINK));
	}

	private Flux<DataBuffer> source(StoredFileDocument file) {
		if (StoredFileDocument.KNOWLEDGE.equals(file.kind())) {
			return this.downloads.knowledgeFile(file.id());
		}
		return this.downloads.attachment(file.userId(), file.id(), file.conversationId());
	}

	private Mono<FetchOutcome> extract(StoredFileDocument file, Path path, AtomicLong size) {
		int maxChars = (int) Math.min(Integer.MAX_VALUE - 16, this.properties.maxTextSize().toBytes());
		return Mono.fromCallable(() -> {
			Extracted extracted = this.extractor.extract(path, file.name(), maxChars);
			DlpResult scanned = this.dlp.scan(extracted.text());
			String reason = extracted.truncated()
					? "text cut at " + this.properties.maxTextSize() + " (chatwarden.files.max-text-size)" : null;
			return new FetchOutcome(FileContentStatus.INDEXED, reason, size.get(), extracted.contentType(),
					scanned.redactedText(), scanned.matches(), file.attemptsSoFar());
		}).subscribeOn(this.extraction).timeout(this.properties.extractTimeout());
	}

	private FetchOutcome classify(Throwable failure, StoredFileDocument file, long size) {
		int attempts = file.attemptsSoFar();
		Long bytes = (size > 0) ? size : null;
		if (failure instanceof TooLarge) {
			return FetchOutcome.of(FileContentStatus.TOO_LARGE, "larger than " + this.properties.maxFileSize()
					+ " (chatwarden.files.max-file-size); the download was stopped there", bytes, attempts);
		}
		if (failure instanceof UnsupportedFormat || failure instanceof ExtractionFailed) {
			return FetchOutcome.of(
					failure instanceof UnsupportedFormat ? FileContentStatus.UNSUPPORTED : FileContentStatus.FAILED,
					failure.getMessage(), bytes, attempts);
		}
		if (failure instanceof TimeoutException) {
			return FetchOutcome.of(FileContentStatus.FAILED, "text extraction took longer than "
					+ this.properties.extractTimeout() + " (chatwarden.files.extract-timeout)", bytes, attempts);
		}
		if (failure instanceof FileUnavailable unavailable && unavailable.reason() != Reason.STALE_LINK) {
			return FetchOutcome.of(
					(unavailable.reason() == Reason.GONE) ? FileContentStatus.EXPIRED : FileContentStatus.FAILED,
					failure.getMessage(), null, attempts);
		}
		// Anything else may pass: the file stays pending for the next runs, then fails.
		int next = attempts + 1;
		FileContentStatus status = (next >= this.properties.maxAttempts()) ? FileContentStatus.FAILED
				: FileContentStatus.PENDING;
		return FetchOutcome.of(status,
				"attempt " + next + " of " + this.properties.maxAttempts() + " failed: " + failure.getMessage(), bytes,
				next);
	}

	private static void delete(Path path) {
		try {
			Files.deleteIfExists(path);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	@Override
	public void destroy() {
		this.extraction.dispose();
	}

	/** The download passed the per-file cap. */
	private static final class TooLarge extends RuntimeException {

		TooLarge() {
			super(null, null, false, false);
		}

	}

}
