package dev.jawait.processor.oracle;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * {@code oracle/PENDING.txt}: shapes the processor does not support yet, one per line as
 * {@code File.shapeName  reason} ({@code File.*} for a whole file); {@code #} starts a comment.
 * Listed shapes are reported as skipped with their reason; everything else must pass.
 *
 * <pre>{@code
 * PendingList pending = PendingList.load();
 * pending.reason("Loops", "shapeLabelledContinue").ifPresent(r -> abort(r));
 * }</pre>
 */
public final class PendingList {
    private final Map<String, String> reasons;

    private PendingList(Map<String, String> reasons) {
        this.reasons = reasons;
    }

    /** Reads {@code oracle/PENDING.txt} from the test classpath. */
    public static PendingList load() {
        Map<String, String> reasons = new LinkedHashMap<>();
        try (InputStream in = PendingList.class.getClassLoader().getResourceAsStream("oracle/PENDING.txt")) {
            if (in == null) throw new IllegalStateException("oracle/PENDING.txt missing");
            for (String raw : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                String line = raw.strip();
                if (line.isEmpty() || line.startsWith("#")) continue;
                String[] parts = line.split("\\s+", 2);
                reasons.put(parts[0], parts.length > 1 ? parts[1] : "(no reason given)");
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new PendingList(reasons);
    }

    /** Why {@code file.shape} is pending, if it is (directly or through {@code file.*}). */
    public Optional<String> reason(String file, String shape) {
        String direct = reasons.get(file + "." + shape);
        return Optional.ofNullable(direct != null ? direct : reasons.get(file + ".*"));
    }

    /** Every key listed, for checking that no entry is stale. */
    public Map<String, String> entries() {
        return reasons;
    }
}
