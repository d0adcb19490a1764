package dev.jawait.processor.analysis;

import com.sun.source.tree.ClassTree;
import com.sun.source.tree.IdentifierTree;
import com.sun.source.tree.LambdaExpressionTree;
import com.sun.source.tree.Tree;
import com.sun.source.tree.VariableTree;
import com.sun.source.util.TreeScanner;
import dev.jawait.processor.front.Problems;
import dev.jawait.processor.front.Template;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.lang.model.element.Element;
import javax.lang.model.element.NestingKind;
import javax.lang.model.element.TypeElement;
import javax.lang.model.element.VariableElement;
import javax.lang.model.type.DeclaredType;
import javax.lang.model.type.TypeKind;
import javax.lang.model.type.TypeMirror;

/**
 * Decides which template variables live across an await (they become fields of the state
 * machine) and names every variable and temporary of the generated code without clashes.
 * A local is hoisted when {@link Liveness} finds a reference to it that runs in a later state
 * than its declaration; parameters are always fields.
 *
 * <pre>{@code
 * Variables vars = Variables.analyse(template, awaits);
 * String field = vars.nameOf(element);      // "total", or "total_2" for a second "total"
 * }</pre>
 */
public final class Variables {
    /** Names the generated code uses for itself. */
    private static final Set<String> RESERVED = Set.of("self", "state", "child", "cx", "retval", "failure",
            "DONE", "PENDING", "dispatch");

    private final Template template;
    private final Awaits awaits;
    private final Map<Element, String> names = new HashMap<>();
    private final Set<Element> hoisted = new LinkedHashSet<>();
    private final Map<Element, Tree> declarations = new HashMap<>();
    private final Set<String> taken = new HashSet<>(RESERVED);
    private final Set<String> usedInSource = new HashSet<>();
    private int temps;

    private Variables(Template template, Awaits awaits) {
        this.template = template;
        this.awaits = awaits;
    }

    /**
     * Finds the variables of {@code template} that live across an await (the hoisted ones) and names every
     * variable.
     *
     * @param template the template, attributed
     * @param awaits its awaits and assignments
     * @return the analysis
     */
    public static Variables analyse(Template template, Awaits awaits) {
        Variables v = new Variables(template, awaits);
        for (VariableElement p : template.method.getParameters()) {
            v.hoisted.add(p);
            v.names.put(p, v.claimVariable(p.getSimpleName().toString()));
        }
        if (template.tree.getBody() != null) {
            v.new Scanner().scan(template.tree.getBody(), null);
        }
        return v;
    }

    /**
     * The declaration of a local variable, or the method for parameters.
     *
     * @param variable a local variable or parameter
     * @return its declaration tree
     */
    public Tree declarationOf(Element variable) {
        return declarations.getOrDefault(variable, template.tree);
    }

    /**
     * Whether {@code variable} lives across an await, so the machine keeps it in a field.
     *
     * @param variable a local variable or parameter
     * @return {@code true} if it becomes a field
     */
    public boolean isHoisted(Element variable) {
        return hoisted.contains(variable);
    }

    /**
     * Hoisted variables in declaration order, parameters first.
     *
     * @return a copy of the hoisted variables
     */
    public List<Element> hoisted() {
        return new ArrayList<>(hoisted);
    }

    /**
     * Reports each hoisted variable whose type a field cannot have: an anonymous class (the
     * lowering would otherwise fail on it).
     *
     * @param problems where the errors go
     */
    public void reportUnnameableFields(Problems problems) {
        for (Element v : hoisted) {
            TypeMirror type = v.asType();
            if (type.getKind() == TypeKind.DECLARED
                    && ((TypeElement) ((DeclaredType) type).asElement()).getNestingKind() == NestingKind.ANONYMOUS) {
                problems.error(declarationOf(v), anonymousType(v));
            }
        }
    }

    /**
     * The problem of a variable of an anonymous class type that lives across an await.
     *
     * @param variable the variable
     * @return the error message
     */
    public static String anonymousType(Element variable) {
        return "the variable " + variable.getSimpleName() + " has an anonymous class type"
                + " and lives across an await; give it a named type (a nested class or an interface)";
    }

    /**
     * The generated name of a template variable (its own name unless that would clash).
     *
     * @param variable a local variable or parameter
     * @return its name in the generated code
     */
    public String nameOf(Element variable) {
        String n = names.get(variable);
        return n != null ? n : variable.getSimpleName().toString();
    }

    /**
     * A fresh name for a generated field or local, such as {@code tmp0_read}.
     *
     * @param hint a word for readers of the generated code, or empty
     * @return a name no other generated or source name uses
     */
    public String fresh(String hint) {
        String base = "tmp" + temps++ + (hint.isEmpty() ? "" : "_" + hint);
        return claim(base);
    }

    /**
     * A fresh name built exactly from {@code base} when free.
     *
     * @param base the wanted name
     * @return {@code base}, or {@code base_2}, {@code base_3} ... when taken
     */
    public String claim(String base) {
        String candidate = base;
        for (int i = 2; taken.contains(candidate) || usedInSource.contains(candidate); i++) {
            candidate = base + "_" + i;
        }
        taken.add(candidate);
        return candidate;
    }

    private String claimVariable(String base) {
        String candidate = base;
        // a renamed field must not be shadowed by a local of the template that has that name
        for (int i = 2; taken.contains(candidate) || (!candidate.equals(base) && usedInSource.contains(candidate)); i++) {
            candidate = base + "_" + i;
        }
        taken.add(candidate);
        return candidate;
    }

    private final class Scanner extends TreeScanner<Void, Void> {
        private int depth;
        private final List<VariableTree> locals = new ArrayList<>();

        @Override
        public Void scan(Tree tree, Void unused) {
            super.scan(tree, unused);
            if (tree == template.tree.getBody()) {
                finish();
            }
            return null;
        }

        private void finish() {
            Liveness live = Liveness.of(template, awaits);
            for (VariableTree v : locals) {
                Element e = template.elementOf(v);
                if (e != null) {
                    declarations.put(e, v);
                }
                if (e != null && live.needsField(v, e)) {
                    hoisted.add(e);
                    names.put(e, claimVariable(v.getName().toString()));
                }
            }
            for (VariableTree v : locals) {
                Element e = template.elementOf(v);
                if (e != null && !names.containsKey(e) && RESERVED.contains(v.getName().toString())) {
                    names.put(e, claimVariable(v.getName().toString()));
                }
            }
        }

        @Override
        public Void visitVariable(VariableTree node, Void unused) {
            usedInSource.add(node.getName().toString());
            if (depth == 0) {
                locals.add(node);
            } else if (RESERVED.contains(node.getName().toString())) {
                Element e = template.elementOf(node);
                if (e != null) {
                    names.put(e, claimVariable(node.getName().toString()));
                }
            }
            return super.visitVariable(node, unused);
        }

        @Override
        public Void visitIdentifier(IdentifierTree node, Void unused) {
            usedInSource.add(node.getName().toString());
            return null;
        }

        @Override
        public Void visitLambdaExpression(LambdaExpressionTree node, Void unused) {
            depth++;
            try {
                return super.visitLambdaExpression(node, unused);
            } finally {
                depth--;
            }
        }

        @Override
        public Void visitClass(ClassTree node, Void unused) {
            depth++;
            try {
                return super.visitClass(node, unused);
            } finally {
                depth--;
            }
        }
    }
}
