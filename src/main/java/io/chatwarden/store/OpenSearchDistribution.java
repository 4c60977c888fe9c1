package io.chatwarden.store;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

/**
 * Fetches the OpenSearch distribution zip from a Maven repository once, verifies it
 * against the published sha512, caches it, and unpacks it.
 */
final class OpenSearchDistribution {

	private static final Log log = LogFactory.getLog(OpenSearchDistribution.class);

	private static final String ARTIFACT_PATH = "org/opensearch/distribution/integ-test-zip/opensearch/%1$s/opensearch-%1$s.zip";

	private final String version;

	private final String repositoryUrl;

	private final Path cacheDir;

	OpenSearchDistribution(String version, String repositoryUrl, Path cacheDir) {
		this.version = version;
		this.repositoryUrl = repositoryUrl.endsWith("/") ? repositoryUrl : repositoryUrl + "/";
		this.cacheDir = cacheDir;
	}

	/**
	 * The verified zip, downloading it first when it is not cached (or the cached copy
	 * does not verify).
	 */
	Path zip() throws IOException, InterruptedException {
		Files.createDirectories(this.cacheDir);
		Path zip = this.cacheDir.resolve("opensearch-" + this.version + ".zip");
		Path checksum = this.cacheDir.resolve(zip.getFileName() + ".sha512");
		String url = this.repositoryUrl + ARTIFACT_PATH.formatted(this.version);
		if (!Files.exists(checksum)) {
			download(url + ".sha512", checksum);
		}
		String expected = Files.readString(checksum).trim().split("\\s+")[0].toLowerCase();
		if (Files.exists(zip) && sha512(zip).equals(expected)) {
			return zip;
		}
		log.info("Downloading OpenSearch " + this.version + " (about 160 MB, once) from " + url);
		Path partial = this.cacheDir.resolve(zip.getFileName() + ".part");
		download(url, partial);
		String actual = sha512(partial);
		if (!actual.equals(expected)) {
			Files.deleteIfExists(partial);
			throw new IOException("OpenSearch download from " + url + " does not match its published sha512");
		}
		Files.move(partial, zip, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
		return zip;
	}

	/**
	 * Unpacks the distribution under {@code parent}, once; returns the OpenSearch home
	 * folder. The folder gets the app's node plugin ({@link NodeAuth}), so it is not the
	 * {@code opensearch-<version>} of earlier Chatwarden versions: a node of such a
	 * version still running from there is left as it is.
	 */
	Path unpack(Path parent) throws IOException, InterruptedException {
		Path home = parent.resolve("opensearch-" + this.version + "-nodeauth");
		Path marker = home.resolve(".unpacked");
		if (Files.exists(marker)) {
			return home;
		}
		Path zip = zip();
		Files.createDirectories(parent);
		Path staging = Files.createTempDirectory(parent, "unpack-");
		try (ZipInputStream in = new ZipInputStream(Files.newInputStream(zip))) {
			for (ZipEntry entry; (entry = in.getNextEntry()) != null;) {
				Path target = staging.resolve(entry.getName()).normalize();
				if (!target.startsWith(staging)) {
					throw new IOException("Zip entry escapes the target folder: " + entry.getName());
				}
				if (entry.isDirectory()) {
					Files.createDirectories(target);
					continue;
				}
				Files.createDirectories(target.getParent());
				Files.copy(in, target, StandardCopyOption.REPLACE_EXISTING);
				// Zip entries read this way lose their mode bits: the launch scripts must
				// be executable.
				if (target.getParent().getFileName().toString().equals("bin")) {
					target.toFile().setExecutable(true, false);
				}
			}
		}
		Path unpacked = staging.resolve("opensearch-" + this.version);
		if (Files.exists(home)) {
			FileTrees.delete(home);
		}
		Files.move(unpacked, home, StandardCopyOption.ATOMIC_MOVE);
		FileTrees.delete(staging);
		Files.writeString(marker, this.version);
		return home;
	}

	private static void download(String url, Path target) throws IOException, InterruptedException {
		HttpClient http = HttpClient.newBuilder()
			.followRedirects(HttpClient.Redirect.NORMAL)
			.connectTimeout(Duration.ofSeconds(20))
			.build();
		HttpResponse<InputStream> response = http.send(HttpRequest.newBuilder(URI.create(url)).build(),
				HttpResponse.BodyHandlers.ofInputStream());
		try (InputStream body = response.body()) {
			if (response.statusCode() != 200) {
				throw new IOException("GET " + url + " answered " + response.statusCode());
			}
			Files.copy(body, target, StandardCopyOption.REPLACE_EXISTING);
		}
	}

	private static String sha512(Path file) throws IOException {
		try (InputStream in = Files.newInputStream(file)) {
			MessageDigest digest = MessageDigest.getInstance("SHA-512");
			byte[] buffer = new byte[1 << 16];
			for (int n; (n = in.read(buffer)) > 0;) {
				digest.update(buffer, 0, n);
			}
			return HexFormat.of().formatHex(digest.digest());
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
