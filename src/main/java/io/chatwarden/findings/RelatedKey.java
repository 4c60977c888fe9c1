package io.chatwarden.findings;

import io.chatwarden.system.PageRequest;

/** A page of what stands behind one finding: the key of the batched loaders. */
record RelatedKey(FindingDocument finding, PageRequest page) {
}
