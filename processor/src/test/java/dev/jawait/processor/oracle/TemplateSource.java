package dev.jawait.processor.oracle;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * One template file under {@code src/test/resources/oracle/} and the shapes it declares: every
 * {@code @Async} method named {@code shape*} with no parameters. Shapes are found in the text,
 * so they are known (and reported) even when the file does not compile.
 *
 * <pre>{@code
 * for (TemplateSource t : TemplateSource.all()) System.out.println(t.name() + " " + t.shapes());
 * }</pre>
 *
 * @param name   the file name without {@code .java}, e.g. {@code Loops}
 * @param text   the source
 * @param shapes shape method names in file order
 */
public record TemplateSource(String name, String text, List<String> shapes) {
    /** From {@code @Async} to the end of the signature (no '{' or ';' in between). */
    private static final Pattern SHAPE =
            Pattern.compile("@Async\\b[^;{]*?\\b(shape\\w*)\\s*\\(\\s*\\)", Pattern.DOTALL);

    /** Every template file, sorted by name. */
    public static List<TemplateSource> all() {
        Path dir = directory();
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(p -> p.getFileName().toString().endsWith(".java"))
                    .sorted()
                    .map(TemplateSource::read)
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The template file called {@code name}.java. */
    public static TemplateSource named(String name) {
        return read(directory().resolve(name + ".java"));
    }

    /** The fully qualified name of the file's top-level class. */
    public String qualifiedName() {
        return "oracle." + name;
    }

    static TemplateSource read(Path file) {
        try {
            String text = Files.readString(file, StandardCharsets.UTF_8);
            String fileName = file.getFileName().toString();
            List<String> shapes = new ArrayList<>();
            Matcher m = SHAPE.matcher(text);
            while (m.find()) {
                shapes.add(m.group(1));
            }
            return new TemplateSource(fileName.substring(0, fileName.length() - 5), text, shapes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Path directory() {
        // A marker resource next to the templates: the directory itself is not a resource in jars.
        URL marker = TemplateSource.class.getClassLoader().getResource("oracle/PENDING.txt");
        if (marker == null) throw new IllegalStateException("oracle/PENDING.txt not on the test classpath");
        try {
            return Path.of(marker.toURI()).getParent();
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }
}
