package io.chatwarden;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.scheduling.annotation.EnableScheduling;

/**
 * Chatwarden: copies a ChatGPT Enterprise workspace into OpenSearch and serves
 * investigations on it.
 */
@SpringBootApplication
@ConfigurationPropertiesScan
@EnableScheduling
public class ChatwardenApplication {

	public static void main(String[] args) {
		SpringApplication.run(ChatwardenApplication.class, args);
	}

}
