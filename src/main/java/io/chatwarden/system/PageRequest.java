package io.chatwarden.system;

/**
 * A validated {@code first}/{@code after} pair of a connection field.
 *
 * @param first how many edges to return
 * @param after an opaque cursor from an earlier page, or null for the first page
 */
public record PageRequest(int first, String after) {

	public static final int DEFAULT_SIZE = 20;

	public static final int MAX_SIZE = 100;

	public static PageRequest of(Integer first, String after) {
		int size = first == null ? DEFAULT_SIZE : first;
		if (size < 1 || size > MAX_SIZE) {
			throw new BadRequestException("first must be between 1 and " + MAX_SIZE + ", was " + size);
		}
		return new PageRequest(size, (after == null || after.isBlank()) ? null : after);
	}

}
