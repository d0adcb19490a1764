package dev.jawait.processor.front;

import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;
import java.util.StringJoiner;

/**
 * The async lints: code that compiles and runs, but misbehaves in an {@code @Async} method.
 * Each is reported as a javac warning at the offending position (so {@code -Werror} makes it
 * fatal) and is switched with the processor option {@code -Ajawait.lint=...}: a comma-separated
 * list read left to right from "all on", where {@code all} and {@code none} switch every lint,
 * a name switches one on and {@code -name} switches it off.
 *
 * <pre>{@code
 * javac -Ajawait.lint=-blocking,-lock ...      // only the cancellation lint
 * javac -Ajawait.lint=none,cancellation ...    // the same
 * Set<Lint> on = Lint.parse("all,-lock", unknown -> warn(unknown));
 * }</pre>
 */
public enum Lint {
    /** A known blocking call (Thread.sleep, Future.get, ...) in an @Async body: it stalls a runtime worker. */
    BLOCKING("blocking"),
    /** A java.util.concurrent.locks.Lock locked before an await and unlocked after it. */
    LOCK("lock"),
    /** A catch that swallows the CancellationException of an await it surrounds. */
    CANCELLATION("cancellation");

    /** The processor option that switches the lints. */
    public static final String OPTION = "jawait.lint";

    /** The name in {@code -Ajawait.lint} and in the warnings ({@code [blocking]}). */
    public final String option;

    Lint(String option) {
        this.option = option;
    }

    /**
     * The lints {@code value} (the option's value, {@code null} when not given) switches on;
     * {@code unknown} receives each entry it does not understand.
     *
     * @param value the option's value, e.g. {@code "all,-lock"}, or {@code null}
     * @param unknown called with each entry that names no lint
     * @return the lints switched on
     */
    public static Set<Lint> parse(String value, java.util.function.Consumer<String> unknown) {
        Set<Lint> on = EnumSet.allOf(Lint.class);
        if (value == null) {
            return on;
        }
        for (String raw : value.split(",")) {
            String entry = raw.trim().toLowerCase(Locale.ROOT);
            if (entry.isEmpty()) {
                continue;
            }
            boolean off = entry.startsWith("-");
            String name = off ? entry.substring(1) : entry;
            if (name.equals("all") || name.equals("none")) {
                if (name.equals("all") != off) {
                    on.addAll(EnumSet.allOf(Lint.class));
                } else {
                    on.clear();
                }
                continue;
            }
            Lint lint = byOption(name);
            if (lint == null) {
                unknown.accept(raw.trim());
            } else if (off) {
                on.remove(lint);
            } else {
                on.add(lint);
            }
        }
        return on;
    }

    private static Lint byOption(String name) {
        for (Lint l : values()) {
            if (l.option.equals(name)) {
                return l;
            }
        }
        return null;
    }

    /**
     * {@code blocking, lock, cancellation}: for messages.
     *
     * @return the lint names, comma-separated
     */
    public static String names() {
        StringJoiner j = new StringJoiner(", ");
        for (Lint l : values()) {
            j.add(l.option);
        }
        return j.toString();
    }
}
