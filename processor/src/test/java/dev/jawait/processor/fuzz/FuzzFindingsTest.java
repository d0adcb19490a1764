package dev.jawait.processor.fuzz;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * Programs the fuzz tests found wrong, cut down and kept once fixed, so they stay fixed without
 * depending on a seed. Each runs through the same harness ({@link Batch}, {@link DifferentialRunner}).
 *
 * <pre>{@code
 * assertSameMeaning("int", "int x = -pI + await(Src.i(1));", "return x * 1000 + pI;");
 * }</pre>
 */
class FuzzFindingsTest {
    private static final DifferentialRunner RUNNER = new DifferentialRunner();

    @AfterAll
    static void close() {
        RUNNER.close();
    }

    /** {@code -p}, {@code ~p}, {@code !p} on a private field were printed as {@code p--} (wrong value, field changed; boolean did not compile). */
    @Test
    void unaryOperatorsOnPrivateFieldsOnlyReadThem() throws Exception {
        assertSameMeaning("int", "int x = -pI + await(Src.i(1));", "return x * 1000 + pI;");
        assertSameMeaning("int", "int x = ~this.pI + await(Src.i(2)) + (+psI);", "return x * 1000 + pI + psI;");
        assertSameMeaning("String", "boolean v = !pZ && await(Src.b(true));", "return v + \":\" + pZ + -bx.pD;");
    }

    private static void assertSameMeaning(String returnType, String... statements) throws Exception {
        Code.Block body = new Code.Block();
        for (String s : statements) body.add(Code.Stmt.line(s));
        Program program = new Program("p0", false, returnType, body);
        ProcessorCompile.Result r = ProcessorCompile.run("fuzz.Finding", Batch.source("Finding", List.of(program)), Duration.ofSeconds(120));
        assertEquals(ProcessorCompile.Verdict.COMPILED, r.verdict(), () -> String.join("\n", r.errors()));
        Optional<String> difference = RUNNER.check(r.loader(), "Finding", program, DifferentialRunner.ModePlan.exhaustive());
        assertEquals(Optional.empty(), difference, () -> program.render());
    }
}
