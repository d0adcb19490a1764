package dev.jawait.processor.front;

import com.sun.source.tree.AnnotationTree;
import com.sun.source.tree.ClassTree;
import com.sun.source.tree.CompilationUnitTree;
import com.sun.source.tree.ImportTree;
import com.sun.source.tree.MethodTree;
import com.sun.source.tree.Tree;
import com.sun.source.util.TreePathScanner;
import java.util.ArrayList;
import java.util.List;

/**
 * Finds {@code @Async} methods of local and anonymous classes (enum constant bodies included),
 * wherever they are in a file: javac enters such classes only when it attributes their method,
 * so they are never among the round's annotated elements, and would be silently ignored. The
 * annotation is recognised by name (the file is not attributed for this): {@code dev.jawait.Async},
 * or {@code Async} imported from {@code dev.jawait}.
 *
 * <pre>{@code
 * for (MethodTree m : LocalTemplates.find(unit)) report(m, Validation.localOrAnonymous(m.getName()));
 * }</pre>
 */
public final class LocalTemplates {
    private LocalTemplates() {}

    /**
     * The {@code @Async} methods of local and anonymous classes in {@code unit}, in source order.
     *
     * @param unit a compilation unit
     * @return the methods found
     */
    public static List<MethodTree> find(CompilationUnitTree unit) {
        boolean imported = importsAsync(unit);
        List<MethodTree> out = new ArrayList<>();
        new TreePathScanner<Void, Void>() {
            private int localDepth;

            @Override
            public Void visitClass(ClassTree node, Void unused) {
                Tree parent = getCurrentPath().getParentPath().getLeaf();
                boolean local = parent.getKind() == Tree.Kind.BLOCK || parent.getKind() == Tree.Kind.CASE
                        || parent.getKind() == Tree.Kind.NEW_CLASS;   // a class of a body, or an anonymous body
                localDepth += local ? 1 : 0;
                try {
                    return super.visitClass(node, unused);
                } finally {
                    localDepth -= local ? 1 : 0;
                }
            }

            @Override
            public Void visitMethod(MethodTree node, Void unused) {
                if (localDepth > 0 && isAsync(node, imported)) {
                    out.add(node);
                }
                return super.visitMethod(node, unused);
            }
        }.scan(unit, null);
        return out;
    }

    private static boolean isAsync(MethodTree m, boolean imported) {
        for (AnnotationTree a : m.getModifiers().getAnnotations()) {
            String name = a.getAnnotationType().toString();
            if (name.equals(JawaitApi.ASYNC_ANNOTATION) || imported && name.equals("Async")) {
                return true;
            }
        }
        return false;
    }

    /** Whether the simple name {@code Async} means {@code dev.jawait.Async} in {@code unit}. */
    private static boolean importsAsync(CompilationUnitTree unit) {
        if (unit.getPackageName() != null && unit.getPackageName().toString().equals("dev.jawait")) {
            return true;
        }
        for (ImportTree i : unit.getImports()) {
            String name = i.getQualifiedIdentifier().toString();
            if (!i.isStatic() && (name.equals(JawaitApi.ASYNC_ANNOTATION) || name.equals("dev.jawait.*"))) {
                return true;
            }
        }
        return false;
    }
}
