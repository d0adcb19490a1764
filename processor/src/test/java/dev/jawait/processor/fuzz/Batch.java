package dev.jawait.processor.fuzz;

import dev.jawait.processor.fuzz.ProgramGenerator.Ty;
import java.util.List;

/**
 * One compilation unit {@code fuzz.<name>} holding many generated programs, so one javac run
 * (the expensive part) serves them all. Besides the programs it declares what they use: fields
 * of every {@link Ty} on the batch class (public {@code fX}, private {@code pX}, static {@code sX},
 * private static {@code psX}) and on {@code Box} ({@code fX}, {@code pX}), arrays {@code aX} of
 * length 4, lists, a record {@code Pt}, an enum {@code Color}, receivers that log
 * ({@code self(tag)}, {@code rb(tag)}), and helper templates the programs call through the
 * companion ({@code bump}, {@code twice}: instance; {@code tag}: static) — each changes fields
 * after its own await, which is what a caller's pending await must see.
 *
 * <pre>{@code
 * String source = Batch.source("Batch0", programs);
 * }</pre>
 */
final class Batch {
    private Batch() {}

    /** The full source of {@code fuzz.<name>} with {@code programs} as its methods. */
    static String source(String name, List<Program> programs) {
        StringBuilder out = new StringBuilder();
        out.append("""
                package fuzz;

                import static dev.jawait.Await.await;

                import dev.jawait.Async;
                import dev.jawait.processor.oracle.Log;
                import dev.jawait.processor.oracle.Res;
                import dev.jawait.processor.oracle.Src;
                import java.util.ArrayList;
                import java.util.Arrays;
                import java.util.List;
                import java.util.Objects;

                """);
        out.append("public class ").append(name).append(" {\n");
        out.append("""
                    public enum Color { RED, GREEN, BLUE }

                    public record Pt(int x, String s) {}

                    public static final class Box {
                """);
        fields(out, "        public ", "f", 1);
        fields(out, "        private ", "p", 2);
        arrays(out, "        public ");
        out.append("        @Override public String toString() {\n            return \"Box\" + Arrays.asList(");
        out.append(String.join(", ", names("f"))).append(", ").append(String.join(", ", names("p")));
        for (Ty t : Ty.values()) out.append(", Arrays.toString(a").append(t.suffix).append(")");
        out.append(");\n        }\n    }\n\n");

        fields(out, "    public ", "f", 3);
        fields(out, "    private ", "p", 4);
        arrays(out, "    public ");
        out.append("    public List<Integer> li = new ArrayList<>(List.of(1, 2, 3, 4));\n");
        out.append("    public Box bx = new Box();\n");
        for (Ty t : Ty.values()) out.append("    public static ").append(t.java).append(" s").append(t.suffix).append(";\n");
        for (Ty t : Ty.values()) out.append("    private static ").append(t.java).append(" ps").append(t.suffix).append(";\n");
        out.append("    public static List<Integer> sli;\n    public static Box sbx;\n\n");

        out.append("    /** Called by the harness before each run: static state starts the same every time. */\n");
        out.append("    public static void resetStatics() {\n");
        for (Ty t : Ty.values()) {
            out.append("        s").append(t.suffix).append(" = ").append(initial(t, 5)).append(";\n");
            out.append("        ps").append(t.suffix).append(" = ").append(initial(t, 6)).append(";\n");
        }
        out.append("        sli = new ArrayList<>(List.of(5, 6, 7, 8));\n        sbx = new Box();\n    }\n\n");
        out.append("    /** The static state after a run, compared like the receiver's fields. */\n");
        out.append("    public static String statics() {\n        return Arrays.asList(");
        for (Ty t : Ty.values()) out.append("s").append(t.suffix).append(", ps").append(t.suffix).append(", ");
        out.append("sli, sbx).toString();\n    }\n\n");

        out.append("""
                    static String why(Throwable e) {
                        // NullPointerException's helpful message names locals, which become fields in the state machine.
                        return e.getClass().getSimpleName() + (e instanceof NullPointerException ? "" : ":" + e.getMessage());
                    }

                """);
        out.append("    ").append(name).append(" self(String tag) {\n        Log.add(\"self:\" + tag);\n        return this;\n    }\n\n");
        out.append("""
                    Box rb(String tag) {
                        Log.add("rb:" + tag);
                        return bx;
                    }

                    @Async
                    int bump(int d) throws Exception {
                        Log.i("bump", d);
                        int r = await(Src.i(d));
                        pI = pI + 5;
                        fI = fI + 5;
                        sI = sI + 5;
                        psI = psI + 5;
                        bx.fI = bx.fI + 5;
                        pS = pS + "+";
                        return r;
                    }

                    @Async
                    long twice(long x) throws Exception {
                        Log.l("twice", x);
                        long r = await(Src.l(x)) * 2;
                        pL = pL + 1;
                        fL = fL + 1;
                        return r;
                    }

                    @Async
                    static String tag(String s) throws Exception {
                        String t = await(Src.s(s));
                        psS = psS + "~";
                        sS = sS + "~";
                        return t + "!";
                    }

                """);
        for (Program p : programs) out.append(p.render()).append('\n');
        return out.append("}\n").toString();
    }

    private static void fields(StringBuilder out, String modifiers, String prefix, int seed) {
        for (Ty t : Ty.values()) {
            out.append(modifiers).append(t.java).append(' ').append(prefix).append(t.suffix).append(" = ")
                    .append(initial(t, seed)).append(";\n");
        }
    }

    private static void arrays(StringBuilder out, String modifiers) {
        for (Ty t : Ty.values()) {
            out.append(modifiers).append(t.java).append("[] a").append(t.suffix).append(" = {");
            for (int i = 0; i < 4; i++) out.append(i == 0 ? "" : ", ").append(initial(t, i + 1));
            out.append("};\n");
        }
    }

    private static List<String> names(String prefix) {
        return java.util.Arrays.stream(Ty.values()).map(t -> prefix + t.suffix).toList();
    }

    /** A distinct starting value per field ({@code seed}); boxed fields start null on odd seeds. */
    private static String initial(Ty t, int seed) {
        return switch (t) {
            case INT -> String.valueOf(seed * 3);
            case LONG -> seed * 100 + "L";
            case DOUBLE -> seed + ".5";
            case CHAR -> "'" + (char) ('k' + seed) + "'";
            case STRING -> "\"" + (char) ('k' + seed) + "\"";
            case BOXED -> seed % 2 == 1 ? "null" : "Integer.valueOf(" + seed + ")";
            case BOOL -> seed % 2 == 0 ? "true" : "false";
        };
    }
}
