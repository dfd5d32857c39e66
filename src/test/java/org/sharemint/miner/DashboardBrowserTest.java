package org.sharemint.miner;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.sharemint.testing.MissingTool;

/**
 * The dashboard in a real browser (Debian's headless Chromium through its chromedriver) against a
 * pool with two reference miners: the page's script reads the API and shows both workers with a
 * non-zero hashrate, and the search box narrows the table to one. Saves target/dashboard.png (and
 * target/dashboard-phone.png at a phone's width). Without Chromium the test is skipped (named at
 * the end of the run); under CI=true it fails (.ci/run installs chromium and chromium-driver).
 * {@code -Ddashboard.dwell-seconds=N} keeps the miners running N seconds more before the
 * screenshots, so the charts have a history (for bench/dashboard.png).
 */
@ExtendWith(DashboardBrowserTest.Chromium.class)
class DashboardBrowserTest {
    static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");

    /** Skips (or under CI fails) the class when Debian's chromium or chromium-driver is missing. */
    static final class Chromium implements BeforeAllCallback {
        @Override
        public void beforeAll(ExtensionContext context) {
            if (!Files.isExecutable(CHROMIUM) || !Files.isExecutable(CHROMEDRIVER)) {
                throw MissingTool.skip(context, "Chromium", "no " + CHROMIUM + " or " + CHROMEDRIVER
                        + "; apt-get install chromium chromium-driver", context.getRequiredTestClass().getSimpleName());
            }
        }
    }

    @TempDir
    Path tmp;

    @Test
    void thePageShowsBothWorkersAndTheSearchNarrowsToOne() throws Exception {
        try (TestPool pool = new TestPool(tmp.resolve("pool"), Map.of("pool.noise", "false", "jobs.block-interval-ms", "600000",
                "channel.shares-per-minute", "120"))) {
            String base = "http://127.0.0.1:" + pool.pool.monitorAddress().getPort() + "/";
            Miner a = miner(pool, tmp.resolve("wallet-a"), "rig1");
            Miner b = miner(pool, tmp.resolve("wallet-b"), "rig2");
            Thread.ofVirtual().start(a::run);
            Thread.ofVirtual().start(b::run);
            ChromeDriver browser = null;
            try {
                browser = chromium(); // starts while the miners find their first shares
                await().atMost(Duration.ofSeconds(120)).until(() -> a.stats().accepted() >= 5 && b.stats().accepted() >= 5);
                long dwell = Long.getLong("dashboard.dwell-seconds", 0);
                // opt-in, for a screenshot with an hour chart worth looking at; nothing is awaited
                if (dwell > 0) Thread.sleep(Duration.ofSeconds(dwell));
                browser.get(base);
                WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(60), Duration.ofMillis(200));
                wait.ignoring(StaleElementReferenceException.class);
                // both workers, each with a hashrate the pool has measured (0 reads "0.00 H/s", none "–")
                wait.until(d -> {
                    List<List<String>> rows = rows(d);
                    return rows.size() == 2 && rows.stream().allMatch(r -> measured(r.get(2)));
                });
                assertEquals(List.of("rig1", "rig2"), rows(browser).stream().map(r -> r.get(0)).sorted().toList());
                wait.until(d -> measured(d.findElement(By.id("n-hashrate-1m")).getText()));
                assertEquals("2", browser.findElement(By.id("n-workers")).getText());
                assertTrue(browser.findElement(By.id("n-mint")).getText().contains("reachable"));
                assertFalse(browser.findElement(By.id("status")).getText().startsWith("cannot"),
                        browser.findElement(By.id("status")).getText());
                // a chart has drawn its canvas
                assertTrue(browser.findElement(By.cssSelector("#c-hashrate canvas")).getSize().getWidth() > 200);
                screenshot(browser, "dashboard.png");
                browser.manage().window().setSize(new Dimension(390, 1600));
                screenshot(browser, "dashboard-phone.png");
                browser.manage().window().setSize(new Dimension(1280, 1400));

                WebElement q = browser.findElement(By.id("q"));
                q.sendKeys("rig2");
                browser.findElement(By.cssSelector("#search button[type=submit]")).click();
                wait.until(d -> rows(d).stream().map(r -> r.get(0)).toList().equals(List.of("rig2")));
                assertTrue(browser.findElement(By.id("page-info")).getText().contains("(1 workers)"),
                        browser.findElement(By.id("page-info")).getText());
            } finally {
                if (browser != null) browser.quit();
                a.close();
                b.close();
            }
        }
    }

    /** Debian's Chromium through its own chromedriver: no Selenium Manager, nothing from the network. */
    private ChromeDriver chromium() throws Exception {
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(CHROMEDRIVER.toFile())
                .usingAnyFreePort()
                .withLogFile(tmp.resolve("chromedriver.log").toFile())
                .build();
        ChromeOptions o = new ChromeOptions();
        o.setBinary(CHROMIUM.toFile());
        o.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--disable-dev-shm-usage", "--hide-scrollbars", "--window-size=1280,1400",
                "--user-data-dir=" + Files.createDirectories(tmp.resolve("chromium-profile")));
        return new ChromeDriver(service, o);
    }

    /**
     * The worker table's rows as their cells' text, read in one script: the page redraws the table
     * every 5 s, so elements found one by one may be gone by the next call. The "no worker" row
     * (one cell spanning the table) is left out.
     */
    @SuppressWarnings("unchecked")
    private static List<List<String>> rows(WebDriver d) {
        Object rows = ((JavascriptExecutor) d).executeScript(
                "return Array.from(document.querySelectorAll('#workers tbody tr'), r => Array.from(r.cells, c => c.textContent))"
                        + ".filter(r => r.length === 10)");
        return (List<List<String>>) rows;
    }

    private static boolean measured(String hashrate) {
        return hashrate.endsWith("H/s") && !hashrate.startsWith("0.00 ");
    }

    private static void screenshot(ChromeDriver browser, String name) throws Exception {
        File png = browser.getScreenshotAs(OutputType.FILE);
        Path target = Path.of("target", name);
        Files.createDirectories(target.getParent());
        Files.copy(png.toPath(), target, StandardCopyOption.REPLACE_EXISTING);
    }

    /** A reference miner announcing 200 kH/s, as in MonitorApiTest. */
    private static Miner miner(TestPool pool, Path wallet, String user) throws Exception {
        Map<String, String> o = new HashMap<>(pool.minerOptions(wallet, user));
        o.put("nominal-hashrate", "200000");
        return new Miner(MinerOptions.parse(o), Clock.systemUTC(), new SecureRandom());
    }
}
