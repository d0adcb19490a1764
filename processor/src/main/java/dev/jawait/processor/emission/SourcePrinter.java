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
        /**
         * Code standing for an already evaluated expression, or {@code null}.
         *
         * @param tree an expression of the template
         * @return its code, or {@code null} to print it
         */
        Code replacement(ExpressionTree tree);

        /**
         * Replacement for a break/continue whose target lies outside the printed fragment.
         *
         * @param jump a {@code break} or {@code continue}
         * @return its code
         */
        Code jump(StatementTree jump);

        /**
         * Replacement for a {@code return} of the template (not of a lambda).
         *
         * @param tree the {@code return} statement
         * @param value its value, printed, or {@code null}
         * @return its code
         */
        Code returnStatement(ReturnTree tree, Code value);

        /**
         * Replacement for a {@code yield} whose switch expression was lowered.
         *
         * @param tree the {@code yield} statement
         * @param value its value, printed
         * @return its code
         */
        Code yieldStatement(YieldTree tree, Code value);

        /**
         * The name to print for a local variable or parameter of the template.
         *
         * @param variable the variable
         * @param insideNestedBody {@code true} inside a lambda or class of the body, where captured copies
         *     are used
         * @return the name
         */
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

    /**
     * A printer for {@code t}'s body.
     *
     * @param t the template
     * @param vars its variables and generated names
     * @param hooks how lowered parts are printed
     */
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

    /**
     * The private-member handles and bridges the printed code needs.
     *
     * @return the private access the printed code uses so far
     */
    public PrivateAccess access() {
        return access;
    }

    /**
     * Prints an expression.
     *
     * @param e an expression of the template
     * @return its code
     */
    public Code expression(ExpressionTree e) {
        return expressions.expression(e);
    }

    /**
     * Prints a statement, ending with a newline.
     *
     * @param s a statement of the template
     * @return its code
     */
    public Code statement(StatementTree s) {
        return statements.statement(s);
    }

    /**
     * Prints a type as written, with named types as JavaPoet references.
     *
     * @param type a type tree of the template
     * @return its code
     */
    public Code type(Tree type) {
        return typeTrees.type(type);
    }

    /**
     * The declared type of a local, or {@code var}.
     *
     * @param v a local variable declaration
     * @return its type's code
     */
    public Code variableType(VariableTree v) {
        return typeTrees.variableType(v);
    }

    /**
     * The labels of {@code c}, in colon form ({@code case A:}) when {@code colon}.
     *
     * @param c a case of a switch
     * @param colon {@code true} for {@code case A:}, {@code false} for {@code case A ->}
     * @return the labels' code
     */
    public Code caseLabel(CaseTree c, boolean colon) {
        return statements.caseLabel(c, colon);
    }

    /**
     * Prints a call; {@code loweredOperands} (receiver if a value, then arguments) replace its own when given.
     *
     * @param m the call
     * @param loweredOperands its lowered operands, or {@code null}
     * @return the call's code
     */
    public Code invocation(MethodInvocationTree m, List<Code> loweredOperands) {
        return expressions.invocation(m, loweredOperands);
    }

    /**
     * Prints {@code new T(args)}; {@code loweredOperands} are [enclosing?] + args when given.
     *
     * @param n the instance creation
     * @param loweredOperands its lowered operands, or {@code null}
     * @return its code
     */
    public Code newClass(NewClassTree n, List<Code> loweredOperands) {
        return expressions.newClass(n, loweredOperands);
    }

    /**
     * Prints an array creation; {@code loweredOperands} are dimensions then initializers when given.
     *
     * @param n the array creation
     * @param loweredOperands its lowered operands, or {@code null}
     * @return its code
     */
    public Code newArray(NewArrayTree n, List<Code> loweredOperands) {
        return expressions.newArray(n, loweredOperands);
    }

    /**
     * Prints {@code left op right} for the binary tree {@code b}, with the parentheses precedence needs.
     *
     * @param b the binary expression
     * @param left its left operand, printed
     * @param right its right operand, printed
     * @return its code
     */
    public Code binary(BinaryTree b, Code left, Code right) {
        return expressions.binary(b, left, right);
    }

    /**
     * Prints {@code u} with {@code operand} as its operand.
     *
     * @param u the unary expression
     * @param operand its operand, printed
     * @return its code
     */
    public Code unary(UnaryTree u, Code operand) {
        return expressions.unary(u, operand);
    }

    /**
     * {@code operand instanceof T} or a pattern, binding hoisted pattern variables to fields.
     *
     * @param i the {@code instanceof} expression
     * @param operand its operand, printed
     * @return its code
     */
    public Code instanceOf(InstanceOfTree i, Code operand) {
        return expressions.instanceOf(i, operand);
    }

    /**
     * {@code operand instanceof pattern} for a JDK 21+ case label's pattern, storing hoisted bindings to their fields.
     *
     * @param operand the selector, printed
     * @param pattern the label's pattern
     * @return the test's code
     */
    public Code patternTest(Code operand, Tree pattern) {
        return patterns.test(operand, pattern);
    }

    /**
     * {@code lhs = value} where {@code lhs} is a private field, or {@code null} if it is not one.
     *
     * @param lhs the assignment's target
     * @param receiver the field's receiver, printed, or {@code null}
     * @param value the assigned value, printed
     * @return the assignment's code, or {@code null}
     */
    public Code privateAssignment(ExpressionTree lhs, Code receiver, Code value) {
        return bridges.privateAssignment(lhs, receiver, value);
    }

    /**
     * The private field {@code field} read through its bridge on {@code receiver} ({@code null}: {@code self} or static).
     *
     * @param field the field access
     * @param receiver the receiver, printed, or {@code null}
     * @return the read's code
     */
    public Code privateRead(ExpressionTree field, Code receiver) {
        return bridges.privateRead(field, receiver);
    }

    /**
     * {@code lhs op= value} where {@code lhs} is a private field, or {@code null}.
     *
     * @param c the compound assignment
     * @param receiver the field's receiver, printed, or {@code null}
     * @param value the right operand, printed
     * @return the update's code, or {@code null}
     */
    public Code privateUpdate(CompoundAssignmentTree c, Code receiver, Code value) {
        return bridges.privateUpdate(c, receiver, value);
    }

    /**
     * {@code ++lhs}/{@code lhs--}... where {@code lhs} is a private field, or {@code null}.
     *
     * @param u the increment or decrement
     * @param receiver the field's receiver, printed, or {@code null}
     * @return the update's code, or {@code null}
     */
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

    /**
     * Prints members of {@code type} as a class body (for local classes moved to members).
     *
     * @param type the class whose members follow
     */
    public void enterClass(TypeElement type) {
        nestedDepth++;
        nestedClasses.push(type);
        jumpScopes.push(BARRIER);
        memberClassDepth++;
    }

    /** Ends the class {@link #enterClass} began. */
    public void exitClass() {
        memberClassDepth--;
        jumpScopes.pop();
        nestedClasses.pop();
        nestedDepth--;
    }

    /**
     * Whether the printer is inside a local class moved to a member class of the state machine.
     *
     * @return {@code true} inside such a class
     */
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
