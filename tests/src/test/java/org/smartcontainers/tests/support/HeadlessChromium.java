package org.smartcontainers.tests.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.function.Function;
import java.util.stream.Stream;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TimeoutException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.smartcontainers.testsupport.Clients;

/**
 * Debian's Chromium, headless in a 1280x900 window, driven through Debian's chromedriver (WebDriver), with
 * each step's screenshot kept, numbered in order. Both programs are found here, never downloaded: Selenium
 * Manager is not asked, since the driver and the browser are named. A missing one fails, saying what to install.
 */
public final class HeadlessChromium implements AutoCloseable {
    public static final String DRIVER_ENV = "CHROMEDRIVER";
    private static final Path DEBIAN_DRIVER = Path.of("/usr/bin/chromedriver");
    /** The bound of every wait: a page built on a busy two-core machine (a lineage laid out, YASGUI's script). */
    private static final Duration WAIT = Duration.ofSeconds(30);

    private final ChromeDriver driver;
    private final Path screenshots;
    private int taken;

    private HeadlessChromium(ChromeDriver driver, Path screenshots) {
        this.driver = driver;
        this.screenshots = screenshots;
    }

    /** Starts the browser; {@code screenshots} is emptied of an earlier run's pictures, so what it holds is this run's. */
    public static HeadlessChromium start(Path screenshots) {
        Path driverPath = chromedriver();
        String chromium = Clients.chromium();
        emptied(screenshots);
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(driverPath.toFile())
                .usingAnyFreePort().withLogFile(screenshots.resolve("chromedriver.log").toFile()).build();
        ChromeOptions options = new ChromeOptions().setBinary(chromium)
                // --no-sandbox: the tests run as root; a profile of its own, so no earlier run's storage (YASGUI keeps
                // its tabs in localStorage) is seen.
                .addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--window-size=1280,900",
                        "--user-data-dir=" + Paths.scratch("chromium-journey"));
        return new HeadlessChromium(new ChromeDriver(service, options), screenshots);
    }

    /** {@code CHROMEDRIVER}, else Debian's {@code /usr/bin/chromedriver}; it must be there. */
    private static Path chromedriver() {
        String configured = System.getenv(DRIVER_ENV);
        Path path = configured == null || configured.isBlank() ? DEBIAN_DRIVER : Path.of(configured);
        if (!Files.isRegularFile(path) || !Files.isExecutable(path)) {
            throw new AssertionError("no chromedriver at " + path + " for the tests: install Debian's chromium-driver"
                    + " (apt-get install chromium-driver, which tests/run does), or set " + DRIVER_ENV + " to its path");
        }
        return path;
    }

    public WebDriver driver() {
        return driver;
    }

    /**
     * Waits until {@code condition} gives something other than null or false; a timeout fails, saying {@code what},
     * with a screenshot of what the window showed instead.
     */
    public <T> T until(String what, Function<WebDriver, T> condition) {
        try {
            return new WebDriverWait(driver, WAIT).withMessage(what).until(condition);
        } catch (TimeoutException e) {
            screenshot("waited-in-vain");
            throw e;
        }
    }

    /** The window as it is now, saved as the next numbered picture ({@code 03-step.png}); its path is printed. */
    public Path screenshot(String step) {
        Path file = screenshots.resolve(String.format("%02d-%s.png", ++taken, step));
        try {
            Files.write(file, driver.getScreenshotAs(OutputType.BYTES));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        System.out.println("screenshot: " + file);
        return file;
    }

    @Override
    public void close() {
        driver.quit();
    }

    private static void emptied(Path directory) {
        try {
            Files.createDirectories(directory);
            try (Stream<Path> earlier = Files.list(directory)) {
                for (Path file : (Iterable<Path>) earlier::iterator) {
                    Files.delete(file);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
