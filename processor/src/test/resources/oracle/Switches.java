package oracle;

import static dev.jawait.Await.await;

import dev.jawait.Async;
import dev.jawait.processor.oracle.Log;
import dev.jawait.processor.oracle.Src;

/** Old-style, arrow and expression switch over ints, strings and enums, with awaits everywhere. */
public class Switches {

    enum Color { RED, GREEN, BLUE }

    @Async
    static String shapeOldSwitchSelector() {
        String r;
        switch (await(Src.i(2))) {
            case 1:
                r = "one";
                break;
            case 2:
                r = "two";
                break;
            default:
                r = "many";
        }
        return Log.add(r);
    }

    @Async
    static String shapeOldSwitchFallthrough() {
        StringBuilder out = new StringBuilder();
        switch (await(Src.i(1))) {
            case 0:
                out.append("zero");
            case 1:
                out.append(await(Src.s("one")));
            case 2:
                out.append(Log.add("two"));
                out.append(await(Src.s("+")));
            case 3:
                out.append("three");
                break;
            case 4:
                out.append("four");
        }
        return out.toString();
    }

    @Async
    static String shapeOldSwitchDefaultInMiddle() {
        StringBuilder out = new StringBuilder();
        for (int k = 0; k < 4; k++) {
            switch (await(Src.i(k))) {
                case 0:
                    out.append('a');
                    break;
                default:
                    out.append(await(Src.s("d")));
                case 2:
                    out.append('c');
                    break;
            }
        }
        return out.toString();
    }

    @Async
    static String shapeOldSwitchNoMatchNoDefault() {
        switch (await(Src.i(9))) {
            case 1:
                Log.add("one");
                break;
            case 2:
                Log.add("two");
        }
        return Log.add("after");
    }

    @Async
    static String shapeSwitchOnString() {
        String r = "";
        for (String key : new String[] {"alpha", "beta", "gamma"}) {
            switch (await(Src.s(key))) {
                case "alpha":
                    r += await(Src.i(1));
                    break;
                case "beta":
                    r += "b";
                    break;
                default:
                    r += "?";
            }
        }
        return r;
    }

    @Async
    static String shapeSwitchOnEnum() {
        StringBuilder out = new StringBuilder();
        for (Color c : Color.values()) {
            switch (await(Src.v(c))) {
                case RED:
                    out.append("r");
                    break;
                case GREEN:
                    out.append(await(Src.s("g")));
                    break;
                default:
                    out.append("other");
            }
        }
        return out.toString();
    }

    @Async
    static String shapeArrowSwitchStatement() {
        StringBuilder out = new StringBuilder();
        for (int k = 0; k < 4; k++) {
            switch (await(Src.i(k))) {
                case 0 -> out.append("zero");
                case 1, 2 -> {
                    out.append(await(Src.s("small")));
                    out.append(k);
                }
                default -> Log.add("default " + k);
            }
        }
        return out.toString();
    }

    @Async
    static int shapeSwitchExpressionArrow() {
        int total = 0;
        for (int k = 0; k < 3; k++) {
            total += switch (k) {
                case 0 -> await(Src.i(10));
                case 1 -> Log.i("one", 1) + await(Src.i(20));
                default -> 3;
            };
        }
        return total;
    }

    @Async
    static String shapeSwitchExpressionYield() {
        String r = switch (await(Src.s("b"))) {
            case "a":
                yield "A";
            case "b":
                Log.add("in b");
                String t = await(Src.s("B"));
                yield t + await(Src.s("!"));
            default:
                yield "?";
        };
        return r;
    }

    @Async
    static String shapeSwitchExpressionBlockYield() {
        Color c = await(Src.v(Color.BLUE));
        String r = switch (c) {
            case RED -> "red";
            case GREEN -> {
                Log.add("green");
                yield "green";
            }
            case BLUE -> {
                int n = await(Src.i(3));
                Log.i("blue n", n);
                yield "blue" + n;
            }
        };
        return r;
    }

    @Async
    static int shapeSwitchExpressionAsOperand() {
        int k = await(Src.i(1));
        return 100 + switch (k) {
            case 0 -> 0;
            case 1 -> await(Src.i(5)) * 2;
            default -> -1;
        } + await(Src.i(1));
    }

    @Async
    static String shapeSwitchExpressionAsArgument() {
        return Log.v("arg", String.valueOf(switch (await(Src.s("x"))) {
            case "x" -> await(Src.i(1)) + 1;
            default -> 0;
        }));
    }

    @Async
    static String shapeSwitchInsideLoopWithBreakAndContinue() {
        StringBuilder out = new StringBuilder();
        loop:
        for (int k = 0; k < 6; k++) {
            switch (await(Src.i(k % 3))) {
                case 0:
                    continue loop;
                case 1:
                    out.append(k);
                    break;
                default:
                    if (k > 4) break loop;
                    out.append('-');
            }
            out.append(await(Src.s(".")));
        }
        return out.toString();
    }

    @Async
    static String shapeSwitchWithThrowingCase() {
        try {
            switch (await(Src.i(2))) {
                case 1 -> Log.add("one");
                case 2 -> throw new IllegalArgumentException("two:" + await(Src.s("x")));
                default -> Log.add("other");
            }
        } catch (IllegalArgumentException e) {
            return Log.add("caught " + e.getMessage());
        }
        return "no";
    }

    @Async
    static String shapeNestedSwitches() {
        StringBuilder out = new StringBuilder();
        for (Color c : new Color[] {Color.RED, Color.BLUE}) {
            switch (c) {
                case RED -> {
                    switch (await(Src.s("in"))) {
                        case "in" -> out.append(await(Src.s("inner")));
                        default -> out.append("?");
                    }
                }
                default -> out.append(switch (await(Src.i(2))) {
                    case 2 -> "two";
                    default -> "other";
                });
            }
        }
        return out.toString();
    }

    @Async
    static int shapeSwitchOnCharAndLocalsInCases() {
        int sum = 0;
        for (char ch : "abc".toCharArray()) {
            switch (await(Src.v(ch))) {
                case 'a': {
                    int local = await(Src.i(1));
                    sum += local;
                    break;
                }
                case 'b': {
                    String local = await(Src.s("22"));
                    sum += Integer.parseInt(local);
                    break;
                }
                default:
                    sum += 300;
            }
        }
        return sum;
    }

    @Async
    static String shapeSwitchReturnFromCase() {
        switch (await(Src.i(3))) {
            case 3:
                return Log.add("three " + await(Src.s("!")));
            default:
                return "other";
        }
    }

    @Async
    static String shapeYieldFromTryFinallyInSwitchExpression() {
        StringBuilder out = new StringBuilder();
        for (int k = 0; k < 3; k++) {
            String r = switch (await(Src.i(k))) {
                case 1 -> {
                    try {
                        if (k > 5) throw new IllegalStateException("never");
                        yield await(Src.s("a"));
                    } finally {
                        Log.add("fin " + await(Src.s("f")));
                    }
                }
                case 2 -> {
                    try {
                        throw new IllegalArgumentException("two");
                    } catch (IllegalArgumentException e) {
                        yield "caught " + await(Src.s(e.getMessage()));
                    }
                }
                default -> "d";
            };
            out.append(r).append(';');
        }
        return out.toString();
    }

    @Async
    static String shapeSwitchExpressionCaseThrowsWithAwait() {
        try {
            int v = switch (await(Src.s("bad"))) {
                case "good" -> 1;
                default -> throw new IllegalStateException("unknown " + await(Src.s("key")));
            };
            return "v" + v;
        } catch (IllegalStateException e) {
            return Log.add(e.getMessage());
        }
    }
}
