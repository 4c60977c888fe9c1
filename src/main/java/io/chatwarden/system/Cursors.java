package io.chatwarden.system;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import org.opensearch.client.opensearch._types.FieldValue;

/** Opaque cursors: a hit's sort values ({@code search_after}), base64url-encoded. */
public final class Cursors {

	private static final ObjectMapper JSON = new ObjectMapper();

	private Cursors() {
	}

	public static String encode(List<FieldValue> sortValues) {
		ArrayNode array = JSON.createArrayNode();
		for (FieldValue value : sortValues) {
			if (value.isLong()) {
				array.add(value.longValue());
			}
			else if (value.isDouble()) {
				array.add(value.doubleValue());
			}
			else if (value.isBoolean()) {
				array.add(value.booleanValue());
			}
			else if (value.isNull()) {
				array.addNull();
			}
			else {
				array.add(value.stringValue());
			}
		}
		return Base64.getUrlEncoder()
			.withoutPadding()
			.encodeToString(array.toString().getBytes(StandardCharsets.UTF_8));
	}

	public static List<FieldValue> decode(String cursor) {
		try {
			JsonNode array = JSON.readTree(Base64.getUrlDecoder().decode(cursor));
			if (array == null || !array.isArray() || array.isEmpty()) {
				throw new BadRequestException("after is not a cursor returned by this API");
			}
			List<FieldValue> values = new ArrayList<>();
			for (JsonNode node : array) {
				if (node.isIntegralNumber()) {
					values.add(FieldValue.of(node.longValue()));
				}
				else if (node.isNumber()) {
					values.add(FieldValue.of(node.doubleValue()));
				}
				else if (node.isBoolean()) {
					values.add(FieldValue.of(node.booleanValue()));
				}
				else if (node.isNull()) {
					values.add(FieldValue.NULL);
				}
				else {
					values.add(FieldValue.of(node.asText()));
				}
			}
			return values;
		}
		catch (IllegalArgumentException | IOException ex) {
			throw new BadRequestException("after is not a cursor returned by this API");
		}
	}

}
