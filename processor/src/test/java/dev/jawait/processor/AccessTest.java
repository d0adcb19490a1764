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

/** Private members and super calls through handles, local types moved into the machine. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class AccessTest {
    static Compiled c;

    @BeforeAll
    static void compile() {
        c = Compiled.ok("demo.Safe", """
                package demo;

                public class Safe {
                    protected String label(String s) { return "safe " + s; }
                }
                """, "demo.Vault", """
                package demo;

                import static dev.jawait.Await.await;
                import dev.jawait.Async;
                import dev.jawait.processor.testing.Later;
                import java.util.ArrayList;
                import java.util.List;

                public class Vault extends Safe {
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

                    @Override
                    protected String label(String s) { return "vault " + s; }

                    @Async
                    public String labels(List<String> names) {
                        record Entry(String name, int length) {}
                        enum Kind { SUPER, OWN }
                        interface Labeler { String label(Kind k, String s); }
                        Labeler labeler = (k, s) -> k == Kind.SUPER ? super.label(s) : label(s);
                        List<Entry> out = new ArrayList<>();
                        for (String n : names) {
                            String first = labeler.label(Kind.SUPER, await(Later.of(n)));
                            out.add(new Entry(first + "/" + labeler.label(Kind.OWN, n), n.length()));
                        }
                        return out.toString();
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
    void superCallsUseFindSpecialAndLocalTypesBecomeMembers() throws Throwable {
        Object vault = c.load("demo.Vault").getDeclaredConstructor().newInstance();
        Object f = c.call("demo.VaultAsync", "labels", vault, List.of("a", "bc"));
        assertEquals("[Entry[name=safe a/vault a, length=1], Entry[name=safe bc/vault bc, length=2]]",
                Compiled.run((Future<?>) f));
        String source = c.machineSource("demo.Vault", "labels");
        assertTrue(source.contains("lookup0.findSpecial(Vault.class.getSuperclass(), \"label\""), source);
        assertTrue(source.contains("private record Entry(String name, int length)"), source);
        assertTrue(source.contains("private enum Kind"), source);
        assertTrue(source.contains("private interface Labeler"), source);
    }

    @Test
    void noWarningsInGeneratedCode() {
        assertEquals(List.of(), c.generatedWarnings());
    }
}
