package dev.jawait.processor.oracle;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;

/**
 * A one-line-per-shape summary ({@code PASS}, {@code FAIL reason}, {@code PENDING reason}),
 * written next to the test classes as {@code oracle-report.txt} — surefire's reports only number
 * dynamic tests, and this is what keeping {@code PENDING.txt} honest needs.
 *
 * <pre>{@code
 * OracleReport report = new OracleReport("oracle-report.txt");
 * report.record("Loops.shapeWhile", "PASS");
 * report.write();
 * }</pre>
 */
final class OracleReport {
    private final String fileName;
    private final Map<String, String> lines = new TreeMap<>();

    OracleReport(String fileName) {
        this.fileName = fileName;
    }

    synchronized void record(String shape, String status) {
        lines.put(shape, status.replace('\n', ' ').replace('\r', ' '));
    }

    synchronized void write() {
        if (lines.isEmpty()) return;
        StringBuilder out = new StringBuilder();
        lines.forEach((shape, status) -> out.append(shape).append("  ").append(status).append('\n'));
        try {
            Path testClasses = Path.of(OracleReport.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            Files.writeString(testClasses.resolveSibling(fileName), out, StandardCharsets.UTF_8);
        } catch (Exception e) {
            System.err.println("[oracle] cannot write " + fileName + ": " + e);
        }
    }

    /** The first meaningful line of a failure, trimmed for a one-line report. */
    static String firstLine(Throwable failure) {
        String message = String.valueOf(failure.getMessage());
        String result = message.lines().map(String::strip).filter(l -> !l.isEmpty()).limit(3)
                .reduce((a, b) -> a + " | " + b).orElse(failure.getClass().getName());
        return result.length() > 400 ? result.substring(0, 400) + "…" : result;
    }
}
