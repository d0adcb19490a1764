package dev.jawait.processor.lowering;

import com.palantir.javapoet.TypeName;
import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.StatementTree;
import com.sun.source.tree.Tree;
import java.util.Collections;
import java.util.List;
import java.util.Map;

/**
 * The lowering's description of one state machine, for the emission to write: its numbered
 * states (each a list of instructions, in the order they are written, with its exception
 * {@link Region}), the fields it needs besides the template's hoisted variables, and what the
 * emission needs to print the template code in its {@link Hole holes}: the lowered code that
 * stands for an awaiting condition of a copied statement ({@link #replacement}) and where each
 * {@code break}, {@code continue}, {@code yield} or {@code return} that leaves a copied statement
 * goes ({@link #exit}). Read-only once made.
 *
 * <pre>{@code
 * LoweredMachine m = Lowering.lower(template, awaits, vars, typeNames);
 * for (LoweredMachine.State s : m.states()) ... s.instructions() ...
 * }</pre>
 */
public final class LoweredMachine {
    /** One {@code case N:} of the generated switch; falls into the next state when {@link #fallsThrough}. */
    public static final class State {
        /** The state's number, its {@code case} label. */
        public final int number;
        /** The try region its code runs in (its catches and finally), or {@code null} outside any. */
        public final Region region;
        /** The state's code, in order. */
        public final List<Instruction> instructions;
        /** Whether the state ends by falling into the next one. */
        public final boolean fallsThrough;

        State(int number, Region region, List<Instruction> instructions, boolean fallsThrough) {
            this.number = number;
            this.region = region;
            this.instructions = Collections.unmodifiableList(instructions);
            this.fallsThrough = fallsThrough;
        }
    }

    /**
     * Code of a state. An instruction with a capture window ({@code >= 0}) is code of the template:
     * the copies of hoisted variables that its lambdas capture are declared just before it.
     */
    public static final class Instruction {
        /** The code. */
        public final Fragment code;
        /** The capture window of template code, or a negative number for code the lowering made. */
        public final int captureWindow;

        Instruction(Fragment code, int captureWindow) {
            this.code = code;
            this.captureWindow = captureWindow;
        }
    }

    /** A field the state machine declares besides the template's hoisted variables. */
    public static final class Field {
        /** The field's name. */
        public final String name;
        /** The field's type. */
        public final TypeName type;

        Field(String name, TypeName type) {
            this.name = name;
            this.type = type;
        }
    }

    private final List<State> states;
    private final List<Field> fields;
    private final Map<Integer, String> suspensionPoints;
    private final List<Hole> holes;
    private final int captureWindows;
    private final Map<Tree, Fragment> replacements;
    private final Map<StatementTree, Fragment> exits;

    LoweredMachine(List<State> states, List<Field> fields, Map<Integer, String> suspensionPoints, List<Hole> holes,
            int captureWindows, Map<Tree, Fragment> replacements, Map<StatementTree, Fragment> exits) {
        this.states = Collections.unmodifiableList(states);
        this.fields = Collections.unmodifiableList(fields);
        this.suspensionPoints = Collections.unmodifiableMap(suspensionPoints);
        this.holes = holes;
        this.captureWindows = captureWindows;
        this.replacements = Collections.unmodifiableMap(replacements);
        this.exits = Collections.unmodifiableMap(exits);
    }

    /**
     * The states in the order they are written: falling through goes to the next one.
     *
     * @return the states, read-only
     */
    public List<State> states() {
        return states;
    }

    /**
     * The fields the machine declares besides the hoisted variables (temporaries, finally bookkeeping).
     *
     * @return the fields, read-only
     */
    public List<Field> fields() {
        return fields;
    }

    /**
     * Resume state → template position ({@code Echo.java:42}), for {@code toString()} and task dumps.
     *
     * @return the suspension points, read-only
     */
    public Map<Integer, String> suspensionPoints() {
        return suspensionPoints;
    }

    /**
     * Every hole, in the order the lowering made them: the order to print them in.
     *
     * @return the holes
     */
    public List<Hole> holes() {
        return holes;
    }

    /**
     * The number of capture windows ({@link Hole#window}, {@link Instruction#captureWindow}).
     *
     * @return the count of capture windows
     */
    public int captureWindows() {
        return captureWindows;
    }

    /**
     * The lowered code standing for {@code tree} (an awaiting condition or selector of a copied statement), or {@code null}.
     *
     * @param tree an expression of a copied statement
     * @return its replacement, or {@code null}
     */
    public Fragment replacement(ExpressionTree tree) {
        return replacements.get(tree);
    }

    /**
     * The code of a {@code break}, {@code continue}, {@code yield} or {@code return} inside a
     * copied statement that leaves it; a value ({@code return x}, {@code yield x}) goes where the
     * fragment has {@link Fragment#SLOT}. {@code null} for a jump that stays inside.
     *
     * @param jump a jump statement of a copied statement
     * @return its code, or {@code null}
     */
    public Fragment exit(StatementTree jump) {
        return exits.get(jump);
    }
}
