package dev.itsm.deploy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The JVM flags each component runs with, in one place so that footprint and start-up tuning do not
 * touch how the {@link Stack} wires components together. Measured choices, before → after, are in
 * {@code bench/results/footprint.md}.
 * <p>
 * Two profiles, chosen by the launcher's environment variable {@value #PROFILE_ENV}:
 * <ul>
 * <li>{@code small} (default): the client compiler only ({@code -XX:TieredStopAtLevel=1}). Five JVMs
 * start on two cores at once, and C2 compiling start-up code was about 40 % of each service's CPU to
 * ready; C1-only code also keeps the code cache and profiling data out of the resident set. The price
 * is more CPU per request once warm (≈1.7× in incident-service on the measured path).</li>
 * <li>{@code throughput}: the JVM's default tiered compilation and a fixed heap, for load tests and any
 * run where requests per core matter more than start-up and memory.</li>
 * </ul>
 * Either way the heap ceiling is the component's ({@link Component#maxHeapMb()}) and the component's
 * class-data-sharing archive is used when the build made one. The small profile's heap starts small and is
 * given back after a collection frees it; the throughput profile's is fixed at the ceiling ({@link #heap}).
 */
public final class JvmOptions {

    /** Environment variable choosing the profile: {@code small} (default) or {@code throughput}. */
    public static final String PROFILE_ENV = "ITSM_JVM_PROFILE";

    /** Flags every JVM of the stack runs with, whatever the component and profile. */
    private static final List<String> COMMON = List.of(
            // one GC thread and no card-table barriers beyond the minimum: the heaps are small and the cores few
            "-XX:+UseSerialGC",
            // a few dozen threads at most, none with deep recursion; halves the stack each may touch
            "-Xss512k",
            // a bound instead of unlimited, so a class-loading leak fails loudly rather than eating the machine
            "-XX:MaxMetaspaceSize=256m");

    /**
     * The small profile's heap: it starts small and shrinks back after a collection, so idle RSS follows the live
     * set (≈25 MB), not the peak. Not for load: the serial collector resizes the heap only in a full collection, so
     * a busy service is held at its live set plus 30 % and collects fully every few seconds (monitoring-service
     * through bench section 10: 38 full collections in five minutes, pauses up to 0.8 s, 22 s of pauses in all).
     */
    private static final List<String> SHRINKING_HEAP = List.of("-Xms16m", "-XX:MinHeapFreeRatio=10",
            "-XX:MaxHeapFreeRatio=30");

    private JvmOptions() {
    }

    /** {@code java <flags> -jar <runner>} for component {@code c}, in the profile the environment asks for. */
    static List<String> command(String javaBin, Component c, Path root) {
        return command(javaBin, c, root, profile(System.getenv()));
    }

    static List<String> command(String javaBin, Component c, Path root, String profile) {
        Path app = c.runner(root).getParent();
        // The JVM runs from the application directory: the class-data-sharing archive records the class
        // path as Quarkus built it ("quarkus-run.jar", "lib/..." relative to that directory) and a JDK 17
        // JVM accepts the archive only for that same class path. exec keeps the shell's pid, which is
        // the one the Supervisor waits for and kills. glibc's default of up to 8 malloc arenas per core
        // keeps freed native memory resident in each; two are plenty for a few busy threads.
        List<String> command = new ArrayList<>(List.of("/bin/sh", "-c", "cd \"$0\" && MALLOC_ARENA_MAX=2 exec \"$@\"",
                app.toString(), javaBin));
        command.addAll(heap(profile, c.maxHeapMb()));
        command.addAll(flags(profile));
        if (usable(c.appCdsArchive(root), c.runner(root))) {
            command.add("-XX:SharedArchiveFile=" + c.appCdsArchive(root).getFileName());
        }
        command.add("-jar");
        command.add(c.runner(root).getFileName().toString());
        return command;
    }

    /**
     * The heap flags of {@code profile} for a ceiling of {@code maxHeapMb}. Throughput: fixed at the ceiling, so the
     * young generation is a third of it from the start (the serial collector's default ratio) and short-lived
     * request and batch data dies there instead of being promoted into a full old generation.
     */
    public static List<String> heap(String profile, int maxHeapMb) {
        String max = "-Xmx" + maxHeapMb + "m";
        return "throughput".equals(profile) ? List.of("-Xms" + maxHeapMb + "m", max) : List.of(max);
    }

    /** The flags of {@code profile} without the heap size and archive (a bare reference JVM runs with these). */
    public static List<String> flags(String profile) {
        List<String> flags = new ArrayList<>(COMMON);
        if (!"throughput".equals(profile)) {
            flags.addAll(SHRINKING_HEAP);
            // C1 only: cheap compilation while five JVMs share two cores starting up, and one compiler thread is plenty
            flags.addAll(List.of("-XX:TieredStopAtLevel=1", "-XX:CICompilerCount=1"));
        }
        return flags;
    }

    /** The profile {@code env} asks for: {@code throughput} or else {@code small}. */
    public static String profile(Map<String, String> env) {
        return "throughput".equalsIgnoreCase(env.getOrDefault(PROFILE_ENV, "").trim()) ? "throughput" : "small";
    }

    /**
     * An archive older than the runner belongs to an earlier build: the JVM would reject it with a
     * warning on every start, so it is not offered at all.
     */
    private static boolean usable(Path archive, Path runner) {
        try {
            return Files.isRegularFile(archive)
                    && Files.getLastModifiedTime(archive).compareTo(Files.getLastModifiedTime(runner)) >= 0;
        } catch (IOException e) {
            return false;
        }
    }
}
