package io.chatwarden.files;

import java.nio.file.Path;
import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * Fetching and extracting file content ({@code chatwarden.files.*}).
 *
 * @param enabled fetch file content after every sync
 * @param maxFileSize a larger file is recorded TOO_LARGE (the download stops there)
 * @param maxTextSize extracted text is cut here (the file stays INDEXED, with a reason)
 * @param concurrency files fetched and extracted at once
 * @param extractTimeout a file whose extraction takes longer is recorded FAILED
 * @param maxAttempts transient download failures are retried on later syncs this many
 * times in all
 * @param tempDir where downloads are streamed (the system's temporary folder when unset)
 */
@ConfigurationProperties("chatwarden.files")
public record FilesProperties(@DefaultValue("true") boolean enabled, @DefaultValue("50MB") DataSize maxFileSize,
		@DefaultValue("2MB") DataSize maxTextSize, @DefaultValue("4") int concurrency,
		@DefaultValue("30s") Duration extractTimeout, @DefaultValue("3") int maxAttempts, Path tempDir) {

	public FilesProperties {
		if (concurrency < 1) {
			throw new IllegalArgumentException("chatwarden.files.concurrency must be at least 1");
		}
	}

	Path tempDirOrDefault() {
		return (this.tempDir != null) ? this.tempDir : Path.of(System.getProperty("java.io.tmpdir"));
	}

}
