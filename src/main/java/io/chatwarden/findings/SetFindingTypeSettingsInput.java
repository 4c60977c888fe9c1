package io.chatwarden.findings;

/** The {@code SetFindingTypeSettingsInput} input. */
record SetFindingTypeSettingsInput(String typeId, Severity severity, Boolean ignored, String by) {
}
