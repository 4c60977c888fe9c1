package io.chatwarden.store;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * The owning app's lock on an embedded node's data folder: an OS file lock held for as
 * long as the app runs, released by the OS when the app dies (even by {@code kill -9}). A
 * second instance pointed at the same folder fails fast instead of stopping the first
 * one's node.
 */
final class DataDirLock implements AutoCloseable {

	static final String LOCK_FILE = "owner.lock";

	private final FileChannel channel;

	private final FileLock lock;

	private DataDirLock(FileChannel channel, FileLock lock) {
		this.channel = channel;
		this.lock = lock;
	}

	static DataDirLock acquire(Path dataDir) throws IOException {
		Files.createDirectories(dataDir);
		Path file = dataDir.resolve(LOCK_FILE);
		FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ,
				StandardOpenOption.WRITE);
		FileLock lock;
		try {
			lock = channel.tryLock();
		}
		catch (OverlappingFileLockException ex) {
			lock = null;
		}
		if (lock == null) {
			String owner = Files.readString(file, StandardCharsets.UTF_8).trim();
			channel.close();
			throw new IllegalStateException("The embedded OpenSearch data folder " + dataDir
					+ " belongs to another running Chatwarden instance" + (owner.isEmpty() ? "" : " (" + owner + ")")
					+ ". Give this instance its own folder with opensearch.embedded.data-dir"
					+ " (OPENSEARCH_EMBEDDED_DATA_DIR), or share a cluster with opensearch.uris.");
		}
		channel.truncate(0);
		channel
			.write(java.nio.ByteBuffer.wrap(("pid " + ProcessHandle.current().pid()).getBytes(StandardCharsets.UTF_8)));
		channel.force(true);
		return new DataDirLock(channel, lock);
	}

	@Override
	public void close() {
		try {
			if (this.lock.isValid()) {
				this.lock.release();
			}
			this.channel.close();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
