package dev.jawait.bench.compile;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Writes Java sources holding a given number of {@code @Async} methods of typical size (10–20
 * lines, 2–4 awaits, loops, branches, try/finally, a switch), spread over classes of
 * {@code methodsPerClass} methods, for timing javac with and without the jawait processor.
 * The templates await only plain futures (no companions), so they also compile with
 * {@code -proc:none}, which is the baseline.
 *
 * <pre>{@code
 * List<Path> files = AsyncSourceGenerator.write(dir, 1000, 50);   // 20 files, 1,000 methods
 * }</pre>
 */
public final class AsyncSourceGenerator {
    /** Package of the generated sources. */
    public static final String PACKAGE = "gen";

    private AsyncSourceGenerator() {}

    /** Writes the sources under {@code root/gen/} and returns their paths. */
    public static List<Path> write(Path root, int methods, int methodsPerClass) throws IOException {
        Path dir = Files.createDirectories(root.resolve(PACKAGE));
        List<Path> files = new ArrayList<>();
        for (int c = 0; c * methodsPerClass < methods; c++) {
            int count = Math.min(methodsPerClass, methods - c * methodsPerClass);
            Path file = dir.resolve("Service" + c + ".java");
            Files.writeString(file, classSource(c, c * methodsPerClass, count));
            files.add(file);
        }
        return files;
    }

    /** The source of class {@code Service<index>} with methods numbered from {@code first}. */
    static String classSource(int index, int first, int count) {
        StringBuilder s = new StringBuilder();
        s.append("package ").append(PACKAGE).append(";\n\n")
                .append("import static dev.jawait.Await.await;\n\n")
                .append("import dev.jawait.Async;\n")
                .append("import dev.jawait.Future;\n")
                .append("import java.util.List;\n\n")
                .append("public class Service").append(index).append(" {\n")
                .append("    static Future<Integer> fetch(int key) {\n")
                .append("        return Future.ready(key * 31);\n")
                .append("    }\n\n")
                .append("    static Future<String> lookup(String name) {\n")
                .append("        return Future.ready(name.toUpperCase());\n")
                .append("    }\n");
        for (int m = first; m < first + count; m++) {
            s.append('\n').append(methodSource(m));
        }
        return s.append("}\n").toString();
    }

    /** One {@code @Async} method; four shapes in turn so the processor sees varied code. */
    static String methodSource(int m) {
        return switch (m % 4) {
            case 0 -> """
                        @Async
                        static int m%1$d(List<String> names, int limit) {
                            int total = 0;
                            for (String name : names) {
                                String resolved = await(lookup(name));
                                if (resolved.length() > limit) {
                                    continue;
                                }
                                try {
                                    int v = await(fetch(resolved.hashCode() + %1$d));
                                    total += v;
                                } finally {
                                    total ^= %1$d;
                                }
                            }
                            int extra = await(fetch(total));
                            return total + extra;
                        }
                    """.formatted(m);
            case 1 -> """
                        @Async
                        static long m%1$d(int n) {
                            long sum = 0;
                            int i = 0;
                            while (i < n) {
                                int v = await(fetch(i));
                                if (v %% 2 == 0) {
                                    sum += v;
                                } else {
                                    sum -= await(fetch(v + %1$d));
                                }
                                i++;
                            }
                            return sum;
                        }
                    """.formatted(m);
            case 2 -> """
                        @Async
                        static String m%1$d(String key, int mode) {
                            String value = await(lookup(key));
                            String result;
                            switch (mode) {
                                case 0:
                                    result = value;
                                    break;
                                case 1:
                                    result = value + await(lookup(key + %1$d));
                                    break;
                                default:
                                    int code = await(fetch(mode));
                                    result = value + code;
                            }
                            return result.isEmpty() ? "none" : result;
                        }
                    """.formatted(m);
            default -> """
                        @Async
                        static void m%1$d(List<String> out, int times) {
                            for (int i = 0; i < times; i++) {
                                String a = await(lookup("a" + i));
                                int b = await(fetch(i + %1$d));
                                try {
                                    if (b > 100) {
                                        throw new IllegalStateException("too big: " + b);
                                    }
                                    out.add(a + b);
                                } catch (IllegalStateException e) {
                                    out.add(e.getMessage());
                                }
                            }
                        }
                    """.formatted(m);
        };
    }
}
