package dev.jawait.processor.front;

import com.sun.source.tree.BlockTree;
import com.sun.source.tree.ClassTree;
import com.sun.source.tree.CompilationUnitTree;
import com.sun.source.tree.ExpressionStatementTree;
import com.sun.source.tree.IdentifierTree;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.source.tree.MethodTree;
import com.sun.source.tree.StatementTree;
import com.sun.source.tree.Tree;
import com.sun.source.tree.VariableTree;
import com.sun.source.util.SourcePositions;
import com.sun.source.util.TreePath;
import com.sun.source.util.TreePathScanner;
import com.sun.source.util.Trees;
import java.io.IOException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import javax.lang.model.element.Element;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.TypeElement;
import javax.lang.model.type.DeclaredType;
import javax.lang.model.type.TypeKind;
import javax.lang.model.type.TypeMirror;
import javax.lang.model.util.ElementFilter;
import javax.tools.Diagnostic;

/**
 * Finds the code that javac (17 up to at least 25) wrongly rejects once an annotation processor
 * has attributed its class, so that jawait reports it clearly instead of attributing.
 *
 * <p>To see the types in a template's body, the processor attributes its class
 * ({@code Trees.getElement}); javac then attributes the whole top-level class, and the source
 * superclasses (with their top-level classes), and after annotation processing it attributes
 * them all once more on the same trees. Two constructs do not survive the second pass: a record's
 * explicitly declared canonical (or compact) constructor, where the first pass left its implicit
 * {@code super()} call in the tree ("canonical constructor must not contain explicit constructor
 * invocation"), and a local record with a varargs component ("String cannot be converted to
 * String[]"). Such code must live outside the classes jawait attributes.
 *
 * <pre>{@code
 * for (AttributionHazards.Hazard h : AttributionHazards.find(trees, templateClass)) {
 *     trees.printMessage(ERROR, h.message(), h.at().getLeaf(), h.at().getCompilationUnit());
 * }
 * }</pre>
 */
public final class AttributionHazards {
    /** One construct javac would reject, and why. */
    public record Hazard(TreePath at, String message) {}

    private AttributionHazards() {}

    /**
     * The hazards in every class javac attributes together with {@code templateClass}: its
     * top-level class and, transitively, the top-level classes of the source superclasses of any
     * member type in them.
     *
     * @param trees javac's trees
     * @param templateClass the class whose templates are about to be attributed
     * @return the hazards found, in source order; empty when none
     */
    public static List<Hazard> find(Trees trees, TypeElement templateClass) {
        List<Hazard> hazards = new ArrayList<>();
        for (TypeElement top : attributedTogether(trees, templateClass)) {
            TreePath path = trees.getPath(top);
            if (path != null) {
                new Scanner(trees, path.getCompilationUnit(), templateClass, hazards).scan(path, null);
            }
        }
        return hazards;
    }

    /** Top-level classes attributed with {@code start}'s: its own and those of source superclasses. */
    static Set<TypeElement> attributedTogether(Trees trees, TypeElement start) {
        Set<TypeElement> tops = new LinkedHashSet<>();
        Deque<TypeElement> work = new ArrayDeque<>();
        work.add(outermost(start));
        while (!work.isEmpty()) {
            TypeElement top = work.poll();
            if (!tops.add(top)) {
                continue;
            }
            for (TypeElement type : withMemberTypes(top)) {
                TypeElement superclass = asType(type.getSuperclass());
                if (superclass != null && trees.getPath(superclass) != null) {
                    work.add(outermost(superclass));
                }
            }
        }
        return tops;
    }

    private static List<TypeElement> withMemberTypes(TypeElement type) {
        List<TypeElement> all = new ArrayList<>();
        all.add(type);
        for (TypeElement member : ElementFilter.typesIn(type.getEnclosedElements())) {
            all.addAll(withMemberTypes(member));
        }
        return all;
    }

    private static TypeElement asType(TypeMirror mirror) {
        if (mirror == null || mirror.getKind() != TypeKind.DECLARED) {
            return null;
        }
        Element e = ((DeclaredType) mirror).asElement();
        return e instanceof TypeElement ? (TypeElement) e : null;
    }

    private static TypeElement outermost(TypeElement type) {
        TypeElement top = type;
        while (top.getEnclosingElement() instanceof TypeElement) {
            top = (TypeElement) top.getEnclosingElement();
        }
        return top;
    }

    private static final class Scanner extends TreePathScanner<Void, Void> {
        private final Trees trees;
        private final CompilationUnitTree unit;
        private final TypeElement templateClass;
        private final List<Hazard> hazards;

        Scanner(Trees trees, CompilationUnitTree unit, TypeElement templateClass, List<Hazard> hazards) {
            this.trees = trees;
            this.unit = unit;
            this.templateClass = templateClass;
            this.hazards = hazards;
        }

        @Override
        public Void visitClass(ClassTree c, Void unused) {
            if (c.getKind() == Tree.Kind.RECORD) {
                String record = c.getSimpleName().toString();
                for (Tree member : c.getMembers()) {
                    if (member instanceof MethodTree && isWritten(member) && isCanonicalConstructor((MethodTree) member)) {
                        hazards.add(new Hazard(new TreePath(getCurrentPath(), member), advice(
                                "the explicit canonical constructor of record " + record, record)));
                    }
                }
                if (isLocal() && hasVarargsComponent(c)) {
                    hazards.add(new Hazard(getCurrentPath(), advice(
                            "the local record " + record + " with a varargs component", record)));
                }
            }
            return super.visitClass(c, unused);
        }

        private String advice(String what, String record) {
            String owner = templateClass.getSimpleName().toString();
            return "jawait: javac cannot compile " + what + " in a class the @Async processor attributes"
                    + " (for the @Async methods of " + owner + "): javac attributes the class again after"
                    + " annotation processing and then rejects what its first pass left in the tree."
                    + " Declare " + record + " outside " + owner + " and its superclasses (as a top-level"
                    + " type, or in a class without @Async methods)";
        }

        /** Written in the source, not added by javac (its implicit canonical constructor has no end position). */
        private boolean isWritten(Tree member) {
            return trees.getSourcePositions().getEndPosition(unit, member) != Diagnostic.NOPOS;
        }

        /** A record constructor that does not delegate with {@code this(...)}: the canonical one. */
        private static boolean isCanonicalConstructor(MethodTree m) {
            if (!m.getName().contentEquals("<init>") || m.getBody() == null) {
                return false;
            }
            BlockTree body = m.getBody();
            if (body.getStatements().isEmpty()) {
                return true;
            }
            StatementTree first = body.getStatements().get(0);
            if (first instanceof ExpressionStatementTree
                    && ((ExpressionStatementTree) first).getExpression() instanceof MethodInvocationTree) {
                Tree callee = ((MethodInvocationTree) ((ExpressionStatementTree) first).getExpression()).getMethodSelect();
                return !(callee instanceof IdentifierTree && ((IdentifierTree) callee).getName().contentEquals("this"));
            }
            return true;
        }

        private boolean isLocal() {
            for (TreePath p = getCurrentPath().getParentPath(); p != null; p = p.getParentPath()) {
                Tree.Kind kind = p.getLeaf().getKind();
                if (kind == Tree.Kind.METHOD || kind == Tree.Kind.BLOCK || kind == Tree.Kind.LAMBDA_EXPRESSION) {
                    return true;
                }
                if (p.getLeaf() instanceof ClassTree) {
                    return false;
                }
            }
            return false;
        }

        /** Record components are the record's fields; a varargs one reads {@code T... name} in the source. */
        private boolean hasVarargsComponent(ClassTree c) {
            CharSequence source;
            try {
                source = unit.getSourceFile().getCharContent(true);
            } catch (IOException e) {
                return false;
            }
            SourcePositions positions = trees.getSourcePositions();
            for (Tree member : c.getMembers()) {
                if (member instanceof VariableTree && isComponent((VariableTree) member)) {
                    long start = positions.getStartPosition(unit, member);
                    long end = positions.getEndPosition(unit, member);
                    if (start >= 0 && end > start && end <= source.length()
                            && source.subSequence((int) start, (int) end).toString().contains("...")) {
                        return true;
                    }
                }
            }
            return false;
        }

        /** A record component: records declare no other instance fields. */
        private static boolean isComponent(VariableTree v) {
            return !v.getModifiers().getFlags().contains(Modifier.STATIC);
        }
    }
}
