package dev.jawait.processor.front;

import com.sun.source.tree.*;
import com.sun.source.util.TreeScanner;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import javax.lang.model.element.Element;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.TypeElement;
import javax.lang.model.util.Elements;

/**
 * Validates a template's body before anything is lowered: one walk reports every misuse, each at
 * its position, and finds the suspension points ({@link AwaitSites}). The misuses: an
 * {@code await} where it cannot suspend (in a lambda, an anonymous or local class, a
 * {@code synchronized} block, or as the method reference {@code Await::await}), a direct call of another {@code @Async} template, what the
 * generated state machine cannot reach ({@link NameChecks}), constructs the compiler does not
 * handle yet, and what cannot pass the locals that a local class of a block that awaits
 * captures (it becomes a member type of the machine). The walk goes where the emission's printer goes, so a
 * template that passes is one the lowering and the emission can compile.
 *
 * <pre>{@code
 * Problems problems = new Problems(template);
 * AwaitSites sites = TemplateValidator.validate(template, problems);
 * }</pre>
 */
public final class TemplateValidator {
    /** The expression kinds the printer writes (besides unary, binary and compound assignments). */
    private static final Set<Tree.Kind> PRINTED_EXPRESSIONS = EnumSet.of(Tree.Kind.IDENTIFIER,
            Tree.Kind.MEMBER_SELECT, Tree.Kind.METHOD_INVOCATION, Tree.Kind.NEW_CLASS, Tree.Kind.NEW_ARRAY,
            Tree.Kind.PARENTHESIZED, Tree.Kind.ASSIGNMENT, Tree.Kind.CONDITIONAL_EXPRESSION, Tree.Kind.TYPE_CAST,
            Tree.Kind.INSTANCE_OF, Tree.Kind.ARRAY_ACCESS, Tree.Kind.LAMBDA_EXPRESSION, Tree.Kind.MEMBER_REFERENCE,
            Tree.Kind.NULL_LITERAL, Tree.Kind.INT_LITERAL, Tree.Kind.LONG_LITERAL, Tree.Kind.FLOAT_LITERAL,
            Tree.Kind.DOUBLE_LITERAL, Tree.Kind.BOOLEAN_LITERAL, Tree.Kind.CHAR_LITERAL, Tree.Kind.STRING_LITERAL,
            Tree.Kind.SWITCH_EXPRESSION,
            // in types and modifiers, printed as types and annotations
            Tree.Kind.ANNOTATED_TYPE, Tree.Kind.ANNOTATION, Tree.Kind.TYPE_ANNOTATION);
    private static final Set<Tree.Kind> PRINTED_STATEMENTS = EnumSet.of(Tree.Kind.BLOCK, Tree.Kind.VARIABLE,
            Tree.Kind.EXPRESSION_STATEMENT, Tree.Kind.EMPTY_STATEMENT, Tree.Kind.IF, Tree.Kind.WHILE_LOOP,
            Tree.Kind.DO_WHILE_LOOP, Tree.Kind.FOR_LOOP, Tree.Kind.ENHANCED_FOR_LOOP, Tree.Kind.LABELED_STATEMENT,
            Tree.Kind.SWITCH, Tree.Kind.BREAK, Tree.Kind.CONTINUE, Tree.Kind.RETURN, Tree.Kind.YIELD, Tree.Kind.THROW,
            Tree.Kind.TRY, Tree.Kind.SYNCHRONIZED, Tree.Kind.ASSERT, Tree.Kind.CLASS, Tree.Kind.INTERFACE,
            Tree.Kind.ENUM, Tree.Kind.RECORD);
    /** Every kind the printer writes: all but the statements and expressions it does not know. */
    private static final Set<Tree.Kind> PRINTED = EnumSet.noneOf(Tree.Kind.class);

    static {
        for (Tree.Kind kind : Tree.Kind.values()) {
            // by the kind's interface: javac's type trees are expressions, its case trees statements
            Class<? extends Tree> type = kind.asInterface();
            if (type == null) {
                continue;   // Kind.OTHER: no tree of the source
            }
            boolean printed = StatementTree.class.isAssignableFrom(type) ? PRINTED_STATEMENTS.contains(kind)
                    : !ExpressionTree.class.isAssignableFrom(type) || PRINTED_EXPRESSIONS.contains(kind)
                            || UnaryTree.class.isAssignableFrom(type) || BinaryTree.class.isAssignableFrom(type)
                            || CompoundAssignmentTree.class.isAssignableFrom(type);
            if (printed) {
                PRINTED.add(kind);
            }
        }
    }

    /** What an await may stand in: the statements and expressions the lowering splits at an await. */
    private static final Set<Tree.Kind> LOWERED = EnumSet.of(Tree.Kind.BLOCK, Tree.Kind.VARIABLE,
            Tree.Kind.EXPRESSION_STATEMENT, Tree.Kind.IF, Tree.Kind.WHILE_LOOP, Tree.Kind.DO_WHILE_LOOP,
            Tree.Kind.FOR_LOOP, Tree.Kind.ENHANCED_FOR_LOOP, Tree.Kind.LABELED_STATEMENT, Tree.Kind.SWITCH,
            Tree.Kind.RETURN, Tree.Kind.THROW, Tree.Kind.TRY, Tree.Kind.YIELD, Tree.Kind.ASSERT, Tree.Kind.SYNCHRONIZED,
            Tree.Kind.CASE, Tree.Kind.CATCH, Tree.Kind.PARENTHESIZED, Tree.Kind.METHOD_INVOCATION, Tree.Kind.NEW_CLASS,
            Tree.Kind.NEW_ARRAY, Tree.Kind.MEMBER_SELECT, Tree.Kind.ARRAY_ACCESS, Tree.Kind.CONDITIONAL_EXPRESSION,
            Tree.Kind.SWITCH_EXPRESSION, Tree.Kind.TYPE_CAST, Tree.Kind.INSTANCE_OF, Tree.Kind.MEMBER_REFERENCE,
            Tree.Kind.ASSIGNMENT);

    private final Template t;
    private final Problems problems;
    private final NameChecks names;
    private final AwaitSites sites = new AwaitSites();
    /** Local classes declared directly in a block or case: member types of the machine if that awaits. */
    private final List<ClassTree> localClasses = new ArrayList<>();

    private TemplateValidator(Template t, Problems problems) {
        this.t = t;
        this.problems = problems;
        this.names = new NameChecks(t, problems);
    }

    /**
     * Reports every misuse in {@code t}'s body to {@code problems}; the await calls where they may stand.
     *
     * @param t the template
     * @param problems where the errors go
     * @return the template's awaits
     */
    public static AwaitSites validate(Template t, Problems problems) {
        TemplateValidator v = new TemplateValidator(t, problems);
        if (t.tree.getBody() != null) {
            v.new Walk().scan(t.tree.getBody(), null);
            v.localClasses.forEach(v::checkCaptures);
        }
        return v.sites;
    }

    /**
     * The message for a construct the compiler does not handle.
     *
     * @param tree the unsupported tree
     * @return the error message
     */
    public static String unsupported(Tree tree) {
        return "jawait cannot compile this construct yet (" + tree.getKind() + ") in an @Async method";
    }

    /**
     * The message for a pattern other than a type pattern ({@code x instanceof T t}).
     *
     * @return the error message
     */
    public static String unsupportedPattern() {
        return "this pattern form is not supported in @Async methods";
    }

    /**
     * The message for a case label other than constants, enum constants and {@code default}.
     *
     * @return the error message
     */
    public static String unsupportedCaseLabel() {
        return "this case label form is not supported in @Async methods";
    }

    /** An await placed where the lowering can split: every tree between it and the body must be one it splits. */
    private void checkLowered(MethodInvocationTree await) {
        for (Tree x = t.parentOf(await); x != null && x != t.tree.getBody(); x = t.parentOf(x)) {
            boolean lowered = LOWERED.contains(x.getKind()) || x instanceof BinaryTree || x instanceof UnaryTree
                    || x instanceof CompoundAssignmentTree;
            if (!lowered) {
                String what = x.getKind().toString().toLowerCase(java.util.Locale.ROOT).replace('_', ' ');
                problems.error(x, "await inside a " + what + " is not supported");
                return;
            }
        }
    }

    /**
     * A local class moved to a member type (its block awaits) gets the locals it captures as
     * constructor arguments ({@link LocalCaptures}): what cannot pass them is reported, a class
     * extending it (its {@code super(...)} would need them) and {@code K::new}.
     */
    private void checkCaptures(ClassTree c) {
        if (!sites.contains(t.parentOf(c)) || LocalCaptures.of(t, c).isEmpty()) {
            return;
        }
        Element type = t.elementOf(c);
        String why = "local class " + c.getSimpleName() + " captures local variables in a block that awaits";
        new TreeScanner<Void, Void>() {
            @Override
            public Void visitClass(ClassTree node, Void unused) {
                Tree extended = node.getExtendsClause();
                if (extended != null && !(t.parentOf(node) instanceof NewClassTree) && type.equals(t.elementOf(extended))) {
                    problems.error(extended, why + "; a local class cannot extend it: declare "
                            + c.getSimpleName() + " as a nested class of " + t.owner.getSimpleName());
                }
                return super.visitClass(node, unused);
            }

            @Override
            public Void visitMemberReference(MemberReferenceTree node, Void unused) {
                if (node.getMode() == MemberReferenceTree.ReferenceMode.NEW
                        && type.equals(t.elementOf(node.getQualifierExpression()))) {
                    problems.error(node, why + "; write a lambda instead of " + c.getSimpleName() + "::new");
                }
                return super.visitMemberReference(node, unused);
            }
        }.scan(t.tree.getBody(), null);
    }

    /** Whether a variable's type was written (not {@code var}, not an implicit lambda parameter). */
    private boolean hasWrittenType(VariableTree v) {
        Tree type = v.getType();
        return type != null && t.trees.getSourcePositions().getStartPosition(t.unit, type) >= 0;
    }

    /** The walk, where the printer goes. */
    private final class Walk extends TreeScanner<Void, Void> {
        private int lambdaDepth;
        private int classDepth;
        private int synchronizedDepth;

        @Override
        public Void scan(Tree tree, Void unused) {
            if (tree == null || tree.getKind() == Tree.Kind.ERRONEOUS) {
                return null;
            }
            if (!PRINTED.contains(tree.getKind())) {
                problems.error(tree, unsupported(tree));
                return null;
            }
            return super.scan(tree, unused);
        }

        @Override
        public Void visitMethodInvocation(MethodInvocationTree node, Void unused) {
            Element e = t.elementOf(node);
            if (JawaitApi.isAwait(e)) {
                if (lambdaDepth > 0) {
                    problems.error(node, "await inside a lambda cannot suspend the @Async method;"
                            + " make the lambda's work an @Async method and await its companion");
                } else if (classDepth > 0) {
                    problems.error(node, "await inside an anonymous or local class cannot suspend"
                            + " the @Async method; move the code to an @Async method");
                } else if (synchronizedDepth > 0) {
                    problems.error(node, "await inside a synchronized block is not allowed:"
                            + " a monitor cannot be held across a suspension; use dev.jawait.sync.Mutex");
                } else {
                    sites.add(t, node);
                    checkLowered(node);
                }
                return scan(node.getArguments(), unused);
            }
            if (e != null && lambdaDepth == 0 && classDepth == 0 && JawaitApi.isAsyncTemplate(e)) {
                String name = e.getSimpleName().toString();
                Element owner = e.getEnclosingElement();
                String companion = owner instanceof TypeElement ? JawaitApi.companionSimpleName((TypeElement) owner)
                        : "XAsync";
                String receiver = e.getModifiers().contains(javax.lang.model.element.Modifier.STATIC) ? "" : "self, ";
                if (isSuperCall(node)) {
                    name += "_super";   // XAsync.m dispatches like this.m(); m_super runs X's own template
                    receiver = "this, ";
                }
                problems.error(node, "calling the @Async method " + name + " directly from an @Async"
                        + " method would block; write await(" + companion + "." + name + "(" + receiver + "...))");
            }
            scan(node.getTypeArguments(), unused);
            if (names.invocation(node, e)) {
                scan(((MemberSelectTree) node.getMethodSelect()).getExpression(), unused);
            }
            return scan(node.getArguments(), unused);
        }

        @Override
        public Void visitIdentifier(IdentifierTree node, Void unused) {
            names.identifier(node);
            return null;
        }

        @Override
        public Void visitMemberSelect(MemberSelectTree node, Void unused) {
            return names.memberSelect(node) ? scan(node.getExpression(), unused) : null;
        }

        @Override
        public Void visitNewClass(NewClassTree node, Void unused) {
            boolean asWritten = names.printsCreatedTypeAsWritten(node);
            scan(node.getEnclosingExpression(), unused);
            scan(node.getTypeArguments(), unused);
            if (asWritten) {
                scan(node.getIdentifier(), unused);
            } else if (node.getIdentifier() instanceof ParameterizedTypeTree) {
                scan(((ParameterizedTypeTree) node.getIdentifier()).getTypeArguments(), unused);
            }
            scan(node.getArguments(), unused);
            if (node.getClassBody() != null) {
                classBody(node.getClassBody());
            }
            return null;
        }

        @Override
        public Void visitNewArray(NewArrayTree node, Void unused) {
            scan(node.getType(), unused);
            scan(node.getDimensions(), unused);
            return scan(node.getInitializers(), unused);
        }

        @Override
        public Void visitMemberReference(MemberReferenceTree node, Void unused) {
            if (JawaitApi.isAwait(t.elementOf(node))) {
                // its calls are not suspension points: they would block the worker, or throw on one
                problems.error(node, "Await::await as a method reference cannot suspend the @Async method;"
                        + " call await(...) where the future is, or await each one in a loop");
                return null;
            }
            if (names.memberReference(node)) {
                scan(node.getQualifierExpression(), unused);
                scan(node.getTypeArguments(), unused);
            }
            return null;
        }

        @Override
        public Void visitLambdaExpression(LambdaExpressionTree node, Void unused) {
            List<? extends VariableTree> params = node.getParameters();
            if (!params.isEmpty() && hasWrittenType(params.get(0))) {
                params.forEach(this::variableType);
            }
            lambdaDepth++;
            try {
                return scan(node.getBody(), unused);
            } finally {
                lambdaDepth--;
            }
        }

        @Override
        public Void visitSynchronized(SynchronizedTree node, Void unused) {
            scan(node.getExpression(), unused);
            synchronizedDepth++;
            try {
                return scan(node.getBlock(), unused);
            } finally {
                synchronizedDepth--;
            }
        }

        @Override
        public Void visitInstanceOf(InstanceOfTree node, Void unused) {
            scan(node.getExpression(), unused);
            Tree pattern = node.getPattern();
            if (pattern == null) {
                return scan(node.getType(), unused);
            }
            if (pattern instanceof BindingPatternTree) {
                return scan(((BindingPatternTree) pattern).getVariable().getType(), unused);
            }
            pattern(pattern);
            return null;
        }

        /** A pattern of a JDK 21+ case label or {@code instanceof}: the types it names, as written. */
        private void pattern(Tree pattern) {
            PatternTrees.PatternForm form = PatternTrees.formOf(pattern);
            if (form == null) {
                problems.error(pattern, unsupportedPattern());
            } else if (form == PatternTrees.PatternForm.BINDING) {
                variableType(PatternTrees.variable(pattern));
            } else if (form == PatternTrees.PatternForm.RECORD) {
                scan(PatternTrees.deconstructor(pattern), null);
                PatternTrees.nested(pattern).forEach(this::pattern);
            }
        }

        @Override
        public Void visitCase(CaseTree node, Void unused) {
            List<PatternTrees.Label> labels = PatternTrees.labels(node);
            if (labels.isEmpty()) {
                String source = t.sourceOf(node);
                if (source != null && !source.startsWith("default")) {
                    problems.error(node, unsupportedCaseLabel());
                    return null;
                }
            }
            for (PatternTrees.Label label : labels) {
                if (label.form() == PatternTrees.Form.PATTERN) {
                    pattern(label.tree());
                    continue;
                }
                Element e = label.tree() == null ? null : t.elementOf(label.tree());
                if (!(label.tree() instanceof IdentifierTree && e != null && e.getKind() == ElementKind.ENUM_CONSTANT)) {
                    scan(label.tree(), unused);   // an enum constant is written by its simple name
                }
            }
            scan(PatternTrees.guard(node), unused);
            if (node.getCaseKind() == CaseTree.CaseKind.RULE) {
                return scan(node.getBody(), unused);
            }
            return scan(node.getStatements(), unused);
        }

        @Override
        public Void visitVariable(VariableTree node, Void unused) {
            variableType(node);   // a local's annotations are not printed
            return scan(node.getInitializer(), unused);
        }

        private void variableType(VariableTree v) {
            if (hasWrittenType(v) && !"var".equals(t.sourceOf(v.getType()))) {
                scan(v.getType(), null);
            }
        }

        @Override
        public Void visitExpressionStatement(ExpressionStatementTree node, Void unused) {
            ExpressionTree e = node.getExpression();
            boolean implicitSuper = e instanceof MethodInvocationTree
                    && ((MethodInvocationTree) e).getMethodSelect() instanceof IdentifierTree
                    && ((IdentifierTree) ((MethodInvocationTree) e).getMethodSelect()).getName().contentEquals("super")
                    && t.trees.getSourcePositions().getEndPosition(t.unit, node) < 0;
            return implicitSuper ? null : scan(e, unused);
        }

        @Override
        public Void visitAnnotatedType(AnnotatedTypeTree node, Void unused) {
            return scan(node.getUnderlyingType(), unused);
        }

        @Override
        public Void visitTypeParameter(TypeParameterTree node, Void unused) {
            return scan(node.getBounds(), unused);
        }

        @Override
        public Void visitAnnotation(AnnotationTree node, Void unused) {
            scan(node.getAnnotationType(), unused);
            for (ExpressionTree arg : node.getArguments()) {
                annotationValue(arg instanceof AssignmentTree ? ((AssignmentTree) arg).getExpression() : arg);
            }
            return null;
        }

        private void annotationValue(ExpressionTree value) {
            if (value instanceof NewArrayTree && ((NewArrayTree) value).getType() == null) {
                ((NewArrayTree) value).getInitializers().forEach(this::annotationValue);
            } else {
                scan(value, null);
            }
        }

        /** A local class, record, enum or interface declaration, or a member type of one. */
        @Override
        public Void visitClass(ClassTree node, Void unused) {
            Tree parent = t.parentOf(node);
            if (parent instanceof BlockTree || parent instanceof CaseTree) {
                localClasses.add(node);
            }
            scan(node.getModifiers(), unused);
            scan(node.getTypeParameters(), unused);
            scan(node.getExtendsClause(), unused);
            scan(node.getImplementsClause(), unused);
            return classBody(node);
        }

        private Void classBody(ClassTree c) {
            Element e = t.elementOf(c);
            if (!(e instanceof TypeElement)) {
                problems.error(c, unsupported(c));
                return null;
            }
            names.classes.push((TypeElement) e);
            classDepth++;
            try {
                for (Tree member : c.getMembers()) {
                    member(c, member);
                }
            } finally {
                classDepth--;
                names.classes.pop();
            }
            return null;
        }

        private void member(ClassTree owner, Tree member) {
            if (member instanceof VariableTree) {
                VariableTree v = (VariableTree) member;
                Element e = t.elementOf(v);
                if (e != null && e.getKind() == ElementKind.ENUM_CONSTANT) {
                    if (v.getInitializer() instanceof NewClassTree) {
                        NewClassTree constant = (NewClassTree) v.getInitializer();
                        scan(constant.getArguments(), null);
                        if (constant.getClassBody() != null) {
                            classBody(constant.getClassBody());
                        }
                    }
                    return;
                }
                scan(v.getModifiers(), null);
                scan(v.getType(), null);
                scan(v.getInitializer(), null);
            } else if (member instanceof BlockTree || member instanceof ClassTree) {
                scan(member, null);
            } else if (member instanceof MethodTree) {
                method(owner, (MethodTree) member);
            } else {
                problems.error(member, unsupported(member));
            }
        }

        private void method(ClassTree owner, MethodTree m) {
            Element e = t.elementOf(m);
            boolean ctor = m.getName().contentEquals("<init>");
            if (ctor && (owner.getSimpleName().length() == 0
                    || e != null && t.env.getElementUtils().getOrigin(e) == Elements.Origin.MANDATED)) {
                return;   // the implicit default constructor
            }
            scan(m.getModifiers(), null);
            scan(m.getTypeParameters(), null);
            scan(m.getReturnType(), null);
            for (VariableTree p : m.getParameters()) {
                if (hasWrittenType(p)) {   // a compact constructor's parameters are javac's
                    scan(p.getType(), null);
                }
            }
            scan(m.getThrows(), null);
            scan(m.getBody(), null);
        }
    }

    /** {@code super.m(...)} or {@code Iface.super.m(...)}. */
    private static boolean isSuperCall(MethodInvocationTree node) {
        if (!(node.getMethodSelect() instanceof MemberSelectTree)) {
            return false;
        }
        ExpressionTree target = ((MemberSelectTree) node.getMethodSelect()).getExpression();
        return target instanceof IdentifierTree
                ? ((IdentifierTree) target).getName().contentEquals("super")
                : target instanceof MemberSelectTree && ((MemberSelectTree) target).getIdentifier().contentEquals("super");
    }
}
