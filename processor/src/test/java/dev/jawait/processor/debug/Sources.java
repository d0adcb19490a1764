package dev.jawait.processor.debug;

/** Line numbers of marker comments in template sources, so tests never hard-code lines. */
final class Sources {
    private Sources() {}

    /** The 1-based line of the only line of {@code source} containing {@code marker}. */
    static int lineOf(String source, String marker) {
        String[] lines = source.split("\n", -1);
        int found = -1;
        for (int i = 0; i < lines.length; i++) {
            if (lines[i].contains(marker)) {
                if (found >= 0) {
                    throw new AssertionError("marker " + marker + " appears twice");
                }
                found = i + 1;
            }
        }
        if (found < 0) {
            throw new AssertionError("no marker " + marker);
        }
        return found;
    }
}
