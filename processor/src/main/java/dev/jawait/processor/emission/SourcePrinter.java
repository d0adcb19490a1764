package dev.jawait.processor.emission;

import com.sun.source.tree.BinaryTree;
import com.sun.source.tree.CaseTree;
import com.sun.source.tree.CompoundAssignmentTree;
import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.InstanceOfTree;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.source.tree.MethodTree;
import com.sun.source.tree.NewArrayTree;
import com.sun.source.tree.NewClassTree;
import com.sun.source.tree.ReturnTree;
import com.sun.source.tree.StatementTree;
import com.sun.source.tree.Tree;
import com.sun.source.tree.UnaryTree;
import com.sun.source.tree.VariableTree;
import com.sun.source.tree.YieldTree;
import dev.jawait.processor.analysis.Variables;
import dev.jawait.processor.front.Template;
import dev.jawait.processor.front.TemplateError;
import dev.jawait.processor.front.TemplateValidator;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javax.lang.model.element.Element;
import javax.lang.model.element.TypeElement;

/**
 * Prints template trees back to Java for the generated state machine, resolving names the way
 * the template did: instance members of the template class become {@code self.x}, static
 * members and static imports become {@code Owner.x}, types become JavaPoet type references,
 * local variables get their generated names, {@code await(...)} and spilled subexpressions are
 * replaced by their temporaries, and jumps or returns that leave the printed fragment go where
 * the lowering resolved them (the {@link Hooks}, answered by {@link MachineRenderer}).
 *
 * <p>The printing is done by parts, one per kind of tree ({@link NamePrinter},
 * {@link ExpressionPrinter}, {@link StatementPrinter}, {@link TypePrinter}, {@link ClassPrinter}),
 * with {@link Bridges} for private members; this class holds where the printer is and is what
 * the rest of the emission calls.
 *
 * <pre>{@code
 * Code c = printer.statement(tree);    // "total += n;\n", "self.log(x);\n", ...
 * }</pre>
 */
public final class SourcePrinter {

    /** What the lowering decided, for the printer: answered from the lowered machine. */
    public interface Hooks {
        /** Code standing for an already evaluated expression, or {@code null}. */
        Code replacement(ExpressionTree tree);

        /** Replacement for a break/continue whose target lies outside the printed fragment. */
        Code jump(StatementTree jump);

        /** Replacement for a {@code return} of the template (not of a lambda). */
        Code returnStatement(ReturnTree tree, Code value);

        /** Replacement for a {@code yield} whose switch expression was lowered. */
        Code yieldStatement(YieldTree tree, Code value);

        /** The name to print for a local variable or parameter of the template. */
        String variable(Element variable, boolean insideNestedBody);
    }

    /** A jump scope that no break, continue or yield crosses: a lambda or class body. */
    static final Object BARRIER = new Object();
    /** The jump scope of a switch expression's cases: yield stays inside. */
    static final Object SWITCH_EXPRESSION = new Object();

    final Template t;
    final Variables vars;
    final Hooks hooks;
    final PrivateAccess access;
    /** Lambdas and class bodies around the tree being printed. */
    int nestedDepth;
    /** Local classes moved to member types of the machine around the tree being printed. */
    int memberClassDepth;
    /** Classes around the tree being printed, innermost first. */
    final Deque<TypeElement> nestedClasses = new ArrayDeque<>();
    /** The locals each moved local class captures, and the field of it that holds each (LocalClasses). */
    final Map<TypeElement, Map<Element, String>> movedCaptures = new HashMap<>();
    /** Loops, switches, labelled statements, switch expressions and barriers, innermost first. */
    final Deque<Object> jumpScopes = new ArrayDeque<>();
    final NamePrinter names;
    final Bridges bridges;
    final ExpressionPrinter expressions;
    final TypePrinter typeTrees;
    final StatementPrinter statements;
    final ClassPrinter classes;
    final PatternPrinter patterns;

    public SourcePrinter(Template t, Variables vars, Hooks hooks) {
        this.t = t;
        this.vars = vars;
        this.hooks = hooks;
        this.access = new PrivateAccess(t.env.getTypeUtils());
        this.names = new NamePrinter(this);
        this.bridges = new Bridges(this);
        this.expressions = new ExpressionPrinter(this);
        this.typeTrees = new TypePrinter(this);
        this.statements = new StatementPrinter(this);
        this.classes = new ClassPrinter(this);
        this.patterns = new PatternPrinter(this);
    }

    /** The private-member handles and bridges the printed code needs. */
    public PrivateAccess access() {
        return access;
    }

    public Code expression(ExpressionTree e) {
        return expressions.expression(e);
    }

    /** Prints a statement, ending with a newline. */
    public Code statement(StatementTree s) {
        return statements.statement(s);
    }

    /** Prints a type as written, with named types as JavaPoet references. */
    public Code type(Tree type) {
        return typeTrees.type(type);
    }

    /** The declared type of a local, or {@code var}. */
    public Code variableType(VariableTree v) {
        return typeTrees.variableType(v);
    }

    /** The labels of {@code c}, in colon form ({@code case A:}) when {@code colon}. */
    public Code caseLabel(CaseTree c, boolean colon) {
        return statements.caseLabel(c, colon);
    }

    /** Prints a call; {@code loweredOperands} (receiver if a value, then arguments) replace its own when given. */
    public Code invocation(MethodInvocationTree m, List<Code> loweredOperands) {
        return expressions.invocation(m, loweredOperands);
    }

    /** Prints {@code new T(args)}; {@code loweredOperands} are [enclosing?] + args when given. */
    public Code newClass(NewClassTree n, List<Code> loweredOperands) {
        return expressions.newClass(n, loweredOperands);
    }

    /** Prints an array creation; {@code loweredOperands} are dimensions then initializers when given. */
    public Code newArray(NewArrayTree n, List<Code> loweredOperands) {
        return expressions.newArray(n, loweredOperands);
    }

    public Code binary(BinaryTree b, Code left, Code right) {
        return expressions.binary(b, left, right);
    }

    public Code unary(UnaryTree u, Code operand) {
        return expressions.unary(u, operand);
    }

    /** {@code operand instanceof T} or a pattern, binding hoisted pattern variables to fields. */
    public Code instanceOf(InstanceOfTree i, Code operand) {
        return expressions.instanceOf(i, operand);
    }

    /** {@code operand instanceof pattern} for a JDK 21+ case label's pattern, storing hoisted bindings to their fields. */
    public Code patternTest(Code operand, Tree pattern) {
        return patterns.test(operand, pattern);
    }

    /** {@code lhs = value} where {@code lhs} is a private field, or {@code null} if it is not one. */
    public Code privateAssignment(ExpressionTree lhs, Code receiver, Code value) {
        return bridges.privateAssignment(lhs, receiver, value);
    }

    /** The private field {@code field} read through its bridge on {@code receiver} ({@code null}: {@code self} or static). */
    public Code privateRead(ExpressionTree field, Code receiver) {
        return bridges.privateRead(field, receiver);
    }

    /** {@code lhs op= value} where {@code lhs} is a private field, or {@code null}. */
    public Code privateUpdate(CompoundAssignmentTree c, Code receiver, Code value) {
        return bridges.privateUpdate(c, receiver, value);
    }

    /** {@code ++lhs}/{@code lhs--}... where {@code lhs} is a private field, or {@code null}. */
    public Code privateIncrement(UnaryTree u, Code receiver) {
        return bridges.privateIncrement(u, receiver);
    }

    /** Whether {@code ctor} is a record's compact constructor: javac supplies its parameters, the source has none. */
    boolean isCompactConstructor(MethodTree ctor) {
        return classes.isCompactConstructor(ctor);
    }

    /** Whether {@code field} is the private field javac declares for a record component. */
    static boolean isComponentField(Element field) {
        return ClassPrinter.isComponentField(field);
    }

    /** Prints members of {@code type} as a class body (for local classes moved to members). */
    public void enterClass(TypeElement type) {
        nestedDepth++;
        nestedClasses.push(type);
        jumpScopes.push(BARRIER);
        memberClassDepth++;
    }

    public void exitClass() {
        memberClassDepth--;
        jumpScopes.pop();
        nestedClasses.pop();
        nestedDepth--;
    }

    /** Whether the printer is inside a local class moved to a member class of the state machine. */
    public boolean inMovedClass() {
        return memberClassDepth > 0;
    }

    /**
     * The field holding {@code variable} in the innermost moved local class being printed that
     * captures it, or {@code null}.
     */
    String capturedField(Element variable) {
        for (TypeElement c : nestedClasses) {
            String field = movedCaptures.getOrDefault(c, Map.of()).get(variable);
            if (field != null) {
                return field;
            }
        }
        return null;
    }

    TemplateError unsupported(Tree tree) {
        return new TemplateError(tree, TemplateValidator.unsupported(tree));
    }
}
