package io.chatwarden.files;

import io.chatwarden.sync.SyncCompleted;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import reactor.core.Disposable;
import reactor.core.Disposables;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Fetches file content after every sync (chat uploads are kept only about 48 hours, so
 * promptly), in the background: the sync's own status is not held up by downloads.
 */
@Component
class FetchAfterSync implements DisposableBean {

	private static final Log log = LogFactory.getLog(FetchAfterSync.class);

	private final FileFetcher fetcher;

	private final FilesProperties properties;

	private final FileSource source;

	private final Disposable.Composite running = Disposables.composite();

	FetchAfterSync(FileFetcher fetcher, FilesProperties properties, FileSource source) {
		this.fetcher = fetcher;
		this.properties = properties;
		this.source = source;
	}

	@EventListener
	void onSyncCompleted(SyncCompleted event) {
		if (!this.properties.enabled() || !this.source.available()) {
			return;
		}
		this.running.add(this.fetcher.run().subscribe(run -> {
		}, ex -> log.error("Fetching file content failed", ex)));
	}

	@Override
	public void destroy() {
		this.running.dispose();
	}

}
