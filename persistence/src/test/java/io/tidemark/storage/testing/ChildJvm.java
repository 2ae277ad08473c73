package io.tidemark.storage.testing;

import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The command line of a child JVM for crash tests: this JVM's java, class path, module flags
 * (Chronicle Queue needs its --add-opens/--add-exports) and Chronicle system properties, then the
 * main class and its arguments. Shared by every module's crash tests (published in the test jar).
 */
public final class ChildJvm {

    private ChildJvm() {
    }

    public static List<String> command(Class<?> mainClass, String... args) {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        List<String> jvmArgs = ManagementFactory.getRuntimeMXBean().getInputArguments();
        for (int i = 0; i < jvmArgs.size(); i++) {
            String arg = jvmArgs.get(i);
            if (arg.equals("--add-opens") || arg.equals("--add-exports")) {
                command.add(arg);
                command.add(jvmArgs.get(++i));
            } else if (arg.startsWith("--add-opens=") || arg.startsWith("--add-exports=") || arg.startsWith("-Dchronicle.")) {
                command.add(arg);
            }
        }
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(mainClass.getName());
        command.addAll(List.of(args));
        return command;
    }
}
