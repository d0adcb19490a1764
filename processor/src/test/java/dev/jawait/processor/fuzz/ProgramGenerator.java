package dev.jawait.processor.fuzz;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.function.Supplier;

/**
 * Generates valid, terminating, deterministic {@code @Async} template methods over the types and
 * statements of {@link Ty} and {@link Shape}, for the members {@link Batch} declares: fields of
 * every type (public, private, static, private static) on the batch class and on {@code Box},
 * arrays, a list, a record, an enum, receivers with side effects ({@code self("k")},
 * {@code rb("k")}) and companion calls to the batch's helper templates. Every await is on a
 * {@code Src} future, so the harness decides whether it suspends or fails.
 *
 * <p>Validity by construction: locals are initialised where declared and named uniquely; jumps
 * ({@code return}, {@code break}, {@code continue}, {@code throw}) sit inside {@code if} so nothing
 * after them is unreachable; loops count with variables nothing else assigns; array indices are
 * masked to the arrays' fixed length 4. Division by zero, unboxing {@code null} and failing
 * futures are allowed: their exceptions are part of what the oracle compares.
 *
 * <pre>{@code
 * ProgramGenerator g = new ProgramGenerator(42L, Shape.enabled(""));
 * Program p = g.next("p0", "Batch0");
 * }</pre>
 */
final class ProgramGenerator {
    /** The value types expressions have; each has fields named {@code f/p/s/ps + suffix} and an array {@code a + suffix}. */
    enum Ty {
        INT("int", "Integer", "I"), LONG("long", "Long", "L"), DOUBLE("double", "Double", "D"),
        CHAR("char", "Character", "C"), STRING("String", "String", "S"), BOXED("Integer", "Integer", "B"),
        BOOL("boolean", "Boolean", "Z");

        final String java;
        final String boxed;
        final String suffix;

        Ty(String java, String boxed, String suffix) {
            this.java = java;
            this.boxed = boxed;
            this.suffix = suffix;
        }
    }

    /** A local in scope; {@code ty} null for a {@code Pt} record. */
    private record Local(String name, Ty ty, boolean array, boolean assignable) {}

    private static final String[] STRINGS = {"a", "b", "c", "ab", "x", ""};
    private static final String[] COLORS = {"RED", "GREEN", "BLUE"};

    private final Random random;
    private final Set<Shape> shapes;

    // Per program.
    private String owner;
    private boolean isStatic;
    private Ty returnType;
    private final Deque<List<Local>> scopes = new ArrayDeque<>();
    private int names;
    private int statementsLeft;
    private int loopDepth;
    private boolean breakTargetsLoop;
    /** Inside a try that has a finally (or a finally block): a return jumps through it. */
    private boolean insideFinally;
    /** A try with a finally between here and the innermost loop: a break or continue jumps through it. */
    private boolean finallySinceLoop;

    ProgramGenerator(long seed, Set<Shape> shapes) {
        this.random = new Random(seed);
        this.shapes = shapes;
    }

    /** A fresh program named {@code name} for the batch class {@code owner}. */
    Program next(String name, String owner) {
        this.owner = owner;
        isStatic = random.nextInt(5) == 0;
        returnType = pick(Ty.values());
        scopes.clear();
        scopes.push(new ArrayList<>());
        names = 0;
        statementsLeft = 5 + random.nextInt(10);
        loopDepth = 0;
        breakTargetsLoop = false;
        insideFinally = false;
        finallySinceLoop = false;
        Code.Block body = new Code.Block();
        while (statementsLeft > 0) statement(body, 0);
        body.add(Code.Stmt.line("return " + expr(returnType, 3) + ";"));
        return new Program(name, isStatic, returnType.java, body);
    }

    // ---- statements ---------------------------------------------------------------------------

    private void statement(Code.Block into, int depth) {
        statementsLeft--;
        int roll = random.nextInt(100);
        boolean nest = depth < 3 && statementsLeft > 2;
        if (roll < 18) {
            declareLocal(into);
        } else if (roll < 38) {
            into.add(Code.Stmt.line(assignment() + ";"));
        } else if (roll < 46) {
            Ty t = pick(Ty.values());
            into.add(Code.Stmt.line("Log.v(\"" + tag("e") + "\", " + expr(t, 3) + ");"));
        } else if (roll < 52 && nest) {
            ifStatement(into, depth);
        } else if (roll < 58 && nest && on(Shape.LOOPS)) {
            loop(into, depth);
        } else if (roll < 64 && nest && on(Shape.SWITCH_ON_STRINGS)) {
            stringSwitch(into, depth);
        } else if (roll < 68 && nest && on(Shape.SWITCH_ON_ENUMS)) {
            enumSwitch(into, depth);
        } else if (roll < 78 && nest && on(Shape.TRY_CATCH_FINALLY)) {
            tryStatement(into, depth);
        } else if (roll < 83 && nest && on(Shape.TRY_WITH_RESOURCES)) {
            tryWithResources(into, depth);
        } else if (roll < 86) {
            into.add(Code.Stmt.of("if (" + condition() + ") ",
                    Code.Block.of(Code.Stmt.line("throw new IllegalStateException(\"" + tag("thrown") + ":\" + "
                            + expr(pick(Ty.values()), 1) + ");"))));
        } else if (roll < 89 && (!insideFinally || on(Shape.JUMPS_THROUGH_FINALLY))) {
            into.add(Code.Stmt.of("if (" + condition() + ") ",
                    Code.Block.of(Code.Stmt.line("return " + expr(returnType, 2) + ";"))));
        } else if (roll < 93 && loopDepth > 0 && (!finallySinceLoop || on(Shape.JUMPS_THROUGH_FINALLY))) {
            String jump = random.nextBoolean() ? "continue;" : (breakTargetsLoop ? "break;" : "continue;");
            into.add(Code.Stmt.of("if (" + condition() + ") ", Code.Block.of(Code.Stmt.line(jump))));
        } else if (roll < 96 && on(Shape.LISTS)) {
            into.add(Code.Stmt.line(random.nextBoolean()
                    ? list() + ".add(" + expr(Ty.BOXED, 2) + ");"
                    : list() + ".set(" + index() + ", " + expr(Ty.BOXED, 2) + ");"));
        } else {
            into.add(Code.Stmt.line("await(Src.tick());"));
        }
    }

    private void declareLocal(Code.Block into) {
        int roll = random.nextInt(10);
        String name = fresh("v");
        if (roll == 0 && on(Shape.ARRAYS)) {
            Ty t = pick(Ty.values());
            StringBuilder init = new StringBuilder();
            for (int i = 0; i < 4; i++) init.append(i == 0 ? "" : ", ").append(expr(t, 1));
            String prefix = random.nextBoolean() ? "" : "new " + t.java + "[] ";
            into.add(Code.Stmt.line(t.java + "[] " + name + " = " + prefix + "{" + init + "};"));
            scope().add(new Local(name, t, true, false));
        } else if (roll == 1 && on(Shape.NESTED_ARRAY_INITIALISER_WITH_AWAIT)) {
            into.add(Code.Stmt.line("int[][] " + name + " = {{" + expr(Ty.INT, 1) + "}, {" + awaited(Ty.INT, literal(Ty.INT))
                    + ", " + expr(Ty.INT, 1) + "}};"));
            into.add(Code.Stmt.line("Log.v(\"" + tag("rows") + "\", Arrays.deepToString(" + name + "));"));
        } else if (roll == 2 && on(Shape.RECORDS)) {
            into.add(Code.Stmt.line("Pt " + name + " = new Pt(" + expr(Ty.INT, 2) + ", " + expr(Ty.STRING, 2) + ");"));
            scope().add(new Local(name, null, false, false));
            into.add(Code.Stmt.line("Log.v(\"" + tag("pt") + "\", " + name + ");"));
        } else {
            Ty t = pick(Ty.values());
            into.add(Code.Stmt.line(t.java + " " + name + " = " + expr(t, 3) + ";"));
            scope().add(new Local(name, t, false, true));
        }
    }

    private String assignment() {
        Ty t = pick(Ty.values());
        int roll = random.nextInt(10);
        if (roll < 3 || !on(Shape.COMPOUND_ASSIGNMENT)) {
            String rhs = expr(t, 3);
            return lhs(t, false, rhs) + " = " + rhs;
        }
        if (roll < 5 && increments(t)) {
            String target = lhs(t, true, "");
            return switch (random.nextInt(4)) {
                case 0 -> target + "++";
                case 1 -> target + "--";
                case 2 -> "++" + target;
                default -> "--" + target;
            };
        }
        return compound(t, 3);
    }

    /** {@code lhs op= rhs} for a type, with an operator and right-hand type Java accepts. */
    private String compound(Ty t, int depth) {
        String op;
        String rhs;
        switch (t) {
            case INT, LONG -> {
                op = pick(new String[] {"+=", "-=", "*=", "/=", "%=", "&=", "|=", "^=", "<<=", ">>=", ">>>="});
                Ty rt = op.contains("<") || op.contains(">") || random.nextInt(3) > 0 ? Ty.INT : pick(new Ty[] {Ty.LONG, Ty.DOUBLE, Ty.CHAR});
                if (op.equals("&=") || op.equals("|=") || op.equals("^=")) rt = rt == Ty.DOUBLE ? Ty.INT : rt;
                rhs = expr(rt, depth);
            }
            case DOUBLE -> {
                op = pick(new String[] {"+=", "-=", "*=", "/=", "%="});
                rhs = expr(pick(new Ty[] {Ty.DOUBLE, Ty.INT, Ty.LONG}), depth);
            }
            case CHAR -> {
                op = pick(new String[] {"+=", "-="});
                rhs = expr(Ty.INT, depth);
            }
            case STRING -> {
                op = "+=";
                rhs = expr(pick(Ty.values()), depth);
            }
            case BOXED -> {
                op = pick(new String[] {"+=", "-=", "*="});
                rhs = expr(Ty.INT, depth);
            }
            default -> {
                op = pick(new String[] {"&=", "|=", "^="});
                rhs = expr(Ty.BOOL, depth);
            }
        }
        if (t == Ty.BOXED && rhs.contains("await(") && !on(Shape.BOXED_COMPOUND_ASSIGNMENT_WITH_AWAIT)) {
            return lhs(t, false, rhs) + " = " + rhs;
        }
        return lhs(t, true, rhs) + " " + op + " " + rhs;
    }

    private static boolean increments(Ty t) {
        return t != Ty.STRING && t != Ty.BOOL;
    }

    private void ifStatement(Code.Block into, int depth) {
        Code.Block then = block(depth, 1 + random.nextInt(3));
        if (random.nextBoolean()) {
            into.add(Code.Stmt.of("if (" + condition() + ") ", then));
        } else {
            into.add(Code.Stmt.of("if (" + condition() + ") ", then, " else ", block(depth, 1 + random.nextInt(3))));
        }
    }

    private void loop(Code.Block into, int depth) {
        int kind = random.nextInt(3);
        int bound = 1 + random.nextInt(3);
        String items = kind == 2 ? fresh("xs") : null;
        if (kind == 2) {
            into.add(Code.Stmt.line("List<Integer> " + items + " = List.of(" + literal(Ty.INT) + ", " + literal(Ty.INT) + ");"));
        }
        if (kind != 1) scopes.push(new ArrayList<>()); // a for's variable is the loop's own
        String counter = fresh("i");
        if (kind == 1) into.add(Code.Stmt.line("int " + counter + " = 0;"));
        boolean savedBreak = breakTargetsLoop;
        boolean savedSinceLoop = finallySinceLoop;
        loopDepth++;
        breakTargetsLoop = true;
        finallySinceLoop = false; // a break or continue here stays inside any enclosing try
        Code.Block body = block(depth, 1 + random.nextInt(4));
        finallySinceLoop = savedSinceLoop;
        loopDepth--;
        breakTargetsLoop = savedBreak;
        if (kind != 1) scopes.pop();
        switch (kind) {
            case 0 -> into.add(Code.Stmt.of("for (int " + counter + " = 0; " + counter + " < " + bound + "; " + counter + "++) ", body));
            case 1 -> into.add(Code.Stmt.of("while (Log.i(\"" + tag("w") + "\", " + counter + "++) < " + bound + ") ", body));
            default -> into.add(Code.Stmt.of("for (int " + counter + " : " + items + ") ", body));
        }
    }

    private void stringSwitch(Code.Block into, int depth) {
        String selector = expr(Ty.STRING, 2);
        boolean savedBreak = breakTargetsLoop;
        breakTargetsLoop = false; // a break inside a switch leaves the switch
        List<Object> parts = new ArrayList<>();
        parts.add("switch (" + selector + ") ");
        Code.Block cases = new Code.Block();
        List<String> labels = distinct(STRINGS, 1 + random.nextInt(3));
        for (String label : labels) {
            cases.add(Code.Stmt.line("case \"" + label + "\":"));
            Code.Block body = block(depth, 1 + random.nextInt(2));
            for (Code.Stmt s : body.statements) cases.add(s);
            if (random.nextInt(4) > 0) cases.add(Code.Stmt.line("break;")); // else fall through
        }
        cases.add(Code.Stmt.line("default:"));
        for (Code.Stmt s : block(depth, 1).statements) cases.add(s);
        parts.add(cases);
        breakTargetsLoop = savedBreak;
        into.add(Code.Stmt.of(parts.toArray()));
    }

    private void enumSwitch(Code.Block into, int depth) {
        boolean savedBreak = breakTargetsLoop;
        breakTargetsLoop = false;
        Code.Block cases = new Code.Block();
        for (String label : distinct(COLORS, 1 + random.nextInt(2))) {
            cases.add(Code.Stmt.of("case " + label + " -> ", block(depth, 1 + random.nextInt(2))));
        }
        cases.add(Code.Stmt.of("default -> ", block(depth, 1)));
        breakTargetsLoop = savedBreak;
        into.add(Code.Stmt.of("switch (" + color() + ") ", cases));
    }

    private void tryStatement(Code.Block into, int depth) {
        boolean withFinally = random.nextBoolean();
        List<Object> parts = new ArrayList<>();
        boolean savedInside = insideFinally;
        boolean savedSinceLoop = finallySinceLoop;
        insideFinally |= withFinally;
        finallySinceLoop |= withFinally;
        parts.add("try ");
        parts.add(block(depth, 1 + random.nextInt(4)));
        insideFinally = savedInside;
        finallySinceLoop = savedSinceLoop;
        boolean anyCatch = !withFinally || random.nextBoolean();
        if (anyCatch) catches(parts, depth);
        if (withFinally) {
            parts.add(" finally ");
            insideFinally = true;
            finallySinceLoop = true;
            parts.add(block(depth, 1 + random.nextInt(2)));
            insideFinally = savedInside;
            finallySinceLoop = savedSinceLoop;
        }
        into.add(Code.Stmt.of(parts.toArray()));
    }

    private void catches(List<Object> parts, int depth) {
        String[] groups = {"IllegalStateException", "ArithmeticException | NullPointerException",
                "IllegalArgumentException | IndexOutOfBoundsException", "RuntimeException", "Exception"};
        int first = random.nextInt(groups.length);
        int count = 1 + random.nextInt(2);
        for (int g = first; g < groups.length && count > 0; g++, count--) {
            String e = fresh("e");
            Code.Block handler = new Code.Block();
            handler.add(Code.Stmt.line("Log.add(\"" + tag("caught") + ":\" + why(" + e + "));"));
            for (Code.Stmt s : block(depth, random.nextInt(2)).statements) handler.add(s);
            if (random.nextInt(4) == 0) {
                handler.add(Code.Stmt.of("if (" + condition() + ") ", Code.Block.of(Code.Stmt.line(random.nextBoolean()
                        ? "throw " + e + ";"
                        : "throw new IllegalStateException(\"" + tag("wrapped") + "\", " + e + ");"))));
            }
            parts.add(" catch (" + groups[g] + " " + e + ") ");
            parts.add(handler);
        }
    }

    private void tryWithResources(Code.Block into, int depth) {
        String a = fresh("r");
        String b = fresh("r");
        String first = "Res " + a + " = Res." + (random.nextBoolean() ? "open" : "failingClose") + "(\"" + a + "\" + "
                + expr(Ty.INT, 1) + ")";
        String second = "Res " + b + " = Res." + (random.nextBoolean() ? "open" : "failingClose") + "(\"" + b + "\")";
        boolean two = random.nextBoolean();
        Code.Block body = block(depth, 1 + random.nextInt(3));
        body.add(Code.Stmt.line("Log.add(" + (two && random.nextBoolean() ? b : a) + ".use(" + expr(pick(Ty.values()), 2) + "));"));
        List<Object> parts = new ArrayList<>();
        parts.add("try (" + first + (two ? "; " + second : "") + ") ");
        parts.add(body);
        if (random.nextBoolean()) catches(parts, depth);
        into.add(Code.Stmt.of(parts.toArray()));
    }

    /** A nested block with its own scope; {@code size} statements (at least one). */
    private Code.Block block(int depth, int size) {
        scopes.push(new ArrayList<>());
        Code.Block b = new Code.Block();
        for (int i = 0; i < Math.max(1, size); i++) statement(b, depth + 1);
        scopes.pop();
        return b;
    }

    // ---- left-hand sides ----------------------------------------------------------------------

    /**
     * Something assignable of type {@code t}. {@code compound} says the target is read and
     * written ({@code op=}, {@code ++}); {@code rhs} is the value it gets (to leave out shapes
     * switched off, like a private target of a right-hand side that awaits).
     */
    private String lhs(Ty t, boolean compound, String rhs) {
        boolean privateOk = on(Shape.PRIVATE_FIELD_ACCESS)
                && (!compound || rhs.isEmpty() || on(Shape.PRIVATE_COMPOUND_ASSIGNMENT));
        List<Supplier<String>> options = new ArrayList<>();
        for (Local l : visible()) {
            if (l.ty == t && l.assignable && !l.array) options.add(() -> l.name);
            if (l.ty == t && l.array) options.add(() -> l.name + "[" + index() + "]");
        }
        String s = t.suffix;
        if (!isStatic) {
            options.add(() -> "f" + s);
            options.add(() -> "this.f" + s);
            options.add(() -> "bx.f" + s);
            if (privateOk) {
                options.add(() -> "p" + s);
                options.add(() -> "this.p" + s);
                options.add(() -> "bx.p" + s);
            }
            if (on(Shape.RECEIVERS_WITH_SIDE_EFFECTS)) {
                options.add(() -> "self(\"" + tag("self") + "\").f" + s);
                options.add(() -> "rb(\"" + tag("rb") + "\").f" + s);
                options.add(() -> "await(Src.v(bx)).f" + s);
                if (privateOk) {
                    options.add(() -> "self(\"" + tag("self") + "\").p" + s);
                    options.add(() -> "rb(\"" + tag("rb") + "\").p" + s);
                    if (on(Shape.PRIVATE_FIELD_OF_AWAITED_RECEIVER)) options.add(() -> "await(Src.v(bx)).p" + s);
                }
            }
            if (on(Shape.ARRAYS)) {
                options.add(() -> "a" + s + "[" + index() + "]");
                options.add(() -> "bx.a" + s + "[" + index() + "]");
                if (on(Shape.RECEIVERS_WITH_SIDE_EFFECTS)) {
                    options.add(() -> "rb(\"" + tag("rb") + "\").a" + s + "[" + index() + "]");
                }
            }
        } else {
            options.add(() -> "sbx.f" + s);
            if (privateOk) options.add(() -> "sbx.p" + s);
            if (on(Shape.ARRAYS)) options.add(() -> "sbx.a" + s + "[" + index() + "]");
        }
        if (on(Shape.STATIC_FIELDS)) {
            options.add(() -> "s" + s);
            options.add(() -> owner + ".s" + s);
            if (privateOk) options.add(() -> "ps" + s);
        }
        return options.get(random.nextInt(options.size())).get();
    }

    // ---- expressions --------------------------------------------------------------------------

    /** An expression of type {@code t}, nested at most {@code depth} levels. */
    String expr(Ty t, int depth) {
        if (depth <= 0 || random.nextInt(10) < 3) return leaf(t);
        int roll = random.nextInt(100);
        if (roll < 10) return awaited(t, expr(t, depth - 1));
        if (roll < 16 && on(Shape.COMPOUND_ASSIGNMENT)) {
            if (increments(t) && random.nextBoolean()) {
                String target = lhs(t, true, "");
                return "(" + (random.nextBoolean() ? target + "++" : "--" + target) + ")";
            }
            return "(" + compound(t, depth - 1) + ")";
        }
        if (roll < 20) {
            String rhs = expr(t, depth - 1);
            return "(" + lhs(t, false, rhs) + " = " + rhs + ")";
        }
        if (roll < 26) return "(" + condition(depth - 1) + " ? " + expr(t, depth - 1) + " : " + expr(t, depth - 1) + ")";
        if (roll < 32 && on(Shape.SWITCH_EXPRESSIONS)) return switchExpression(t, depth);
        if (roll < 36 && on(Shape.FAILING_FUTURES)) {
            String message = "\"" + tag("f") + "\"";
            return random.nextBoolean()
                    ? "await(Src.<" + t.boxed + ">fail(new IllegalArgumentException(" + message + ")))"
                    : "await(Src.<" + t.boxed + ">failIo(" + message + "))";
        }
        if (roll < 44) return logged(t, expr(t, depth - 1));
        return switch (t) {
            case INT -> intExpr(depth);
            case LONG -> longExpr(depth);
            case DOUBLE -> doubleExpr(depth);
            case CHAR -> charExpr(depth);
            case STRING -> stringExpr(depth);
            case BOXED -> boxedExpr(depth);
            case BOOL -> condition(depth);
        };
    }

    private String intExpr(int depth) {
        return switch (random.nextInt(10)) {
            case 9 -> {
                if (!on(Shape.UNARY_OPERATORS)) yield leaf(Ty.INT);
                String operand = expr(Ty.INT, depth - 1);
                if (!on(Shape.SIGNED_OPERAND_OF_UNARY_SIGN) && (operand.startsWith("-") || operand.startsWith("+"))) {
                    operand = "(" + operand + ")";
                }
                yield "(" + pick(new String[] {"-", "~", "+"}) + " " + operand + ")";
            }
            case 0, 1, 2 -> "(" + expr(Ty.INT, depth - 1) + " " + pick(new String[] {"+", "-", "*", "/", "%", "&", "|", "^", "<<", ">>", ">>>"})
                    + " " + expr(Ty.INT, depth - 1) + ")";
            case 3 -> "(" + expr(Ty.STRING, depth - 1) + ").length()";
            case 4 -> {
                // (int) of a Long or Double would be a narrowing after unboxing, which Java forbids: unbox first.
                Ty from = pick(new Ty[] {Ty.LONG, Ty.DOUBLE, Ty.CHAR});
                yield "((int) (" + from.java + ") " + expr(from, depth - 1) + ")";
            }
            case 5 -> "((int) " + expr(Ty.BOXED, depth - 1) + ")";
            case 6 -> on(Shape.COMPANION_CALLS) && !isStatic
                    ? "await(" + owner + "Async.bump(" + receiver() + ", " + expr(Ty.INT, depth - 1) + "))"
                    : leaf(Ty.INT);
            case 7 -> on(Shape.RECORDS) && !records().isEmpty()
                    ? pick(records().toArray(new String[0])) + ".x()"
                    : "new Pt(" + expr(Ty.INT, depth - 1) + ", \"r\").x()";
            default -> on(Shape.LISTS) ? list() + ".size()" : leaf(Ty.INT);
        };
    }

    private String longExpr(int depth) {
        return switch (random.nextInt(5)) {
            case 0, 1 -> "(" + expr(Ty.LONG, depth - 1) + " " + pick(new String[] {"+", "-", "*", "/", "%", "&", "|", "^"})
                    + " " + expr(pick(new Ty[] {Ty.LONG, Ty.INT}), depth - 1) + ")";
            case 2 -> "(" + expr(Ty.LONG, depth - 1) + " " + pick(new String[] {"<<", ">>", ">>>"}) + " " + expr(Ty.INT, depth - 1) + ")";
            case 3 -> "((long) " + expr(Ty.INT, depth - 1) + ")";
            default -> on(Shape.COMPANION_CALLS) && !isStatic
                    ? "await(" + owner + "Async.twice(" + receiver() + ", " + expr(Ty.LONG, depth - 1) + "))"
                    : leaf(Ty.LONG);
        };
    }

    private String doubleExpr(int depth) {
        return switch (random.nextInt(4)) {
            case 0, 1 -> "(" + expr(Ty.DOUBLE, depth - 1) + " " + pick(new String[] {"+", "-", "*", "/"}) + " "
                    + expr(pick(new Ty[] {Ty.DOUBLE, Ty.INT, Ty.LONG}), depth - 1) + ")";
            case 2 -> "((double) " + expr(Ty.INT, depth - 1) + ")";
            default -> "Math.max(" + expr(Ty.DOUBLE, depth - 1) + ", " + expr(Ty.DOUBLE, depth - 1) + ")";
        };
    }

    private String charExpr(int depth) {
        return switch (random.nextInt(3)) {
            case 0 -> "((char) (" + expr(Ty.CHAR, depth - 1) + " + " + expr(Ty.INT, depth - 1) + " % 3))";
            case 1 -> "(\"q\" + " + expr(Ty.STRING, depth - 1) + ").charAt(0)";
            default -> "Character.toUpperCase(" + expr(Ty.CHAR, depth - 1) + ")";
        };
    }

    private String stringExpr(int depth) {
        int roll = random.nextInt(6);
        if (roll < 3 && on(Shape.STRING_CONCATENATION)) {
            StringBuilder concat = new StringBuilder("(\"").append(tag("s")).append("\"");
            int parts = 2 + random.nextInt(3);
            for (int i = 0; i < parts; i++) {
                Ty t = pick(Ty.values());
                String part = expr(t, depth - 1);
                // A bare ternary or assignment would bind looser than '+'; expr parenthesises those.
                concat.append(" + ").append(part);
            }
            return concat.append(")").toString();
        }
        return switch (roll) {
            case 3 -> on(Shape.COMPANION_CALLS) ? "await(" + owner + "Async.tag(" + expr(Ty.STRING, depth - 1) + "))" : leaf(Ty.STRING);
            case 4 -> "String.valueOf(" + expr(Ty.BOXED, depth - 1) + ")";
            default -> on(Shape.RECORDS) && !records().isEmpty()
                    ? pick(records().toArray(new String[0])) + ".s()"
                    : "(" + expr(Ty.STRING, depth - 1) + ").trim()";
        };
    }

    private String boxedExpr(int depth) {
        return switch (random.nextInt(4)) {
            case 0 -> "Integer.valueOf(" + expr(Ty.INT, depth - 1) + ")";
            case 1 -> on(Shape.LISTS) ? list() + ".get(" + index() + ")" : leaf(Ty.BOXED);
            case 2 -> on(Shape.BOXED_NULLS)
                    ? "(" + condition(depth - 1) + " ? " + expr(Ty.BOXED, depth - 1) + " : null)"
                    : leaf(Ty.BOXED);
            default -> "Integer.valueOf(" + expr(Ty.BOXED, depth - 1) + " == null ? -1 : 1)";
        };
    }

    private String condition() {
        return condition(2);
    }

    private String condition(int depth) {
        if (depth <= 0) return leaf(Ty.BOOL);
        return switch (random.nextInt(11)) {
            // (int) first: two Integers compared with == would compare references.
            case 0 -> "((int) " + expr(Ty.INT, depth - 1) + " " + pick(new String[] {"<", "<=", ">", ">=", "==", "!="}) + " " + expr(Ty.INT, depth - 1) + ")";
            case 1 -> "(" + expr(Ty.LONG, depth - 1) + " > " + expr(Ty.LONG, depth - 1) + ")";
            case 2 -> "(" + expr(Ty.DOUBLE, depth - 1) + " <= " + expr(Ty.DOUBLE, depth - 1) + ")";
            case 3 -> expr(Ty.STRING, depth - 1) + ".equals(" + expr(Ty.STRING, depth - 1) + ")";
            case 4 -> "(" + expr(Ty.BOXED, depth - 1) + " == null)";
            case 5 -> "Objects.equals(" + expr(Ty.BOXED, depth - 1) + ", " + expr(Ty.BOXED, depth - 1) + ")";
            case 6 -> on(Shape.UNARY_OPERATORS) ? "!" + expr(Ty.BOOL, depth - 1) : "(" + expr(Ty.BOOL, depth - 1) + " ^ true)";
            case 7 -> "(" + expr(Ty.BOOL, depth - 1) + " && " + expr(Ty.BOOL, depth - 1) + ")";
            case 8 -> "(" + expr(Ty.BOOL, depth - 1) + " || " + expr(Ty.BOOL, depth - 1) + ")";
            case 9 -> "(" + expr(Ty.CHAR, depth - 1) + " == 'a')";
            default -> leaf(Ty.BOOL);
        };
    }

    private String switchExpression(Ty t, int depth) {
        StringBuilder out = new StringBuilder("(switch (");
        boolean onStrings = random.nextBoolean();
        if (onStrings) {
            out.append(expr(Ty.STRING, depth - 1)).append(") {");
            for (String label : distinct(STRINGS, 1 + random.nextInt(3))) {
                out.append(" case \"").append(label).append("\" -> ").append(expr(t, depth - 1)).append(";");
            }
        } else {
            out.append(color()).append(") {");
            for (String label : distinct(COLORS, 1 + random.nextInt(2))) {
                out.append(" case ").append(label).append(" -> ").append(expr(t, depth - 1)).append(";");
            }
        }
        return out.append(" default -> ").append(expr(t, depth - 1)).append("; })").toString();
    }

    private String leaf(Ty t) {
        List<Supplier<String>> options = new ArrayList<>();
        options.add(() -> literal(t));
        options.add(() -> awaited(t, literal(t)));
        for (Local l : visible()) {
            if (l.ty == t && !l.array) options.add(() -> l.name);
            if (l.ty == t && l.array) options.add(() -> l.name + "[" + index() + "]");
        }
        String s = t.suffix;
        if (!isStatic) {
            options.add(() -> "f" + s);
            options.add(() -> "bx.f" + s);
            if (on(Shape.PRIVATE_FIELD_ACCESS)) {
                options.add(() -> "p" + s);
                options.add(() -> "this.p" + s);
                options.add(() -> "bx.p" + s);
            }
            if (on(Shape.RECEIVERS_WITH_SIDE_EFFECTS)) {
                options.add(() -> "rb(\"" + tag("rb") + "\").f" + s);
                options.add(() -> "await(Src.v(bx)).f" + s);
                if (on(Shape.PRIVATE_FIELD_ACCESS)) options.add(() -> "self(\"" + tag("self") + "\").p" + s);
                if (on(Shape.PRIVATE_FIELD_OF_AWAITED_RECEIVER)) options.add(() -> "await(Src.v(this)).p" + s);
            }
            if (on(Shape.ARRAYS)) options.add(() -> "a" + s + "[" + index(0) + "]");
        } else {
            options.add(() -> "sbx.f" + s);
            if (on(Shape.PRIVATE_FIELD_ACCESS)) options.add(() -> "sbx.p" + s);
        }
        if (on(Shape.STATIC_FIELDS)) {
            options.add(() -> "s" + s);
            if (on(Shape.PRIVATE_FIELD_ACCESS)) options.add(() -> "ps" + s);
        }
        return options.get(random.nextInt(options.size())).get();
    }

    private String literal(Ty t) {
        return switch (t) {
            case INT -> String.valueOf(random.nextInt(7) - 2);
            case LONG -> (random.nextInt(9) - 3) + "L";
            case DOUBLE -> pick(new String[] {"0.5", "1.25", "-2.0", "3.0", "1e3"});
            case CHAR -> "'" + (char) ('a' + random.nextInt(4)) + "'";
            case STRING -> "\"" + pick(STRINGS) + "\"";
            case BOXED -> on(Shape.BOXED_NULLS) && random.nextInt(3) == 0 ? "(Integer) null" : "Integer.valueOf(" + random.nextInt(5) + ")";
            case BOOL -> random.nextBoolean() ? "true" : "false";
        };
    }

    /** {@code await} of a source of type {@code t} yielding {@code value}. */
    private String awaited(Ty t, String value) {
        return switch (t) {
            case INT -> random.nextInt(3) == 0 ? "await(Src.io(" + value + "))" : "await(Src.i(" + value + "))";
            case LONG -> "await(Src.l(" + value + "))";
            case STRING -> random.nextInt(3) == 0 ? "await(Src.io(" + value + "))" : "await(Src.s(" + value + "))";
            case BOOL -> "await(Src.b(" + value + "))";
            default -> "await(Src.<" + t.boxed + ">v(" + value + "))";
        };
    }

    /** {@code value} passed through the log (its value recorded where Java evaluates it). */
    private String logged(Ty t, String value) {
        String tag = "\"" + tag("t") + "\"";
        return switch (t) {
            case INT -> "Log.i(" + tag + ", " + value + ")";
            case LONG -> "Log.l(" + tag + ", " + value + ")";
            case BOOL -> "Log.b(" + tag + ", " + value + ")";
            default -> "Log.<" + t.boxed + ">v(" + tag + ", " + value + ")";
        };
    }

    private String receiver() {
        return on(Shape.RECEIVERS_WITH_SIDE_EFFECTS) && random.nextBoolean() ? "self(\"" + tag("self") + "\")" : "this";
    }

    private String color() {
        return switch (random.nextInt(3)) {
            case 0 -> "await(Src.v(Color." + pick(COLORS) + "))";
            case 1 -> "Color.values()[Math.floorMod(" + expr(Ty.INT, 1) + ", 3)]";
            default -> "Color." + pick(COLORS);
        };
    }

    private String list() {
        return isStatic ? "sli" : pick(new String[] {"li", "this.li", "sli"});
    }

    private String index() {
        return index(1);
    }

    private String index(int depth) {
        return "(" + expr(Ty.INT, depth) + " & 3)";
    }

    // ---- bookkeeping --------------------------------------------------------------------------

    private List<Local> visible() {
        List<Local> all = new ArrayList<>();
        for (List<Local> scope : scopes) all.addAll(scope);
        return all;
    }

    private List<String> records() {
        return visible().stream().filter(l -> l.ty == null).map(Local::name).toList();
    }

    private List<Local> scope() {
        return scopes.peek();
    }

    private String fresh(String prefix) {
        String name = prefix + names++;
        if (prefix.equals("i")) scope().add(new Local(name, Ty.INT, false, false));
        return name;
    }

    private String tag(String prefix) {
        return prefix + names++;
    }

    private boolean on(Shape shape) {
        return shapes.contains(shape);
    }

    private <T> T pick(T[] options) {
        return options[random.nextInt(options.length)];
    }

    private List<String> distinct(String[] from, int count) {
        List<String> pool = new ArrayList<>(List.of(from));
        List<String> out = new ArrayList<>();
        for (int i = 0; i < count && !pool.isEmpty(); i++) out.add(pool.remove(random.nextInt(pool.size())));
        return out;
    }
}
