package dev.jawait.processor.emission;

import com.palantir.javapoet.TypeName;
import com.palantir.javapoet.TypeSpec;
import com.sun.source.tree.BinaryTree;
import com.sun.source.tree.CaseTree;
import com.sun.source.tree.ClassTree;
import com.sun.source.tree.CompoundAssignmentTree;
import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.InstanceOfTree;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.source.tree.NewArrayTree;
import com.sun.source.tree.NewClassTree;
import com.sun.source.tree.ReturnTree;
import com.sun.source.tree.StatementTree;
import com.sun.source.tree.UnaryTree;
import com.sun.source.tree.VariableTree;
import com.sun.source.tree.YieldTree;
import dev.jawait.processor.analysis.Variables;
import dev.jawait.processor.front.Template;
import dev.jawait.processor.lowering.Fragment;
import dev.jawait.processor.lowering.Hole;
import dev.jawait.processor.lowering.LoweredMachine;
import dev.jawait.processor.lowering.Region;
import dev.jawait.processor.lowering.TypeNames;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.lang.model.element.Element;

/**
 * Turns a {@link LoweredMachine} into code: prints the template code of every {@link Hole} with
 * the {@link SourcePrinter}, in the order the lowering made the holes (printing creates
 * private-member handles and names, whose order shows in the output), then assembles each
 * state's instructions. A lambda in template code that captures a hoisted variable gets a
 * {@code final} copy of it, declared just before the instruction that holds the lambda: the
 * lambda must see that iteration's value, not the field's later ones.
 *
 * <pre>{@code
 * MachineRenderer r = MachineRenderer.render(template, vars, typeNames, machine);
 * for (MachineRenderer.State s : r.states()) ... s.code ...
 * }</pre>
 */
public final class MachineRenderer implements SourcePrinter.Hooks {
    /** A state's code, ready to write. */
    public static final class State {
        /** The state's number, its {@code case} label. */
        public final int number;
        /** The try region its code runs in, or {@code null} outside any. */
        public final Region region;
        /** The state's code, the template's holes printed. */
        public final Code code;
        /** Whether the state ends by falling into the next one. */
        public final boolean fallsThrough;

        State(int number, Region region, Code code, boolean fallsThrough) {
            this.number = number;
            this.region = region;
            this.code = code;
            this.fallsThrough = fallsThrough;
        }
    }

    private final Variables vars;
    private final TypeNames typeNames;
    private final LoweredMachine machine;
    private final SourcePrinter printer;
    private final Template t;
    private final Code[] printed;
    private final List<List<Code>> captureCopies = new ArrayList<>();
    private final List<TypeSpec> memberClasses = new ArrayList<>();
    private final List<State> states = new ArrayList<>();
    private Map<Element, String> captures = new LinkedHashMap<>();
    private int window = -1;

    private MachineRenderer(Template t, Variables vars, TypeNames typeNames, LoweredMachine machine) {
        this.t = t;
        this.vars = vars;
        this.typeNames = typeNames;
        this.machine = machine;
        this.printer = new SourcePrinter(t, vars, this);
        this.printed = new Code[machine.holes().size()];
        for (int i = 0; i < machine.captureWindows(); i++) {
            captureCopies.add(new ArrayList<>());
        }
    }

    /**
     * Prints every hole of {@code machine} and puts the states' code together.
     *
     * @param t the template
     * @param vars its variables and generated names
     * @param typeNames how its types are written
     * @param machine the lowered machine
     * @return the rendered machine
     */
    public static MachineRenderer render(Template t, Variables vars, TypeNames typeNames, LoweredMachine machine) {
        MachineRenderer r = new MachineRenderer(t, vars, typeNames, machine);
        for (Hole h : machine.holes()) {
            if (h.window != r.window) {
                r.window = h.window;
                r.captures = new LinkedHashMap<>();
            }
            r.printed[h.number] = r.print(h);
        }
        for (LoweredMachine.State s : machine.states()) {
            Code code = new Code();
            for (LoweredMachine.Instruction i : s.instructions) {
                if (i.captureWindow >= 0) {
                    captured(r, i.captureWindow).forEach(code::add);
                }
                code.add(r.render(i.code, null));
            }
            r.states.add(new State(s.number, s.region, code, s.fallsThrough));
        }
        return r;
    }

    private static List<Code> captured(MachineRenderer r, int window) {
        return window < r.captureCopies.size() ? r.captureCopies.get(window) : List.of();
    }

    /**
     * The states in the order to write them.
     *
     * @return the states, read-only
     */
    public List<State> states() {
        return Collections.unmodifiableList(states);
    }

    /**
     * Local classes of awaiting blocks, moved into the state machine.
     *
     * @return the member classes, in source order
     */
    public List<TypeSpec> memberClasses() {
        return Collections.unmodifiableList(memberClasses);
    }

    /**
     * The private-member handles and bridges the printed code needs.
     *
     * @return the private access the code uses
     */
    public PrivateAccess access() {
        return printer.access();
    }

    private Code print(Hole h) {
        List<Code> ops = new ArrayList<>();
        for (Fragment op : h.operands) {
            ops.add(op == null ? null : render(op, null));
        }
        switch (h.kind) {
            case EXPRESSION:
                return printer.expression((ExpressionTree) h.tree);
            case STATEMENT:
                return printer.statement((StatementTree) h.tree);
            case TYPE:
                return printer.type(h.tree);
            case VARIABLE_TYPE:
                return printer.variableType((VariableTree) h.tree);
            case CASE_LABEL:
                return printer.caseLabel((CaseTree) h.tree, true);
            case INVOCATION:
                return printer.invocation((MethodInvocationTree) h.tree, ops);
            case NEW_CLASS:
                return printer.newClass((NewClassTree) h.tree, ops);
            case NEW_ARRAY:
                return printer.newArray((NewArrayTree) h.tree, ops);
            case BINARY:
                return printer.binary((BinaryTree) h.tree, ops.get(0), ops.get(1));
            case UNARY:
                return printer.unary((UnaryTree) h.tree, ops.get(0));
            case INSTANCE_OF:
                return printer.instanceOf((InstanceOfTree) h.tree, ops.get(0));
            case PATTERN_TEST:
                return printer.patternTest(ops.get(0), h.tree);
            case PRIVATE_ASSIGNMENT:
                return printer.privateAssignment((ExpressionTree) h.tree, ops.get(0), ops.get(1));
            case PRIVATE_READ:
                return printer.privateRead((ExpressionTree) h.tree, ops.get(0));
            case PRIVATE_UPDATE:
                return printer.privateUpdate((CompoundAssignmentTree) h.tree, ops.get(0), ops.get(1));
            case PRIVATE_INCREMENT:
                return printer.privateIncrement((UnaryTree) h.tree, ops.get(0));
            case MEMBER_CLASS:
                memberClasses.add(LocalClasses.asMember(t, printer, typeNames, (ClassTree) h.tree));
                return new Code();
            default:
                throw new IllegalStateException("unknown hole " + h);
        }
    }

    /** The code of {@code f}, with its holes printed and {@code slot} in its slot. */
    private Code render(Fragment f, Code slot) {
        Code c = new Code();
        Hole only = null;
        for (Object part : f.parts()) {
            if (part instanceof String) {
                c.text((String) part);
            } else if (part instanceof TypeName) {
                c.type((TypeName) part);
            } else if (part == Fragment.Indent.IN) {
                c.indent();
            } else if (part == Fragment.Indent.OUT) {
                c.unindent();
            } else if (part instanceof Hole) {
                only = (Hole) part;
                c.add(printed[only.number]);
            } else if (part == Fragment.SLOT) {
                c.add(slot);
            }
        }
        if (f.isAtomic() || (f.hasHoleAtomicity() && printed[only.number].hasAtomicFlag())) {
            c.atomic();
        }
        return c;
    }

    // ---------------------------------------------------------------- printer hooks

    @Override
    public Code replacement(ExpressionTree tree) {
        Fragment f = machine.replacement(tree);
        return f == null ? null : render(f, null);
    }

    @Override
    public Code jump(StatementTree jump) {
        return exit(jump, null);
    }

    @Override
    public Code returnStatement(ReturnTree tree, Code value) {
        return exit(tree, value);
    }

    @Override
    public Code yieldStatement(YieldTree tree, Code value) {
        return exit(tree, value);
    }

    private Code exit(StatementTree jump, Code value) {
        Fragment f = machine.exit(jump);
        if (f == null) {
            throw new IllegalStateException("the lowering did not resolve the " + jump.getKind() + " at "
                    + t.locationOf(jump));
        }
        return render(f, value);
    }

    @Override
    public String variable(Element variable, boolean insideNestedBody) {
        String name = vars.nameOf(variable);
        if (!insideNestedBody || !vars.isHoisted(variable) || printer.inMovedClass()) {
            return name;
        }
        // a lambda must see the value of this iteration, not the field's later values
        return captures.computeIfAbsent(variable, v -> {
            String copy = vars.claim(name + "_captured");
            Code declaration = new Code().text("final ").type(typeNames.variableType(v, vars.declarationOf(v)))
                    .text(" " + copy + " = " + name + ";\n");
            if (window < captureCopies.size()) {
                captureCopies.get(window).add(declaration);
            }
            return copy;
        });
    }
}
