package dev.jawait.processor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The processor is a one-way pipeline, front end → analysis → lowering → emission: a phase's
 * sources never name a later phase (an import, a static import or a qualified name in code or
 * Javadoc), so each phase can be read and changed knowing only the ones before it. Also keeps
 * every source file of the processor under 600 lines.
 */
class StructureTest {
    private static final Path SOURCES = Path.of("src/main/java/dev/jawait/processor");
    private static final List<String> PHASES = List.of("front", "analysis", "lowering", "emission");
    private static final Pattern REFERENCE = Pattern.compile("dev\\.jawait\\.processor\\.(\\w+)\\.");
    private static final int MAX_LINES = 600;


    @Test
    void everyPackageIsAPhase() throws IOException {
        try (Stream<Path> dirs = Files.list(SOURCES)) {
            dirs.filter(Files::isDirectory).forEach(d -> assertTrue(PHASES.contains(d.getFileName().toString()),
                    d + " is not one of the phases " + PHASES + "; add it to StructureTest in pipeline order"));
        }
    }

    @Test
    void noPhaseNamesALaterPhase() throws IOException {
        Set<String> backward = new TreeSet<>();
        for (int phase = 0; phase < PHASES.size(); phase++) {
            for (Path file : sources(SOURCES.resolve(PHASES.get(phase)))) {
                Matcher m = REFERENCE.matcher(Files.readString(file));
                while (m.find()) {
                    int target = PHASES.indexOf(m.group(1));
                    if (target > phase) {
                        backward.add(SOURCES.relativize(file) + " -> " + m.group(1));
                    }
                }
            }
        }
        assertEquals(Set.of(), backward, "a phase names a later phase");
    }

    @Test
    void everySourceFileIsUnder600Lines() throws IOException {
        Set<String> tooLong = new TreeSet<>();
        for (Path file : sources(SOURCES)) {
            long lines;
            try (Stream<String> s = Files.lines(file)) {
                lines = s.count();
            }
            if (lines >= MAX_LINES) {
                tooLong.add(SOURCES.relativize(file).toString());
            }
        }
        assertEquals(Set.of(), tooLong, "files of " + MAX_LINES + " lines or more");
    }

    private static List<Path> sources(Path dir) throws IOException {
        List<Path> out = new ArrayList<>();
        try (Stream<Path> walk = Files.walk(dir)) {
            walk.filter(p -> p.toString().endsWith(".java")).sorted().forEach(out::add);
        }
        assertTrue(!out.isEmpty(), "no sources under " + dir.toAbsolutePath());
        return out;
    }
}
