package io.chatwarden.openai;

import java.time.Instant;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/** Tests for {@link OpenAiRecords}, on JSON shaped as the reference documents it. */
class OpenAiRecordsTests {

	private static final JsonMapper json = JsonMapper.builder().build();

	private static JsonNode parse(String text) {
		return json.readTree(text);
	}

	@Test
	void shouldMapUserWithFloatSecondsKeepingMicroseconds() {
		ComplianceUser user = OpenAiRecords.user(parse("""
				{"object":"compliance.workspace.user","id":"user-0001","email":"a@ex.com","name":"Ann",
				 "created_at":1692158096.299021,"role":"account-owner","status":"active"}"""));
		assertThat(user).isEqualTo(new ComplianceUser("user-0001", "a@ex.com", "Ann",
				Instant.ofEpochSecond(1692158096, 299_021_000), "account-owner", "active"));
	}

	@Test
	void shouldMapUserWithNullCreatedAtAndUnknownStatus() {
		ComplianceUser user = OpenAiRecords.user(
				parse("""
						{"id":"user-2","email":"b@ex.com","name":null,"created_at":null,"role":"standard-user","status":"pending"}"""));
		assertThat(user.createdAt()).isNull();
		assertThat(user.name()).isNull();
		assertThat(user.status()).isEqualTo("pending");
	}

	@Test
	void shouldMapConversationWithEveryMessageQuirk() {
		ComplianceConversation conversation = OpenAiRecords.conversation(
				parse("""
						{"object":"compliance.workspace.conversation","id":"68cccb0d-6994-8321-8268-5193b8b55c01",
						 "workspace_id":"11bf645e-0000","user_id":"user-avc","user_email":"u@ex.com",
						 "created_at":1760231119.91,"last_active_at":1760349119.54,"title":"Anchor div to bottom",
						 "messages":{"object":"list","has_more":false,"last_id":null,"data":[
						   {"object":"compliance.workspace.conversation.message","id":"b99b","parent_id":"b99a",
						    "created_at":null,"gpt_id":null,"project_id":null,
						    "author":{"object":"compliance.workspace.conversation.message.author","role":"system","tool_name":null},
						    "content":null,"files":{"object":"list","data":[],"has_more":false,"last_id":null}},
						   {"object":"compliance.workspace.conversation.message","id":"b99c","parent_id":"b99b",
						    "created_at":1760411119.88,"gpt_id":"g-68a2","project_id":null,
						    "author":{"object":"compliance.workspace.conversation.message.author","role":"user","tool_name":null},
						    "content":{"object":"compliance.workspace.conversation.message.content","type":"text",
						               "value":"hello","annotations":[]},
						    "files":{"object":"list","has_more":false,"last_id":null,"data":[
						      {"object":"compliance.workspace.conversation.message.file","id":"file-Af","name":"notes.txt",
						       "created_at":1760411119.11,"download_url":"https://files/file-Af?se=1&sig=2"},
						      {"object":"compliance.workspace.conversation.message.file_info","id":"file-Bg","name":"q2.pdf",
						       "user_id":"user-avc"}]}},
						   {"object":"compliance.workspace.conversation.message","id":"b99d","parent_id":"b99c",
						    "created_at":1760411120.5,"gpt_id":"g-68a2","project_id":"g-p-1",
						    "author":{"object":"compliance.workspace.conversation.message.author","role":"tool","tool_name":"myfiles_browser"},
						    "content":{"type":"text","value":"See sources",
						               "annotations":[{"type":"url_citation","urls":["https://a.ex/1","https://b.ex/2","https://a.ex/1"]},
						                              {"type":"file_citation","file_id":"file-x"}]},
						    "files":{"object":"list","has_more":false,"last_id":null,"data":[]}}]}}"""));
		assertThat(conversation.id()).isEqualTo("68cccb0d-6994-8321-8268-5193b8b55c01");
		assertThat(conversation.workspaceId()).isEqualTo("11bf645e-0000");
		assertThat(conversation.userEmail()).isEqualTo("u@ex.com");
		assertThat(conversation.createdAt()).isEqualTo(Instant.ofEpochSecond(1760231119, 910_000_000));
		assertThat(conversation.lastActiveAt()).isEqualTo(Instant.ofEpochSecond(1760349119, 540_000_000));
		assertThat(conversation.title()).isEqualTo("Anchor div to bottom");
		assertThat(conversation.messages()).hasSize(3);

		ComplianceMessage system = conversation.messages().get(0);
		assertThat(system)
			.isEqualTo(new ComplianceMessage("b99b", "b99a", null, null, null, "system", null, null, null, null, null));

		ComplianceMessage user = conversation.messages().get(1);
		assertThat(user.gptId()).isEqualTo("g-68a2");
		assertThat(user.role()).isEqualTo("user");
		assertThat(user.contentType()).isEqualTo("text");
		assertThat(user.text()).isEqualTo("hello");
		assertThat(user.citationUrls()).isEmpty();
		assertThat(user.files()).containsExactly(
				new FileRef("file-Af", "notes.txt", Instant.ofEpochSecond(1760411119, 110_000_000)),
				new FileRef("file-Bg", "q2.pdf", null));

		ComplianceMessage tool = conversation.messages().get(2);
		assertThat(tool.role()).isEqualTo("tool");
		assertThat(tool.toolName()).isEqualTo("myfiles_browser");
		assertThat(tool.projectId()).isEqualTo("g-p-1");
		assertThat(tool.citationUrls()).containsExactly("https://a.ex/1", "https://b.ex/2");
	}

	@Test
	void shouldMapGptWithSharingToolsAndKnowledgeFiles() {
		ComplianceGpt gpt = OpenAiRecords.gpt(
				parse("""
						{"object":"compliance.workspace.gpt","id":"g-abc","created_at":1717000000.0,"owner_id":"user-0001",
						 "owner_email":"a@ex.com","builder_name":"Community Builder",
						 "sharing":{"object":"compliance.workspace.gpt.sharing","visibility":"workspace-with-link",
						   "permissions":{"object":"compliance.workspace.gpt.permissions","can_read":true,"can_view_config":false,"can_write":false},
						   "recipients":[{"object":"compliance.workspace.gpt.shared_user","id":"user-0002","email":"b@ex.com",
						     "permissions":{"object":"compliance.workspace.gpt.permissions","can_read":true,"can_view_config":true,"can_write":true}}]},
						 "latest_config":{"object":"list","has_more":false,"last_id":"gzm_cnf_1","data":[
						   {"object":"compliance.workspace.gpt.configuration","id":"gzm_cnf_1","name":"Helper","description":"Helps",
						    "categories":[],"conversation_starters":["Hi"],"created_at":1717000100.0,"instructions":"Be brief.",
						    "version_author":{"object":"compliance.workspace.gpt.version_author","id":"user-0001","email":"a@ex.com"},
						    "files":{"object":"list","has_more":false,"last_id":"file-1","data":[
						      {"object":"compliance.workspace.gpt.file","id":"file-1","name":"kb.pdf","created_at":1717000090.0,"download_url":"https://x"}]},
						    "tools":{"object":"list","has_more":false,"last_id":null,"data":[
						      {"type":"code_interpreter","created_at":1717000100.0},
						      {"type":"canvas","created_at":1717000100.0},
						      {"type":"custom_action","created_at":1717000100.0,"action_domain":"api.ex.com",
						       "action_openapi_raw":"{}","action_privacy_policy_url":"https://ex.com/p","auth_type":"oauth"}]}},
						   {"object":"compliance.workspace.gpt.configuration","id":"gzm_cnf_0","name":"Old"}]}}"""));
		assertThat(gpt.id()).isEqualTo("g-abc");
		assertThat(gpt.createdAt()).isEqualTo(Instant.ofEpochSecond(1717000000));
		assertThat(gpt.builderName()).isEqualTo("Community Builder");
		assertThat(gpt.sharing().visibility()).isEqualTo("workspace-with-link");
		assertThat(gpt.sharing().permissions()).isEqualTo(new GptPermissions(true, false, false));
		assertThat(gpt.sharing().recipients())
			.containsExactly(new GptRecipient("user-0002", "b@ex.com", new GptPermissions(true, true, true)));
		GptConfig config = gpt.latestConfig();
		assertThat(config.id()).isEqualTo("gzm_cnf_1");
		assertThat(config.name()).isEqualTo("Helper");
		assertThat(config.conversationStarters()).containsExactly("Hi");
		assertThat(config.versionAuthorId()).isEqualTo("user-0001");
		assertThat(config.versionAuthorEmail()).isEqualTo("a@ex.com");
		assertThat(config.files()).containsExactly(new FileRef("file-1", "kb.pdf", Instant.ofEpochSecond(1717000090)));
		assertThat(config.tools()).extracting(GptTool::type)
			.containsExactly("code_interpreter", "canvas", "custom_action");
		assertThat(config.tools().get(2)).isEqualTo(new GptTool("custom_action", Instant.ofEpochSecond(1717000100),
				"api.ex.com", "https://ex.com/p", "oauth"));
	}

	@Test
	void shouldMapGptWithoutConfigOrSharing() {
		assertThat(OpenAiRecords.gpt(parse("""
				{"id":"g-1","latest_config":null}""")).latestConfig()).isNull();
		ComplianceGpt empty = OpenAiRecords.gpt(parse("""
				{"id":"g-2","latest_config":{"object":"list","has_more":false,"last_id":null,"data":[]}}"""));
		assertThat(empty.latestConfig()).isNull();
		assertThat(empty.sharing()).isNull();
		assertThat(empty.createdAt()).isNull();
	}

	@Test
	void shouldMapAdminKeyWithFlatOwner() {
		AdminApiKey key = OpenAiRecords.adminKey(
				parse("""
						{"object":"organization.admin_api_key","id":"key_abc","name":"Main Admin Key","redacted_value":"sk-admin...def",
						 "created_at":1711471533,"expires_at":null,"last_used_at":1711471534,
						 "owner":{"type":"user","object":"organization.user","id":"user_123","name":"Jane","created_at":1711471533,"role":"owner"}}"""));
		assertThat(key)
			.isEqualTo(new AdminApiKey("key_abc", "Main Admin Key", "sk-admin...def", Instant.ofEpochSecond(1711471533),
					null, Instant.ofEpochSecond(1711471534), "user", "user_123", "Jane", "owner"));
	}

	@Test
	void shouldMapProjectIncludingArchived() {
		OrgProject project = OpenAiRecords.project(parse("""
				{"object":"organization.project","id":"proj_abc","name":"Old","created_at":1711471533,
				 "archived_at":1711471600,"status":"archived","residency":"GLOBAL"}"""));
		assertThat(project).isEqualTo(new OrgProject("proj_abc", "Old", Instant.ofEpochSecond(1711471533),
				Instant.ofEpochSecond(1711471600), "archived"));
	}

	@Test
	void shouldMapProjectKeyOwnedByUser() {
		ProjectApiKey key = OpenAiRecords.projectKey("proj_abc",
				parse("""
						{"object":"organization.project.api_key","id":"key_abc","name":"My API Key","redacted_value":"sk-abc...def",
						 "created_at":1711471533,"last_used_at":1711471534,"owner_project_access":"active",
						 "owner":{"type":"user","user":{"id":"user_abc","name":"First Last","email":"user@example.com","role":"owner","created_at":1711471533}}}"""));
		assertThat(key).isEqualTo(new ProjectApiKey("key_abc", "proj_abc", "My API Key", "sk-abc...def",
				Instant.ofEpochSecond(1711471533), Instant.ofEpochSecond(1711471534), "user", "user_abc",
				"user@example.com", "First Last", "owner", "active"));
	}

	@Test
	void shouldMapProjectKeyOwnedByServiceAccount() {
		ProjectApiKey key = OpenAiRecords.projectKey("proj_abc",
				parse("""
						{"object":"organization.project.api_key","id":"key_sa","name":"bot","redacted_value":"sk-svc...xyz",
						 "created_at":1711471533,"last_used_at":null,
						 "owner":{"type":"service_account","service_account":{"id":"svc_1","name":"Deployer","role":"member","created_at":1711471533}}}"""));
		assertThat(key.ownerType()).isEqualTo("service_account");
		assertThat(key.ownerId()).isEqualTo("svc_1");
		assertThat(key.ownerName()).isEqualTo("Deployer");
		assertThat(key.ownerEmail()).isNull();
		assertThat(key.lastUsedAt()).isNull();
		assertThat(key.ownerProjectAccess()).isNull();
	}

	@Test
	void shouldMapOrgUser() {
		OrgUser user = OpenAiRecords.orgUser(parse("""
				{"object":"organization.user","id":"user_abc","name":"First Last","email":"user@example.com",
				 "role":"owner","added_at":1711471533,"is_service_account":false}"""));
		assertThat(user).isEqualTo(
				new OrgUser("user_abc", "First Last", "user@example.com", "owner", Instant.ofEpochSecond(1711471533)));
	}

	@Test
	void shouldMapInviteFromCreatedAtOrInvitedAt() {
		OrgInvite invite = OpenAiRecords.invite(
				parse("""
						{"object":"organization.invite","id":"invite-abc","email":"user@example.com","role":"owner","status":"pending",
						 "created_at":1711471533,"expires_at":1712076333,"accepted_at":null,"projects":[{"id":"proj_abc","role":"member"}]}"""));
		assertThat(invite).isEqualTo(new OrgInvite("invite-abc", "user@example.com", "owner", "pending",
				Instant.ofEpochSecond(1711471533), Instant.ofEpochSecond(1712076333), null,
				java.util.List.of(new OrgInvite.InviteProject("proj_abc", "member"))));
		OrgInvite older = OpenAiRecords.invite(
				parse("""
						{"object":"organization.invite","id":"invite-old","email":"x@example.com","role":"reader","status":"accepted",
						 "invited_at":1711000000,"expires_at":1711600000,"accepted_at":1711000100}"""));
		assertThat(older.createdAt()).isEqualTo(Instant.ofEpochSecond(1711000000));
		assertThat(older.acceptedAt()).isEqualTo(Instant.ofEpochSecond(1711000100));
		assertThat(older.projects()).isEmpty();
	}

	@Test
	void shouldRejectRecordWithoutId() {
		assertThatExceptionOfType(MalformedRecordException.class).isThrownBy(() -> OpenAiRecords.user(parse("""
				{"email":"a@ex.com"}"""))).withMessage("user record has no 'id'");
		assertThatExceptionOfType(MalformedRecordException.class).isThrownBy(() -> OpenAiRecords.invite(parse("""
				{"id":"  "}"""))).withMessage("invite record has a blank 'id'");
	}

	@Test
	void shouldRejectNonObjectRecord() {
		assertThatExceptionOfType(MalformedRecordException.class)
			.isThrownBy(() -> OpenAiRecords.project(parse("\"proj_abc\"")))
			.withMessage("project record is not a JSON object but \"proj_abc\"");
		assertThatExceptionOfType(MalformedRecordException.class)
			.isThrownBy(() -> OpenAiRecords.orgUser(parse("[1,2]")))
			.withMessage("organization user record is not a JSON object but a list");
	}

	@Test
	void shouldRejectTimestampThatIsNotANumberNamingFieldAndTruncatedValue() {
		assertThatExceptionOfType(MalformedRecordException.class).isThrownBy(() -> OpenAiRecords.user(parse("""
				{"id":"user-1","created_at":"yesterday at noon, or thereabouts, give or take a week"}""")))
			.withMessage("user user-1: timestamp 'created_at' is not a number of seconds but "
					+ "\"yesterday at noon, or thereabouts, give …\"");
		assertThatExceptionOfType(MalformedRecordException.class).isThrownBy(() -> OpenAiRecords.adminKey(parse("""
				{"id":"key_1","last_used_at":"sk-admin-abcdefghijklmnop"}""")))
			.withMessage("admin key key_1: timestamp 'last_used_at' is not a number of seconds but "
					+ "a value that looks like a secret");
	}

	@Test
	void shouldRejectMessageTimestampNamingConversationAndMessage() {
		assertThatExceptionOfType(MalformedRecordException.class).isThrownBy(() -> OpenAiRecords.conversation(parse("""
				{"id":"c-1","messages":{"object":"list","data":[{"id":"m-1","created_at":true}]}}""")))
			.withMessage("conversation c-1: message m-1: timestamp 'created_at' is not a number of seconds but true");
	}

	@Test
	void shouldRejectConversationWhoseMessagesAreNotAListEnvelope() {
		assertThatExceptionOfType(MalformedRecordException.class).isThrownBy(() -> OpenAiRecords.conversation(parse("""
				{"id":"c-1","messages":[{"id":"m-1"}]}""")))
			.withMessage("conversation c-1: 'messages' is not a list envelope ({\"data\": [...]}) but a list");
		assertThatExceptionOfType(MalformedRecordException.class).isThrownBy(() -> OpenAiRecords.conversation(parse("""
				{"id":"c-2"}""")))
			.withMessageContaining("'messages' is not a list envelope")
			.withMessageEndingWith("but nothing");
	}

	@Test
	void shouldRejectMalformedNestedParts() {
		assertThatExceptionOfType(MalformedRecordException.class).isThrownBy(() -> OpenAiRecords.conversation(parse("""
				{"id":"c-1","messages":{"data":[{"id":"m-1","files":{"data":[{"name":"x"}]}}]}}""")))
			.withMessage("conversation c-1: message m-1 file record has no 'id'");
		assertThatExceptionOfType(MalformedRecordException.class).isThrownBy(() -> OpenAiRecords.gpt(parse("""
				{"id":"g-1","latest_config":{"data":[{"id":"cnf","tools":{"data":[{"created_at":1.0}]}}]}}""")))
			.withMessage("GPT g-1 latest_config configuration cnf tool: no 'type'");
		assertThatExceptionOfType(MalformedRecordException.class).isThrownBy(() -> OpenAiRecords.gpt(parse("""
				{"id":"g-1","sharing":{"permissions":{"can_read":"yes"}}}""")))
			.withMessage("GPT g-1 sharing permissions: 'can_read' is not true or false but \"yes\"");
	}

}
