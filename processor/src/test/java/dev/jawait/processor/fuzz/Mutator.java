package dev.jawait.processor.fuzz;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Mutates a valid template file the ways a user's half-written code looks: a token deleted or
 * swapped, a type changed, a line deleted, duplicated or preceded by a jump, an {@code await}
 * moved into a lambda or a method reference, {@code synchronized} on the method or around its
 * body, an {@code @Async} method made static or private, an anonymous class with an
 * {@code @Async} method, a field initialiser or a constructor that awaits. Most mutants are
 * invalid Java, some valid; the processor must answer each with a clean compile or javac errors.
 *
 * <pre>{@code
 * Mutator.Mutant m = Mutator.mutate(source, "Loops", new Random(1));
 * ProcessorCompile.run("oracle.Loops", m.text(), limit);
 * }</pre>
 */
final class Mutator {
    /** The mutation operators. */
    enum Operator {
        DELETE_TOKEN, SWAP_TOKENS, CHANGE_TYPE, DELETE_LINE, DUPLICATE_LINE, INSERT_JUMP, AWAIT_INTO_LAMBDA,
        AWAIT_METHOD_REFERENCE, SYNCHRONIZED_METHOD, SYNCHRONIZED_BODY, TOGGLE_STATIC, MAKE_PRIVATE,
        ASYNC_IN_ANONYMOUS_CLASS, FIELD_INITIALISER_AWAIT, CONSTRUCTOR_AWAIT, ASYNC_CONSTRUCTOR
    }

    /**
     * @param operator    what was done
     * @param description where, for the failure message
     * @param text        the mutated source
     */
    record Mutant(Operator operator, String description, String text) {}

    private static final Pattern ASYNC = Pattern.compile("@Async\\b");
    private static final Pattern TOKEN = Pattern.compile(
            "[A-Za-z_$][\\w$]*|\\d[\\w.]*|\"(?:\\\\.|[^\"\\\\])*\"|'(?:\\\\.|[^'\\\\])*'|[-+*/%&|^!<>=]=?|\\S");
    private static final Pattern TYPE = Pattern.compile("\\b(int|long|double|boolean|char|String|var|Integer|Object|void)\\b");
    private static final String[] TYPES = {"int", "long", "double", "boolean", "char", "String", "var", "Integer", "Object", "void"};
    private static final String[] JUMPS = {"return;", "break;", "continue;", "throw new IllegalStateException(\"mutant\");", "return null;"};

    private Mutator() {}

    /** One mutant of {@code text}, whose top-level class is {@code className}. */
    static Mutant mutate(String text, String className, Random random) {
        List<int[]> bodies = asyncBodies(text);
        Operator op = Operator.values()[random.nextInt(Operator.values().length)];
        if (bodies.isEmpty()) op = Operator.DELETE_TOKEN;
        int[] body = bodies.isEmpty() ? new int[] {0, text.length()} : bodies.get(random.nextInt(bodies.size()));
        int at = text.lastIndexOf("@Async", body[0]);
        String inside = text.substring(body[0] + 1, body[1]);
        int insideStart = body[0] + 1;
        switch (op) {
            case DELETE_TOKEN, SWAP_TOKENS -> {
                List<int[]> tokens = new ArrayList<>();
                Matcher m = TOKEN.matcher(inside);
                while (m.find()) tokens.add(new int[] {insideStart + m.start(), insideStart + m.end()});
                if (tokens.size() < 2) return new Mutant(op, "nothing to change", text);
                int k = random.nextInt(tokens.size() - 1);
                int[] a = tokens.get(k);
                int[] b = tokens.get(k + 1);
                if (op == Operator.DELETE_TOKEN) {
                    return new Mutant(op, "deleted '" + text.substring(a[0], a[1]) + "' at " + line(text, a[0]), splice(text, a[0], a[1], ""));
                }
                String swapped = text.substring(b[0], b[1]) + text.substring(a[1], b[0]) + text.substring(a[0], a[1]);
                return new Mutant(op, "swapped '" + text.substring(a[0], a[1]) + "' and '" + text.substring(b[0], b[1]) + "' at "
                        + line(text, a[0]), splice(text, a[0], b[1], swapped));
            }
            case CHANGE_TYPE -> {
                // The method's signature too: from its @Async to the end of its body.
                List<int[]> types = new ArrayList<>();
                Matcher m = TYPE.matcher(text).region(at, body[1]);
                while (m.find()) types.add(new int[] {m.start(), m.end()});
                if (types.isEmpty()) return new Mutant(op, "no type", text);
                int[] t = types.get(random.nextInt(types.size()));
                String to = TYPES[random.nextInt(TYPES.length)];
                return new Mutant(op, text.substring(t[0], t[1]) + " -> " + to + " at " + line(text, t[0]), splice(text, t[0], t[1], to));
            }
            case DELETE_LINE, DUPLICATE_LINE, INSERT_JUMP -> {
                List<int[]> lines = lines(text, insideStart, body[1]);
                if (lines.isEmpty()) return new Mutant(op, "empty body", text);
                int[] l = lines.get(random.nextInt(lines.size()));
                String lineText = text.substring(l[0], l[1]);
                String replacement = switch (op) {
                    case DELETE_LINE -> "";
                    case DUPLICATE_LINE -> lineText + "\n" + lineText;
                    default -> JUMPS[random.nextInt(JUMPS.length)] + " " + lineText;
                };
                return new Mutant(op, op + " at " + line(text, l[0]) + ": " + lineText.strip(), splice(text, l[0], l[1], replacement));
            }
            case AWAIT_INTO_LAMBDA, AWAIT_METHOD_REFERENCE -> {
                int a = text.indexOf("await(", insideStart);
                if (a < 0 || a > body[1]) return new Mutant(op, "no await", text);
                int close = matching(text, a + "await".length());
                String future = text.substring(a + "await(".length(), close);
                // Type-preserving: the value is the await's, but now awaited inside a lambda (or a method reference).
                String moved = op == Operator.AWAIT_INTO_LAMBDA
                        ? "java.util.Optional.of(" + future + ").map(mutantFuture -> await(mutantFuture)).get()"
                        : "java.util.Optional.of(" + future + ").map(dev.jawait.Await::await).get()";
                return new Mutant(op, op + " at " + line(text, a), splice(text, a, close + 1, moved));
            }
            case SYNCHRONIZED_METHOD -> {
                return new Mutant(op, "synchronized @Async method at " + line(text, at), splice(text, at, at + 6, "@Async synchronized"));
            }
            case SYNCHRONIZED_BODY -> {
                String wrapped = "{ synchronized (new Object()) {" + inside + "} }";
                return new Mutant(op, "body in synchronized at " + line(text, body[0]), splice(text, body[0], body[1] + 1, wrapped));
            }
            case TOGGLE_STATIC -> {
                int end = body[0];
                String signature = text.substring(at, end);
                String toggled = signature.contains(" static ") ? signature.replaceFirst(" static ", " ") : signature.replaceFirst("@Async\\s+", "@Async static ");
                return new Mutant(op, "static toggled at " + line(text, at), splice(text, at, end, toggled));
            }
            case MAKE_PRIVATE -> {
                String signature = text.substring(at, body[0]).replaceFirst("\\b(public|protected)\\s+", "");
                return new Mutant(op, "private at " + line(text, at), splice(text, at, body[0], signature.replaceFirst("@Async\\s+", "@Async private ")));
            }
            case ASYNC_IN_ANONYMOUS_CLASS -> {
                String anonymous = "\n Object mutantAnonymous = new Object() { @Async int mutant() { return await(dev.jawait.Future.ready(1)); } };";
                return new Mutant(op, "anonymous class with @Async at " + line(text, body[0]), splice(text, insideStart, insideStart, anonymous));
            }
            default -> {
                int open = classBodyStart(text, className);
                if (open < 0) return new Mutant(op, "no class " + className, text);
                String member = switch (op) {
                    case FIELD_INITIALISER_AWAIT -> random.nextBoolean()
                            ? "\n    Object mutantField = dev.jawait.Await.await(dev.jawait.Future.ready(1));"
                            : "\n    static int mutantStatic = dev.jawait.Await.await(dev.jawait.Future.ready(2));";
                    case CONSTRUCTOR_AWAIT -> "\n    " + className + "(int mutantArg) { Object v = dev.jawait.Await.await(dev.jawait.Future.ready(mutantArg)); }";
                    default -> "\n    @Async " + className + "(long mutantArg) { Object v = dev.jawait.Await.await(dev.jawait.Future.ready(mutantArg)); }";
                };
                return new Mutant(op, op + " in " + className, splice(text, open + 1, open + 1, member));
            }
        }
    }

    /** {@code [open brace, close brace]} of every {@code @Async} method with a body. */
    static List<int[]> asyncBodies(String text) {
        List<int[]> bodies = new ArrayList<>();
        Matcher m = ASYNC.matcher(text);
        while (m.find()) {
            int i = m.end();
            int paren = text.indexOf('(', i);
            if (paren < 0) break;
            int afterParams = matching(text, paren);
            if (afterParams < 0) continue;
            int brace = text.indexOf('{', afterParams);
            int semicolon = text.indexOf(';', afterParams);
            if (brace < 0 || (semicolon >= 0 && semicolon < brace)) continue; // abstract
            int close = matching(text, brace);
            if (close > 0) bodies.add(new int[] {brace, close});
        }
        return bodies;
    }

    /** The index of the bracket closing the one at {@code open} (skipping string and char literals), or -1. */
    private static int matching(String text, int open) {
        char o = text.charAt(open);
        char c = o == '(' ? ')' : '}';
        int depth = 0;
        for (int i = open; i < text.length(); i++) {
            char ch = text.charAt(i);
            if (ch == '"' || ch == '\'') {
                for (i++; i < text.length() && text.charAt(i) != ch; i++) if (text.charAt(i) == '\\') i++;
                continue;
            }
            if (ch == o) depth++;
            if (ch == c && --depth == 0) return i;
        }
        return -1;
    }

    private static List<int[]> lines(String text, int from, int to) {
        List<int[]> lines = new ArrayList<>();
        int start = text.indexOf('\n', from) + 1;
        while (start > 0 && start < to) {
            int end = text.indexOf('\n', start);
            if (end < 0 || end > to) break;
            if (!text.substring(start, end).isBlank()) lines.add(new int[] {start, end});
            start = end + 1;
        }
        return lines;
    }

    private static int classBodyStart(String text, String className) {
        Matcher m = Pattern.compile("\\b(class|record|enum|interface)\\s+" + Pattern.quote(className) + "\\b").matcher(text);
        return m.find() ? text.indexOf('{', m.end()) : -1;
    }

    private static String splice(String text, int from, int to, String replacement) {
        return text.substring(0, from) + replacement + text.substring(to);
    }

    private static String line(String text, int offset) {
        return "line " + (text.substring(0, offset).chars().filter(ch -> ch == '\n').count() + 1);
    }
}
