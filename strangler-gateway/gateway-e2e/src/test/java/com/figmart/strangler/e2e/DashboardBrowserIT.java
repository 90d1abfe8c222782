package com.figmart.strangler.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import com.figmart.strangler.e2e.GatewayHttp.Admin;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The dashboard in a real headless Chromium (Debian's chromium and chromium-driver, which {@code .ci/run}
 * installs): sign in with an admin token, see the rules, change a mode with a reason, and see the next
 * request take the new way. Skipped where no Chromium is installed, unless {@code FIGMART_REQUIRE_BROWSER=1}
 * (set by {@code .ci/run}) makes a missing browser a failure.
 */
@ExtendWith(Topology.Extension.class)
class DashboardBrowserIT {

	static final Path CHROMIUM = Path.of("/usr/bin/chromium");

	static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");

	Topology topology;

	WebDriver browser;

	@BeforeEach
	void openBrowser(Topology topology) throws Exception {
		boolean installed = Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER);
		if (!installed && "1".equals(System.getenv("FIGMART_REQUIRE_BROWSER"))) {
			throw new IllegalStateException("FIGMART_REQUIRE_BROWSER=1 but " + CHROMIUM + " or " + CHROMEDRIVER
					+ " is missing (apt-get install chromium chromium-driver)");
		}
		assumeTrue(installed, "Debian's chromium and chromium-driver are not installed");
		this.topology = topology;
		ChromeOptions options = new ChromeOptions().setBinary(CHROMIUM.toFile())
			.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
					"--disable-quic", "--no-first-run", "--disable-background-networking",
					"--disable-component-update", "--disable-sync", "--window-size=1400,1000",
					"--user-data-dir=" + Files.createTempDirectory("figmart-chromium"));
		ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile())
			.usingAnyFreePort()
			.build();
		this.browser = new ChromeDriver(service, options);
	}

	@AfterEach
	void closeBrowser() {
		if (this.browser != null) {
			this.browser.quit();
		}
	}

	@Test
	void anOperatorSignsInChangesAModeAndTheNextRequestFollowsIt() {
		GatewayHttp http = new GatewayHttp(this.topology.gatewayUri());
		LocalTokens tokens = new LocalTokens(this.topology.keyFile());
		Admin admin = http.admin(tokens.admin("browser-test"));
		admin.mode(Topology.PRODUCT_RULE, "LEGACY", "browser test: start on the monolith");
		// a page replaced while a condition looks at it (sign-in navigates, the table is redrawn) is retried
		WebDriverWait wait = new WebDriverWait(this.browser, Duration.ofSeconds(15));
		wait.ignoring(StaleElementReferenceException.class);

		this.browser.get(this.topology.gatewayUri() + "/admin/dashboard");
		wait.until(ExpectedConditions.urlContains("/admin/login"));
		this.browser.findElement(By.id("token")).sendKeys(tokens.admin("dashboard-operator"));
		this.browser.findElement(By.id("sign-in")).click();
		wait.until(ExpectedConditions.urlContains("/admin/dashboard"));
		wait.until(ExpectedConditions.attributeToBe(By.tagName("body"), "data-loaded", "true"));

		By modeCell = By.cssSelector("tr[data-rule='" + Topology.PRODUCT_RULE + "'] td[data-field='mode']");
		wait.until(ExpectedConditions.textToBe(modeCell, "LEGACY"));
		wait.until(ExpectedConditions.textToBe(By.cssSelector("tr[data-rule='" + Topology.PRODUCT_RULE
				+ "'] td[data-field='writes']"), "flowing"));
		// the table is redrawn every 2 s except a row whose form has the focus: focus first, then fill it in
		By formOfRule = By.cssSelector("form.change[data-rule='" + Topology.PRODUCT_RULE + "']");
		WebElement form = wait.until((browser) -> {
			WebElement found = browser.findElement(formOfRule);
			found.findElement(By.name("reason")).click();
			return found;
		});
		new Select(form.findElement(By.name("mode"))).selectByValue("NEW");
		form.findElement(By.name("reason")).sendKeys("browser test: move product reads");
		form.findElement(By.tagName("button")).click();

		wait.until(ExpectedConditions.textToBe(modeCell, "NEW"));
		assertThat(http.get(GatewayInFrontOfMonolithIT.PRODUCT).header("X-Figmart-Served-By"))
			.isEqualTo(NewTargetServer.NAME);
		assertThat(admin.history(Topology.PRODUCT_RULE).get("changes").get(0).get("actor").asString())
			.isEqualTo("dashboard-operator");
		wait.until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector("#changes tbody"),
				"browser test: move product reads"));
	}

}
