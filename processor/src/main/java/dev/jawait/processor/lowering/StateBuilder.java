package dev.jawait.processor.lowering;

import dev.jawait.processor.emission.Code;
import java.util.ArrayList;
import java.util.List;

/**
 * Collects the numbered states of a lowered body. Code is appended to the current (open) state;
 * {@link #mark} starts a new state (falling into it from an open one), {@link #close} ends a state
 * after a jump, return or throw. Every state remembers the exception region it belongs to, so the
 * driver loop can send a failure to the right catch or finally.
 *
 * <pre>{@code
 * int loopTop = states.newState();
 * states.mark(loopTop);
 * states.emit(Code.of("i++;\n"));
 * states.jump(loopTop);
 * }</pre>
 */
public final class StateBuilder {
    /** One {@code case N:} of the generated switch. */
    public static final class State {
        public final int number;
        public final Region region;
        public final Code code = new Code();
        /** Whether control falls off this state's code into the next state in order. */
        public boolean fallsThrough;
        long lastLine = -1;
        String pendingComment;

        State(int number, Region region) {
            this.number = number;
            this.region = region;
        }
    }

    private final List<State> states = new ArrayList<>();
    private final List<State> trailing = new ArrayList<>();
    private State current;
    private Region region;
    private int next = 1;

    public StateBuilder() {
        current = new State(0, null);
        states.add(current);
    }

    public int newState() {
        return next++;
    }

    public Region region() {
        return region;
    }

    public void setRegion(Region r) {
        region = r;
    }

    public boolean isOpen() {
        return current != null;
    }

    /**
     * Starts state {@code number} here. An open current state falls through into it (the
     * writer emits the states in this order, so no dispatch is needed); {@code state} is only
     * written when the exception region changes, since the failure handler reads it.
     */
    public void mark(int number) {
        if (current != null) {
            if (current.region != region) {
                current.code.add(Code.of("state = " + ref(number) + ";\n"));
            }
            current.fallsThrough = true;
        }
        current = new State(number, region);
        states.add(current);
    }

    public void emit(Code code) {
        if (current == null) {
            // code after a jump: javac-unreachable in the template, still give it a state
            current = new State(newState(), region);
            states.add(current);
        }
        if (current.pendingComment != null) {
            current.code.text(current.pendingComment);
            current.pendingComment = null;
        }
        current.code.add(code);
    }

    public void jump(int number) {
        emit(goTo(number, false));
        close();
    }

    public void close() {
        current = null;
    }

    /** Emits a {@code // File.java:42} comment when the line changes within the current state. */
    public void comment(String location, long line) {
        if (current != null && current.lastLine == line) {
            return;
        }
        current.pendingComment = "// " + location + "\n";   // written with the next code, so never doubled
        current.lastLine = line;
    }

    /** A state that is not reached by falling through (trampolines, the shared return). */
    public State addTrailing(int number, Region r) {
        State s = new State(number, r);
        trailing.add(s);
        return s;
    }

    public List<State> states() {
        List<State> all = new ArrayList<>(states);
        all.addAll(trailing);
        return all;
    }

    /** A state number in emitted text; the writer renumbers states in source order. */
    public static String ref(int number) {
        return "\u0001" + number + "\u0002";
    }

    /** {@code state = n; continue;} — labelled when it may stand inside copied loops. */
    public static Code goTo(int number, boolean labelled) {
        return Code.of("state = " + ref(number) + ";\ncontinue" + (labelled ? " dispatch" : "") + ";\n");
    }
}
