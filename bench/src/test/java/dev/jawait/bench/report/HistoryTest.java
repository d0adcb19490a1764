package dev.jawait.bench.report;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HistoryTest {
    private static final String TARGETS = String.join("\n",
            "# comment",
            "3\tspawn\ttime\tjawaitSpawn\tforkJoin\tspeedup>=1\tspawn+join vs FJP",
            "4\tawait\talloc\tjawaitPolled\t-\tvalue<=1\t0 B per await");

    @Test
    void oneColumnPerRunOldestFirstWithVerdicts(@TempDir Path dir) throws IOException {
        Path newer = Files.writeString(dir.resolve("raw-20261124T090000Z.tsv"), String.join("\n",
                "spawn\ttime\tjawaitSpawn\t1\t80\tns/op\tlower",
                "spawn\ttime\tforkJoin\t1\t100\tns/op\tlower",
                "await\talloc\tjawaitPolled\t1\t0.05\tB/op\tlower"));
        Path older = Files.writeString(dir.resolve("raw-20261123T133514Z.tsv"), String.join("\n",
                "spawn\ttime\tjawaitSpawn\t1\t125\tns/op\tlower",
                "spawn\ttime\tforkJoin\t1\t100\tns/op\tlower"));
        History h = new History(ResultsTable.targets(List.of(TARGETS.split("\n"))), List.of(newer, older));
        String[] lines = h.markdown().split("\n");
        assertEquals("| issue | target | 2026-11-23 13:35 | 2026-11-24 09:00 |", lines[0]);
        assertEquals("| 3 | spawn+join vs FJP (speedup>=1) | 0.80× ✗ | 1.25× ✓ |", lines[2]);
        assertEquals("| 4 | 0 B per await (value<=1) | — | 0.0500 B/op ✓ |", lines[3]);
    }

    @Test
    void labelsOtherFileNamesAsTheyAre() {
        assertEquals("2026-11-23 13:35", History.label("raw-20261123T133514Z.tsv"));
        assertEquals("mine.tsv", History.label("mine.tsv"));
    }
}
