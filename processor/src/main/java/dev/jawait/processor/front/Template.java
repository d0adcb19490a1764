package dev.jawait.processor.front;

import com.sun.source.tree.CompilationUnitTree;
import com.sun.source.tree.MethodTree;
import com.sun.source.tree.Tree;
import com.sun.source.util.SourcePositions;
import com.sun.source.util.TreePath;
import com.sun.source.util.Trees;
import java.io.IOException;
import java.util.IdentityHashMap;
import java.util.Map;
import javax.annotation.processing.ProcessingEnvironment;
import javax.lang.model.element.Element;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.TypeElement;
import javax.lang.model.type.TypeMirror;

/**
 * One {@code @Async} method with its attributed body: the tree paths of every node (so element
 * and type queries are cheap), its source text, and the processing environment.
 *
 * <pre>{@code
 * Template t = Template.of(env, trees, methodElement);
 * TypeMirror type = t.typeOf(someExpression);
 * }</pre>
 */
public final class Template {
    /** The processing environment. */
    public final ProcessingEnvironment env;
    /** javac's trees, for paths, elements and types of the body. */
    public final Trees trees;
    /** The {@code @Async} method. */
    public final ExecutableElement method;
    /** The class that declares it. */
    public final TypeElement owner;
    /** The method's tree. */
    public final MethodTree tree;
    /** The method's path in its compilation unit. */
    public final TreePath path;
    /** The compilation unit. */
    public final CompilationUnitTree unit;
    /** The path of every node of the method, built on first use (after {@link #attribute()}). */
    private Map<Tree, TreePath> paths;
    private CharSequence source;

    private Template(ProcessingEnvironment env, Trees trees, ExecutableElement method, TreePath path) {
        this.env = env;
        this.trees = trees;
        this.method = method;
        this.owner = (TypeElement) method.getEnclosingElement();
        this.path = path;
        this.tree = (MethodTree) path.getLeaf();
        this.unit = path.getCompilationUnit();
    }

    private Map<Tree, TreePath> paths() {
        if (paths == null) {
            paths = indexPaths();
        }
        return paths;
    }

    private Map<Tree, TreePath> indexPaths() {
        Map<Tree, TreePath> index = new IdentityHashMap<>();
        new com.sun.source.util.TreePathScanner<Void, Void>() {
            @Override
            public Void scan(Tree t, Void unused) {
                if (t != null) {
                    index.put(t, new TreePath(getCurrentPath(), t));
                }
                return super.scan(t, unused);
            }
        }.scan(path, null);
        index.put(tree, path);
        return index;
    }

    /**
     * The template for {@code method}, or {@code null} if javac has no tree for it.
     *
     * @param env the processing environment
     * @param trees javac's trees
     * @param method the {@code @Async} method
     * @return the template, or {@code null}
     */
    public static Template of(ProcessingEnvironment env, Trees trees, ExecutableElement method) {
        return of(env, trees, method, trees.getPath(method));
    }

    /**
     * The template for {@code method} whose declaration is at {@code path} (found by the caller,
     * for instance once per class: {@code Trees.getPath(method)} searches the whole file), or
     * {@code null} if {@code path} is.
     *
     * @param env the processing environment
     * @param trees javac's trees
     * @param method the {@code @Async} method
     * @param path the method's declaration, or {@code null}
     * @return the template, or {@code null}
     */
    public static Template of(ProcessingEnvironment env, Trees trees, ExecutableElement method, TreePath path) {
        return path == null ? null : new Template(env, trees, method, path);
    }

    /**
     * The path of {@code t} in the method.
     *
     * @param t a tree of the method
     * @return its path
     * @throws IllegalStateException if {@code t} is not in the method
     */
    public TreePath pathOf(Tree t) {
        TreePath p = paths().get(t);
        if (p == null) {
            throw new IllegalStateException("no path for " + t.getKind());
        }
        return p;
    }

    /**
     * What {@code t} refers to (javac attributes the class on first use), or {@code null}.
     *
     * @param t a tree of the method
     * @return its element, or {@code null}
     */
    public Element elementOf(Tree t) {
        TreePath p = paths().get(t);
        return p == null ? null : trees.getElement(p);
    }

    /**
     * The type of {@code t}, or {@code null}.
     *
     * @param t a tree of the method
     * @return its type, or {@code null} when it is not in the method
     */
    public TypeMirror typeOf(Tree t) {
        TreePath p = paths().get(t);
        return p == null ? null : trees.getTypeMirror(p);
    }

    /**
     * The parent of {@code t} in the method tree, or {@code null}.
     *
     * @param t a tree of the method
     * @return its parent, or {@code null}
     */
    public Tree parentOf(Tree t) {
        TreePath p = paths().get(t);
        return p == null || p.getParentPath() == null ? null : p.getParentPath().getLeaf();
    }

    /**
     * The source line of {@code t}.
     *
     * @param t a tree of the method
     * @return the line number from 1, or -1 without a position
     */
    public long lineOf(Tree t) {
        SourcePositions positions = trees.getSourcePositions();
        long pos = positions.getStartPosition(unit, t);
        return pos < 0 ? -1 : unit.getLineMap().getLineNumber(pos);
    }

    /**
     * The file name and line of {@code t}, as {@code Echo.java:42}.
     *
     * @param t a tree of the method
     * @return the location
     */
    public String locationOf(Tree t) {
        String name = unit.getSourceFile().getName();
        int slash = Math.max(name.lastIndexOf('/'), name.lastIndexOf('\\'));
        return name.substring(slash + 1) + ":" + lineOf(t);
    }

    /**
     * The exact source text of {@code t} (used for literals), or {@code null}.
     *
     * @param t a tree of the method
     * @return the source text, or {@code null}
     */
    public String sourceOf(Tree t) {
        try {
            if (source == null) {
                source = unit.getSourceFile().getCharContent(true);
            }
        } catch (IOException e) {
            return null;
        }
        SourcePositions positions = trees.getSourcePositions();
        long start = positions.getStartPosition(unit, t);
        long end = positions.getEndPosition(unit, t);
        if (start < 0 || end < start || end > source.length()) {
            return null;
        }
        return source.subSequence((int) start, (int) end).toString();
    }

    /** Forces javac to attribute the template's class, so element and type queries answer. */
    public void attribute() {
        if (tree.getBody() != null) {
            trees.getElement(new TreePath(path, tree.getBody()));
            paths = null;   // attribution adds trees (default constructors of local classes)
        }
    }

    /**
     * {@code X.m}, for messages and {@code toString}.
     *
     * @return the display name
     */
    public String displayName() {
        return owner.getSimpleName() + "." + method.getSimpleName();
    }
}
