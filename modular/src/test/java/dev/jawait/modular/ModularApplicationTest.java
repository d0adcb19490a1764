package dev.jawait.modular;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.palantir.javapoet.JavaFile;
import dev.jawait.Async;
import dev.jawait.processor.AsyncProcessor;
import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarFile;
import java.util.spi.ToolProvider;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * jawait as modular applications use it: the runtime jar is module {@code dev.jawait} exporting
 * its API packages and the ones generated code calls, and an application module that
 * {@code requires dev.jawait} (src/test/resources/demo.app) compiles with the processor on
 * {@code --processor-module-path} and runs on {@code --module-path}, tasks, channel, timers,
 * private access and virtual dispatch into a package it does not export included.
 */
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class ModularApplicationTest {
    /** The API, the driver SPI for hand-written futures, and what generated code calls. */
    private static final Set<String> EXPORTED = Set.of("dev.jawait", "dev.jawait.fs", "dev.jawait.internal",
            "dev.jawait.net", "dev.jawait.process", "dev.jawait.runtime", "dev.jawait.runtime.driver",
            "dev.jawait.signal", "dev.jawait.sync", "dev.jawait.time");

    @TempDir
    static Path dir;

    @Test
    void runtimeJarIsModuleDevJawaitExportingOnlyItsApi() throws Exception {
        String described = tool("jar", "--describe-module", "--file", jar(location(Async.class), "jawait-runtime").toString());
        assertTrue(described.startsWith("dev.jawait@"), described);
        Set<String> exported = new TreeSet<>();
        Set<String> concealed = new TreeSet<>();
        for (String line : described.split("\\R")) {
            if (line.startsWith("exports ")) {
                exported.add(line.substring("exports ".length()).strip());
            } else if (line.startsWith("contains ")) {
                concealed.add(line.substring("contains ".length()).strip());
            }
        }
        assertEquals(new TreeSet<>(EXPORTED), exported, described);
        assertEquals(Set.of("dev.jawait.runtime.events"), concealed, described);
        assertTrue(!described.contains("qualified"), described);
    }

    @Test
    void processorJarNamesItsAutomaticModule() throws Exception {
        Path processor = location(AsyncProcessor.class);
        if (Files.isDirectory(processor)) {
            return;   // a build that stopped before the jar (mvn test): nothing packaged to check
        }
        try (JarFile jar = new JarFile(processor.toFile())) {
            assertEquals("dev.jawait.processor", jar.getManifest().getMainAttributes().getValue("Automatic-Module-Name"));
        }
    }

    @Test
    void modularApplicationBuildsWithTheProcessorOnTheProcessorModulePathAndRuns() throws Exception {
        Path sources = copySources(dir.resolve("src"));
        Path classes = dir.resolve("mods/demo.app");
        Path runtime = location(Async.class);
        String processorPath = jar(location(AsyncProcessor.class), "dev.jawait.processor") + File.pathSeparator
                + location(JavaFile.class);
        List<String> javac = new ArrayList<>(List.of("--release", "17", "-Xlint:all", "-Xlint:-processing,-path",
                "--processor-module-path", processorPath, "--module-path", runtime.toString(),
                "-d", classes.toString(), "-s", dir.resolve("generated").toString()));
        try (Stream<Path> files = Files.walk(sources)) {
            files.filter(f -> f.toString().endsWith(".java")).forEach(f -> javac.add(f.toString()));
        }
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        int status = javax.tools.ToolProvider.getSystemJavaCompiler().run(null, log, log, javac.toArray(new String[0]));
        String diagnostics = log.toString(StandardCharsets.UTF_8);
        assertEquals(0, status, diagnostics);
        assertTrue(Files.exists(classes.resolve("demo/app/MainAsync.class")), "the processor ran: " + diagnostics);
        assertTrue(Files.exists(classes.resolve("demo/app/shapes/Shapes_SquareAsync.class")), diagnostics);
        // demo.app does not read java.compiler: the generated files go without @Generated
        assertTrue(!Files.readString(dir.resolve("generated/demo/app/MainAsync.java")).contains("@Generated"));

        Path out = dir.resolve("run.log");
        Process java = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                // JFR records the runtime's events from inside the module (their package is not exported)
                "-XX:StartFlightRecording=filename=" + dir.resolve("app.jfr"),
                "--module-path", classes + File.pathSeparator + runtime, "-m", "demo.app/demo.app.Main")
                .redirectErrorStream(true).redirectOutput(out.toFile()).start();
        if (!java.waitFor(120, TimeUnit.SECONDS)) {
            java.destroyForcibly();
            throw new AssertionError("the modular application did not finish in 120 s: " + Files.readString(out));
        }
        String output = Files.readString(out);
        assertEquals(0, java.exitValue(), output);
        assertTrue(output.contains("sum=55 area=12.0"), output);
        assertTrue(!output.contains("Exception"), output);
    }

    /** The application's sources, from the test resources to a folder javac can be given. */
    private static Path copySources(Path target) throws IOException, URISyntaxException {
        Path root = Path.of(ModularApplicationTest.class.getClassLoader().getResource("demo.app/module-info.java").toURI())
                .getParent();
        try (Stream<Path> files = Files.walk(root)) {
            for (Path f : files.filter(Files::isRegularFile).collect(Collectors.toList())) {
                Path copy = target.resolve(root.relativize(f).toString());
                Files.createDirectories(copy.getParent());
                Files.copy(f, copy);
            }
        }
        return target;
    }

    /** {@code location} itself if a jar; a folder of classes (a build stopped before the jar) jarred up. */
    private static Path jar(Path location, String name) {
        if (!Files.isDirectory(location)) {
            return location;
        }
        Path jar = dir.resolve(name + ".jar");
        if (!Files.exists(jar)) {
            tool("jar", "--create", "--file", jar.toString(), "-C", location.toString(), ".");
        }
        return jar;
    }

    private static String tool(String name, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        PrintStream print = new PrintStream(out, true, StandardCharsets.UTF_8);
        int status = ToolProvider.findFirst(name).orElseThrow().run(print, print, args);
        String text = out.toString(StandardCharsets.UTF_8);
        assertEquals(0, status, name + " " + String.join(" ", args) + ": " + text);
        return text;
    }

    private static Path location(Class<?> c) throws URISyntaxException {
        return Path.of(c.getProtectionDomain().getCodeSource().getLocation().toURI());
    }
}
