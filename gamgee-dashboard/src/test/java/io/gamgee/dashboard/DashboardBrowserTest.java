package io.gamgee.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import io.gamgee.core.store.InstanceStatus;
import io.gamgee.test.WorkflowTestKit;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The dashboard in headless Chromium (Debian's {@code chromium} and {@code chromium-driver}).
 * Skipped with a message when they are missing, unless the environment variable {@code CI} is set:
 * then their absence fails the tests.
 */
class DashboardBrowserTest {

    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");

    private final WorkflowTestKit kit = WorkflowTestKit.of(OrderWorkflow::new);
    private GamgeeDashboard dashboard;
    private WebDriver browser;
    private String testName;

    @BeforeEach
    void start(TestInfo info) {
        boolean present = Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER);
        if (!present && System.getenv("CI") == null) {
            Assumptions.abort("browser tests skipped: install Debian's chromium and chromium-driver "
                    + "(/usr/bin/chromium, /usr/bin/chromedriver) to run them; CI requires them");
        }
        assertThat(present).as("CI is set but /usr/bin/chromium or /usr/bin/chromedriver is missing: "
                + "apt-get install -y chromium chromium-driver").isTrue();
        testName = info.getTestMethod().orElseThrow().getName();
        dashboard = GamgeeDashboard.builder(kit.client(), kit.registry()).port(0)
                .refresh(Duration.ofMillis(300)).start();
        ChromeOptions options = new ChromeOptions().setBinary(CHROMIUM.toFile())
                .addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                        "--disable-dev-shm-usage", "--window-size=1280,1000");
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile())
                .usingAnyFreePort().build();
        browser = new ChromeDriver(service, options);
    }

    @AfterEach
    void stop() throws Exception {
        try {
            if (browser != null) {
                Path shot = Path.of("target", "screenshots", testName + ".png");
                Files.createDirectories(shot.getParent());
                Files.write(shot, ((ChromeDriver) browser).getScreenshotAs(OutputType.BYTES));
                browser.quit();
            }
        } finally {
            if (dashboard != null) {
                dashboard.close();
            }
            kit.close();
        }
    }

    private WebDriverWait waiting() {
        return new WebDriverWait(browser, Duration.ofSeconds(10));
    }

    private String countsAt(String state) {
        return browser.findElement(By.cssSelector("svg.gamgee-diagram text.counts[data-state='" + state + "']")).getText();
    }

    /** The counts line the page should show for {@code state}, from the store's own counts. */
    private String expected(String state) {
        return kit.client().stateCounts("OrderWorkflow", java.time.Instant.now().minus(Duration.ofHours(1))).stream()
                .filter(c -> c.state().equals(state)).findFirst()
                .map(c -> String.join(" ", java.util.stream.Stream.of(
                        c.waiting() == 0 ? null : c.waiting() + " waiting",
                        c.running() == 0 ? null : c.running() + " running",
                        c.retrying() == 0 ? null : c.retrying() + " retrying",
                        c.unrecoverable() == 0 ? null : c.unrecoverable() + " failed",
                        c.completedSince() == 0 ? null : c.completedSince() + " done")
                        .filter(java.util.Objects::nonNull).toList()))
                .filter(text -> !text.isEmpty()).orElse("–");
    }

    private String failed(String id, String note) {
        kit.submit(OrderWorkflow.class, new OrderWorkflow.Order(note, true, true), id);
        kit.runUntilIdle();
        kit.advance(Duration.ofSeconds(5));
        kit.runUntilIdle();
        return id;
    }

    @Test
    void theOverviewsCountsFollowTheInstancesWithoutAReload() {
        for (int i = 0; i < 3; i++) {
            kit.submit(OrderWorkflow.class, new OrderWorkflow.Order("o" + i, false, true), "o-" + i);
        }
        browser.get(dashboard.url().toString());
        assertThat(countsAt("charge")).isEqualTo("3 waiting");
        assertThat(countsAt("ship")).isEqualTo("–");

        kit.runNextStep();
        kit.runNextStep();
        String charge = expected("charge");
        String ship = expected("ship");
        assertThat(charge).isNotEqualTo("3 waiting");
        waiting().until(b -> countsAt("charge").equals(charge) && countsAt("ship").equals(ship));

        kit.runUntilIdle();
        waiting().until(b -> countsAt("ship").equals("3 done") && countsAt("charge").equals("–"));
        assertThat(browser.findElement(By.cssSelector("tr[data-state='ship'] td[data-count='completed']")).getText())
                .isEqualTo("3");
    }

    @Test
    void drillsIntoAStateAndAnInstanceAndRecoversItWithTheButton() throws Exception {
        failed("stuck-1", "card expired");
        for (int i = 0; i < 2; i++) {
            kit.submit(OrderWorkflow.class, new OrderWorkflow.Order("w" + i, false, true), "w-" + i);
        }
        browser.get(dashboard.url().toString());
        assertThat(countsAt("charge")).isEqualTo("2 waiting 1 failed");

        browser.findElement(By.cssSelector("g.state[data-state='charge'] a")).click();
        waiting().until(b -> b.getCurrentUrl().contains("/workflows/OrderWorkflow/states/charge"));
        browser.findElement(By.linkText("unrecoverable")).click();
        waiting().until(b -> b.findElements(By.cssSelector("table.instances a.instance")).size() == 1);
        browser.findElement(By.linkText("stuck-1")).click();

        waiting().until(b -> b.getCurrentUrl().endsWith("/instances/stuck-1"));
        assertThat(browser.findElement(By.id("status")).getText()).isEqualTo("unrecoverable");
        assertThat(browser.findElement(By.id("error")).getText()).contains("card declined: card expired");
        assertThat(browser.findElement(By.id("stack-trace")).getText()).contains("OrderWorkflow.executeStep");
        assertThat(browser.findElements(By.cssSelector("table.history tbody tr"))).hasSize(2);
        assertThat(browser.findElement(By.cssSelector("g.state.current")).getAttribute("data-state")).isEqualTo("charge");
        Files.createDirectories(Path.of("target", "screenshots"));
        Files.write(Path.of("target", "screenshots", "instance-page.png"),
                ((ChromeDriver) browser).getScreenshotAs(OutputType.BYTES));

        browser.findElement(By.cssSelector("button[name='recover']")).click();
        waiting().until(b -> b.getCurrentUrl().contains("done=recovered"));
        assertThat(browser.findElement(By.id("status")).getText()).isEqualTo("waiting");
        assertThat(kit.statusOf("stuck-1").status()).isEqualTo(InstanceStatus.WAITING);

        kit.submit(OrderWorkflow.class, new OrderWorkflow.Order("v", false, true), "v-1");
        kit.runNextStep();
        browser.get(dashboard.url().toString());
        Files.write(Path.of("target", "screenshots", "overview.png"),
                ((ChromeDriver) browser).getScreenshotAs(OutputType.BYTES));
    }

    @Test
    void scriptsInPayloadsAndErrorsStayText() {
        String id = failed("<script>window.__xss=1</script>", "<img src=x onerror=\"window.__xss=2\">");
        browser.get(dashboard.url().resolve("/instances/" + Html.enc(id)).toString());
        assertThat(browser.findElement(By.tagName("h2")).getText()).contains("<script>window.__xss=1</script>");
        assertThat(browser.findElement(By.id("error")).getText()).contains("<img src=x onerror=\"window.__xss=2\">");
        assertThat(browser.findElement(By.id("payload")).getText()).contains("<img src=x");
        assertThat(((ChromeDriver) browser).executeScript("return window.__xss === undefined")).isEqualTo(true);
        assertThat(browser.findElements(By.cssSelector("main img"))).isEmpty();
    }

    @Test
    void aFormPostedFromAnotherSiteIsRefused() throws Exception {
        failed("target-1", "x");
        // a page of another origin (a file here) posting the recover form without the dashboard's CSRF token
        Path attacker = Files.createTempFile("attacker", ".html");
        Files.writeString(attacker, "<html><body><form id=f method=post action=\"" + dashboard.url()
                + "instances/target-1/recover\"><input name=csrf value=guessed></form>"
                + "<script>document.getElementById('f').submit()</script></body></html>");
        browser.get(attacker.toUri().toString());
        waiting().until(b -> b.getPageSource().contains("CSRF token"));
        assertThat(browser.findElement(By.tagName("h2")).getText()).isEqualTo("Forbidden");
        assertThat(kit.statusOf("target-1").status()).isEqualTo(InstanceStatus.UNRECOVERABLE);
        Files.delete(attacker);
    }
}
