package dev.itsm.deploy;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The JVM flags each component runs with, in one place so that footprint and start-up tuning do not
 * touch how the {@link Stack} wires components together.
 */
final class JvmOptions {

    private JvmOptions() {
    }

    /** {@code java <flags> -jar <runner>} for component {@code c}. */
    static List<String> command(String javaBin, Component c, Path root) {
        List<String> command = new ArrayList<>();
        command.add(javaBin);
        command.addAll(List.of("-Xms64m", "-Xmx384m", "-XX:+UseSerialGC"));
        command.add("-jar");
        command.add(c.runner(root).toString());
        return command;
    }
}
