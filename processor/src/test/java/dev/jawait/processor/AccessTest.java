package dev.jawait.processor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jawait.Future;
import dev.jawait.processor.testing.Compiled;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Private members through handles, local classes moved into the machine, assert with await. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class AccessTest {
    static Compiled c;

    @BeforeAll
    static void compile() {
        c = Compiled.ok("demo.Vault", """
                package demo;

                import static dev.jawait.Await.await;
                import dev.jawait.Async;
                import dev.jawait.processor.testing.Later;
                import java.util.ArrayList;
                import java.util.List;

                public class Vault {
                    private int balance = 10;
                    private static String prefix = "v:";
                    private final List<String> log = new ArrayList<>();

                    private int fee(int amount) throws java.io.IOException {
                        if (amount < 0) throw new java.io.IOException("negative");
                        return amount / 10;
                    }

                    private static <T> List<T> twice(T value) { return List.of(value, value); }

                    @Async
                    public String deposit(int amount) throws java.io.IOException {
                        balance += await(Later.of(amount)) - fee(amount);
                        balance++;
                        log.add(prefix + balance);
                        prefix = prefix + "!";
                        List<Integer> pair = twice(await(Later.of(balance)));
                        return log + " " + pair + " " + this.balance;
                    }

                    @Async
                    public static int tally(List<Integer> values) {
                        class Sum {
                            int total;
                            void add(int v) { total += v; }
                        }
                        Sum sum = new Sum();
                        for (int v : values) sum.add(await(Later.of(v)));
                        return sum.total;
                    }
                }
                """);
    }

    @Test
    void privateFieldsAndMethodsAreReachedThroughHandles() throws Throwable {
        Object vault = c.load("demo.Vault").getDeclaredConstructor().newInstance();
        Object f = c.call("demo.VaultAsync", "deposit", vault, 50);
        assertEquals("[v:56] [56, 56] 56", Compiled.run((Future<?>) f));
        String source = c.machineSource("demo.Vault", "deposit");
        assertTrue(source.contains("MethodHandles.privateLookupIn(Vault.class, MethodHandles.lookup())"), source);
        assertTrue(source.contains("private static final VarHandle BALANCE_HANDLE;"), source);
    }

    @Test
    void localClassOfAnAwaitingBlockBecomesAMemberClass() throws Throwable {
        assertEquals(6, (int) Compiled.run((Future<?>) c.call("demo.VaultAsync", "tally", List.of(1, 2, 3))));
        assertTrue(c.machineSource("demo.Vault", "tally").contains("private class Sum {"));
    }

    @Test
    void noWarningsInGeneratedCode() {
        assertEquals(List.of(), c.generatedWarnings());
    }
}
