package io.chatwarden.files;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;

import org.apache.tika.config.TikaConfig;
import org.apache.tika.exception.TikaException;
import org.apache.tika.exception.WriteLimitReachedException;
import org.apache.tika.io.TikaInputStream;
import org.apache.tika.metadata.Metadata;
import org.apache.tika.metadata.TikaCoreProperties;
import org.apache.tika.mime.MediaType;
import org.apache.tika.mime.MediaTypeRegistry;
import org.apache.tika.parser.AutoDetectParser;
import org.apache.tika.parser.ParseContext;
import org.apache.tika.parser.Parser;
import org.apache.tika.sax.BodyContentHandler;
import org.xml.sax.SAXException;

import org.springframework.stereotype.Component;

/**
 * Extracts plain text with Apache Tika (the PDF, Office, text and HTML parser modules on
 * the classpath decide what is supported). Blocking and CPU-bound: callers run it on a
 * worker thread, never on the event loop.
 */
@Component
class TextExtractor {

	private final AutoDetectParser parser;

	private final MediaTypeRegistry registry;

	TextExtractor() {
		TikaConfig config = TikaConfig.getDefaultConfig();
		this.parser = new AutoDetectParser(config);
		this.registry = config.getMediaTypeRegistry();
	}

	/**
	 * The text of a file, cut at {@code maxChars}.
	 * @throws UnsupportedFormat when no parser reads the detected type
	 * @throws ExtractionFailed when the file cannot be parsed
	 */
	Extracted extract(Path file, String name, int maxChars) {
		Metadata metadata = new Metadata();
		if (name != null) {
			metadata.set(TikaCoreProperties.RESOURCE_NAME_KEY, name);
		}
		try (InputStream in = TikaInputStream.get(file, metadata)) {
			MediaType type = this.parser.getDetector().detect(in, metadata);
			if (!supported(type)) {
				throw new UnsupportedFormat(type.getBaseType().toString());
			}
			BodyContentHandler handler = new BodyContentHandler(maxChars);
			ParseContext context = new ParseContext();
			context.set(Parser.class, this.parser);
			boolean truncated = false;
			try {
				this.parser.parse(in, handler, metadata, context);
			}
			catch (SAXException ex) {
				if (!WriteLimitReachedException.isWriteLimitReached(ex)) {
					throw new ExtractionFailed("unreadable " + type.getBaseType() + ": " + ex.getMessage());
				}
				truncated = true;
			}
			return new Extracted(type.getBaseType().toString(), handler.toString().strip(), truncated);
		}
		catch (TikaException ex) {
			throw new ExtractionFailed("unreadable file: " + rootMessage(ex));
		}
		catch (IOException ex) {
			throw new ExtractionFailed("could not read the downloaded file: " + ex.getMessage());
		}
		catch (RuntimeException ex) {
			if (ex instanceof UnsupportedFormat || ex instanceof ExtractionFailed) {
				throw ex;
			}
			// Parsers of malformed files throw what they like: the file fails, not the
			// run.
			throw new ExtractionFailed("unreadable file: " + rootMessage(ex));
		}
	}

	private boolean supported(MediaType type) {
		var types = this.parser.getSupportedTypes(new ParseContext());
		for (MediaType t = type.getBaseType(); t != null; t = this.registry.getSupertype(t)) {
			if (types.contains(t)) {
				return !MediaType.OCTET_STREAM.equals(t);
			}
		}
		return false;
	}

	private static String rootMessage(Throwable failure) {
		Throwable root = failure;
		while (root.getCause() != null && root.getCause() != root) {
			root = root.getCause();
		}
		String message = root.getMessage();
		return root.getClass().getSimpleName() + ((message == null) ? "" : ": " + message);
	}

	/** Text of a file and its detected type. */
	record Extracted(String contentType, String text, boolean truncated) {
	}

	/** No parser reads this type. */
	static final class UnsupportedFormat extends RuntimeException {

		UnsupportedFormat(String type) {
			super("no text is extracted from " + type, null, false, false);
		}

	}

	/** The file could not be parsed. */
	static final class ExtractionFailed extends RuntimeException {

		ExtractionFailed(String reason) {
			super(reason, null, false, false);
		}

	}

}
