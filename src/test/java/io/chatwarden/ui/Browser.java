package io.chatwarden.ui;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;

import org.openqa.selenium.Dimension;
import org.openqa.selenium.PageLoadStrategy;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * The system's Chromium, headless, through the system's chromedriver (Debian packages
 * {@code chromium} and {@code chromium-driver}). Other locations can be given with
 * {@code CHATWARDEN_CHROMIUM} and {@code CHATWARDEN_CHROMEDRIVER}. Nothing is downloaded.
 */
final class Browser {

	static final Path CHROMIUM = Path.of(env("CHATWARDEN_CHROMIUM", "/usr/bin/chromium"));

	static final Path CHROMEDRIVER = Path.of(env("CHATWARDEN_CHROMEDRIVER", "/usr/bin/chromedriver"));

	private Browser() {
	}

	/**
	 * Whether a browser and its driver are installed (the UI test is skipped otherwise).
	 */
	static boolean available() {
		return Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER);
	}

	static ChromeDriver start(Path profile) {
		ChromeOptions options = new ChromeOptions();
		// The UI loads its data with fetch after DOMContentLoaded; tests wait for the
		// rendered route themselves.
		options.setPageLoadStrategy(PageLoadStrategy.EAGER);
		options.setBinary(CHROMIUM.toFile());
		options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
				"--disable-component-update", "--disable-sync", "--no-first-run", "--disable-dev-shm-usage",
				"--window-size=1280,900", "--user-data-dir=" + profile.toAbsolutePath());
		ChromeDriverService service = new ChromeDriverService.Builder()
			.usingDriverExecutable(new File(CHROMEDRIVER.toString()))
			.usingAnyFreePort()
			.withTimeout(Duration.ofSeconds(60))
			.build();
		ChromeDriver driver = new ChromeDriver(service, options);
		driver.manage().window().setSize(new Dimension(1280, 900));
		driver.manage().timeouts().scriptTimeout(Duration.ofSeconds(30));
		driver.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(60));
		return driver;
	}

	/** Saves the whole page (not only the viewport), up to 4000 px tall. */
	static void screenshot(ChromeDriver driver, Path file) {
		Number height = (Number) driver
			.executeScript("return Math.max(document.documentElement.scrollHeight, document.body.scrollHeight)");
		Number width = (Number) driver.executeScript("return window.innerWidth");
		int h = Math.min(Math.max(height.intValue(), 900), 4000);
		Map<String, Object> clip = Map.of("x", 0, "y", 0, "width", width.intValue(), "height", h, "scale", 1);
		Map<String, Object> shot = driver.executeCdpCommand("Page.captureScreenshot",
				Map.of("format", "png", "captureBeyondViewport", true, "clip", clip));
		try {
			Files.createDirectories(file.getParent());
			Files.write(file, Base64.getDecoder().decode((String) shot.get("data")));
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private static String env(String name, String fallback) {
		String value = System.getenv(name);
		return (value == null || value.isBlank()) ? fallback : value;
	}

}
