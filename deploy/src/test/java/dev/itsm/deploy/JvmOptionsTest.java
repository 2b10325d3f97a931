package dev.itsm.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;

import javax.tools.ToolProvider;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The flags the stack's JVMs run with: a real JVM accepts them, and a class-data-sharing archive built
 * the way Quarkus builds it (from the application directory) is really mapped by the command the
 * stack runs — {@code -Xshare:on} turns a rejected archive into a failed start.
 */
class JvmOptionsTest {

    private static final String JAVA = Path.of(System.getProperty("java.home"), "bin", "java").toString();

    @TempDir
    Path root;

    @Test
    void smallProfileIsTheDefaultAndCompilesWithC1Only() {
        assertEquals("small", JvmOptions.profile(Map.of()));
        assertEquals("small", JvmOptions.profile(Map.of(JvmOptions.PROFILE_ENV, "anything else")));
        assertEquals("throughput", JvmOptions.profile(Map.of(JvmOptions.PROFILE_ENV, " Throughput ")));
        assertTrue(JvmOptions.flags("small").contains("-XX:TieredStopAtLevel=1"));
        assertFalse(JvmOptions.flags("throughput").stream().anyMatch(f -> f.startsWith("-XX:TieredStopAtLevel")));
        assertTrue(JvmOptions.flags("throughput").contains("-XX:+UseSerialGC"));
    }

    @Test
    void thisJvmAcceptsTheFlagsOfBothProfiles() throws Exception {
        for (String profile : List.of("small", "throughput")) {
            List<String> command = new ArrayList<>(List.of(JAVA));
            command.addAll(JvmOptions.heap(profile, 384));
            command.addAll(JvmOptions.flags(profile));
            command.add("-version");
            Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertTrue(p.waitFor(60, TimeUnit.SECONDS));
            assertEquals(0, p.exitValue(), profile + ": " + out);
        }
    }

    @Test
    void heapCeilingIsTheComponents() {
        Component gateway = new Component("gateway", 8080, null, 192);
        assertTrue(JvmOptions.command(JAVA, gateway, root, "small").contains("-Xmx192m"));
    }

    @Test
    void smallHeapShrinksAndThroughputHeapIsFixedAtTheCeiling() {
        Component gateway = new Component("gateway", 8080, null, 192);
        List<String> small = JvmOptions.command(JAVA, gateway, root, "small");
        assertTrue(small.containsAll(List.of("-Xms16m", "-XX:MaxHeapFreeRatio=30")), small.toString());
        List<String> throughput = JvmOptions.command(JAVA, gateway, root, "throughput");
        assertTrue(throughput.containsAll(List.of("-Xms192m", "-Xmx192m")), throughput.toString());
        assertFalse(throughput.stream().anyMatch(f -> f.startsWith("-Xms16m") || f.contains("HeapFreeRatio")),
                throughput.toString());
    }

    @Test
    void withoutAnArchiveTheRunnerStartsFromItsDirectoryWithoutSharingFlags() throws Exception {
        Component c = component();
        Path app = Files.createDirectories(c.runner(root).getParent());
        Files.writeString(c.runner(root), "jar");

        List<String> command = JvmOptions.command(JAVA, c, root, "small");

        assertEquals(List.of("/bin/sh", "-c", "cd \"$0\" && MALLOC_ARENA_MAX=2 exec \"$@\"", app.toString(), JAVA),
                command.subList(0, 5));
        assertEquals(List.of("-jar", "quarkus-run.jar"), command.subList(command.size() - 2, command.size()));
        assertFalse(command.stream().anyMatch(f -> f.startsWith("-XX:SharedArchiveFile")));
    }

    @Test
    void anArchiveOlderThanTheRunnerIsFromAnEarlierBuildAndNotOffered() throws Exception {
        Component c = component();
        Files.createDirectories(c.runner(root).getParent());
        Files.writeString(c.appCdsArchive(root), "old archive");
        Files.writeString(c.runner(root), "jar");
        Files.setLastModifiedTime(c.appCdsArchive(root), FileTime.from(Instant.now().minusSeconds(60)));

        assertFalse(JvmOptions.command(JAVA, c, root, "small").stream().anyMatch(f -> f.startsWith("-XX:SharedArchiveFile")));
    }

    @Test
    void theJvmMapsTheArchiveQuarkusBuiltFromTheApplicationDirectory() throws Exception {
        Component c = component();
        Path app = Files.createDirectories(c.runner(root).getParent());
        writeRunner(c.runner(root));
        // what quarkus.package.jar.appcds.enabled does on JDK 17: run the app from its directory, archive at exit
        run(new ProcessBuilder(JAVA, "-XX:ArchiveClassesAtExit=app-cds.jsa", "-jar", "quarkus-run.jar").directory(app.toFile()));
        assertTrue(Files.isRegularFile(c.appCdsArchive(root)));

        for (String profile : List.of("small", "throughput")) {
            List<String> command = JvmOptions.command(JAVA, c, root, profile);
            assertTrue(command.contains("-XX:SharedArchiveFile=app-cds.jsa"), command.toString());
            // started from elsewhere, as the Supervisor does; -Xshare:on makes a rejected archive fatal
            ProcessBuilder pb = new ProcessBuilder(command).directory(root.toFile());
            pb.environment().put("JAVA_TOOL_OPTIONS", "-Xshare:on");
            assertTrue(run(pb).contains("hello from the runner"));
        }
    }

    private static Component component() {
        return new Component("catalog-service", 8083, "itsm_catalog", 384);
    }

    private static String run(ProcessBuilder pb) throws IOException, InterruptedException {
        Process p = pb.redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS));
        assertEquals(0, p.exitValue(), out);
        return out;
    }

    /** A one-class executable jar standing in for quarkus-run.jar. */
    private static void writeRunner(Path jar) throws IOException {
        Path src = Files.createTempDirectory(jar.getParent().getParent(), "src");
        Files.writeString(src.resolve("Hello.java"),
                "public class Hello { public static void main(String[] a) { System.out.println(\"hello from the runner\"); } }");
        assertEquals(0, ToolProvider.getSystemJavaCompiler().run(null, null, null, "-d", src.toString(),
                src.resolve("Hello.java").toString()));
        Manifest manifest = new Manifest();
        manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        manifest.getMainAttributes().put(Attributes.Name.MAIN_CLASS, "Hello");
        try (OutputStream file = Files.newOutputStream(jar); JarOutputStream out = new JarOutputStream(file, manifest)) {
            out.putNextEntry(new JarEntry("Hello.class"));
            out.write(Files.readAllBytes(src.resolve("Hello.class")));
            out.closeEntry();
        }
    }
}
