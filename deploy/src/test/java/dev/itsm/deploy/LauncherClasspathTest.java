package dev.itsm.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

/**
 * Runs the launcher on the class path {@code ./itsm} uses ({@code target/classes} + {@code target/lib/*},
 * not the test class path): it must start PostgreSQL and Kafka and sign a token. Guards against a
 * dependency scope change silently breaking {@code ./itsm up}.
 */
class LauncherClasspathTest {

    @Test
    void theLauncherStartsPostgresAndKafkaOnItsOwnClassPath() throws Exception {
        Path module = Path.of("").toAbsolutePath();
        Path work = Files.createDirectories(module.resolve("target/selfcheck"));
        String classpath = module.resolve("target/classes") + File.pathSeparator + module.resolve("target/lib") + File.separator + "*";
        Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", classpath,
                "-Dorg.slf4j.simpleLogger.defaultLogLevel=warn",
                "-Dlog4j2.loggerContextFactory=org.apache.logging.log4j.simple.SimpleLoggerContextFactory",
                "-Djava.io.tmpdir=" + work.resolve("tmp"),
                "dev.itsm.deploy.LocalStack", "selfcheck", work.toString())
                .redirectErrorStream(true).start();
        Files.createDirectories(work.resolve("tmp"));
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(120, TimeUnit.SECONDS), "selfcheck finished");
        assertEquals(0, p.exitValue(), output);
        assertTrue(output.contains("selfcheck ok"), output);
    }
}
