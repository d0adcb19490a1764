package dev.jawait.processor.lowering;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * Collects the numbered states of a lowered body (regenerator's {@code emit.js} vocabulary:
 * {@link #mark}, {@link #jump}, {@link #emit}). Code is appended to the current (open) state;
 * {@link #mark} starts a new state (falling into it from an open one), {@link #close} ends a state
 * after a jump, return or throw. Every state remembers the exception region it belongs to, so the
 * driver loop can send a failure to the right catch or finally.
 *
 * <pre>{@code
 * int loopTop = states.newState();
 * states.mark(loopTop);
 * states.emit(Fragment.of("i++;\n"));
 * states.jump(loopTop);
 * }</pre>
 */
final class StateBuilder {
    /** A state being built. */
    private static final class State {
        final int number;
        final Region region;
        final List<LoweredMachine.Instruction> code = new ArrayList<>();
        /** Whether control falls off this state's code into the next state in order. */
        boolean fallsThrough;
        long lastLine = -1;
        String pendingComment;

        State(int number, Region region) {
            this.number = number;
            this.region = region;
        }

        void add(Fragment f, int captureWindow) {
            code.add(new LoweredMachine.Instruction(f, captureWindow));
        }

        LoweredMachine.State build() {
            return new LoweredMachine.State(number, region, code, fallsThrough);
        }
    }

    private final List<State> states = new ArrayList<>();
    private final List<State> trailing = new ArrayList<>();
    private State current;
    private Region region;
    private int next = 1;

    StateBuilder() {
        current = new State(0, null);
        states.add(current);
    }

    int newState() {
        return next++;
    }

    Region region() {
        return region;
    }

    void setRegion(Region r) {
        region = r;
    }

    boolean isOpen() {
        return current != null;
    }

    /**
     * Starts state {@code number} here. An open current state falls through into it (the
     * writer emits the states in this order, so no dispatch is needed); {@code state} is only
     * written when the exception region changes, since the failure handler reads it.
     */
    void mark(int number) {
        if (current != null) {
            if (current.region != region) {
                current.add(Fragment.of("state = " + ref(number) + ";\n"), -1);
            }
            current.fallsThrough = true;
        }
        current = new State(number, region);
        states.add(current);
    }

    /** Appends code the lowering wrote. */
    void emit(Fragment code) {
        emit(code, -1);
    }

    /** Appends code with holes of template code, closing capture window {@code captureWindow}. */
    void emit(Fragment code, int captureWindow) {
        if (current == null) {
            // code after a jump: javac-unreachable in the template, still give it a state
            current = new State(newState(), region);
            states.add(current);
        }
        if (current.pendingComment != null) {
            current.add(Fragment.of(current.pendingComment), -1);
            current.pendingComment = null;
        }
        current.add(code, captureWindow);
    }

    void jump(int number) {
        emit(goTo(number, false));
        close();
    }

    void close() {
        current = null;
    }

    /** Emits a {@code // File.java:42} comment when the line changes within the current state. */
    void comment(String location, long line) {
        if (current != null && current.lastLine == line) {
            return;
        }
        current.pendingComment = "// " + location + "\n";   // written with the next code, so never doubled
        current.lastLine = line;
    }

    /**
     * Adds a state that is not reached by falling through (trampolines, the shared return), after
     * all others; its code is given to the returned consumer.
     */
    Consumer<Fragment> addTrailing(int number, Region r) {
        State s = new State(number, r);
        trailing.add(s);
        return code -> s.add(code, -1);
    }

    /** The states, in the order they are written. */
    List<LoweredMachine.State> build() {
        List<LoweredMachine.State> all = new ArrayList<>();
        states.forEach(s -> all.add(s.build()));
        trailing.forEach(s -> all.add(s.build()));
        return all;
    }

    /** A state number in emitted text; the writer renumbers states in source order. */
    public static String ref(int number) {
        return "\u0001" + number + "\u0002";
    }

    /** {@code state = n; continue;} — labelled when it may stand inside copied loops. */
    static Fragment goTo(int number, boolean labelled) {
        return Fragment.of("state = " + ref(number) + ";\ncontinue" + (labelled ? " dispatch" : "") + ";\n");
    }
}
