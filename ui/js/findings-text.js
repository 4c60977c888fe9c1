// Why each finding type fires and what to do about it (the design's finding types). Used
// when the server does not describe a type itself.
export const FINDING_TEXT = {
  'gpt-custom-actions': ['The GPT\'s current configuration calls an external API through a custom action: conversation content can leave the workspace.', 'Review the action\'s domain, authentication and privacy policy with the owner; remove the action or restrict who can use the GPT.'],
  'gpt-code-interpreter': ['The GPT can run code on uploaded files.', 'Confirm the GPT needs code execution; otherwise turn it off in the GPT\'s configuration.'],
  'gpt-web-browsing': ['The GPT can browse the web, so prompts may be sent to outside sites as queries.', 'Confirm browsing is needed; turn it off for GPTs that handle internal data.'],
  'gpt-public-store': ['The GPT is published in the GPT Store: anyone can find and use it.', 'Ask the owner to unpublish it unless publishing was approved; review its knowledge files for internal content.'],
  'gpt-public-link': ['Anyone with the link can use the GPT, including people outside the company.', 'Restrict sharing to the workspace or to named people.'],
  'admin-key-not-rotated': ['An admin API key is older than the rotation limit.', 'Create a new key, move its users to it, then delete the old one.'],
  'project-key-not-rotated': ['A project API key is older than the rotation limit.', 'Rotate the key and delete the old one.'],
  'admin-key-unused': ['An admin API key was never used, or not recently.', 'Delete keys nobody uses: they are standing credentials.'],
  'project-key-unused': ['A project API key was never used, or not recently.', 'Delete the key if nobody needs it.'],
  'invite-high-privilege': ['A pending invite would make someone an owner.', 'Confirm the invite with the person who sent it; revoke it if it is not expected.'],
  'user-inactive': ['An active workspace user has had no conversation activity for a long time.', 'Check whether they still need a seat; deactivate the account if not.'],
  'invite-stale': ['An invite has been pending for long, or past its expiry.', 'Revoke it or send it again.'],
  dlp: ['A detector found a sensitive value in message text. Only a masked preview and a salted hash are stored.', 'Open the conversation, confirm the value is real, rotate or revoke it if it is a credential, and talk to the user.'],
};

export function findingText(typeId) {
  if (!typeId) return null;
  return FINDING_TEXT[typeId] || (typeId.startsWith('dlp-') ? FINDING_TEXT.dlp : null);
}
