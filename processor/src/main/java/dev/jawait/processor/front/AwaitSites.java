package dev.jawait.processor.front;

import com.sun.source.tree.MethodInvocationTree;
import com.sun.source.tree.Tree;
import com.sun.source.util.TreePath;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;

/**
 * The suspension points of a validated template ({@code await(...)} calls where they may stand)
 * and every tree that contains one, found by the {@link TemplateValidator}'s walk.
 *
 * <pre>{@code
 * AwaitSites sites = TemplateValidator.validate(template, problems);
 * if (sites.contains(statement)) lower(statement); else copy(statement);
 * }</pre>
 */
public final class AwaitSites {
    private final Set<Tree> awaits = Collections.newSetFromMap(new IdentityHashMap<>());
    private final Set<Tree> containing = Collections.newSetFromMap(new IdentityHashMap<>());

    void add(Template t, MethodInvocationTree await) {
        awaits.add(await);
        for (TreePath p = t.pathOf(await); p != null; p = p.getParentPath()) {
            if (!containing.add(p.getLeaf())) {
                break;
            }
        }
    }

    /**
     * Whether {@code t} is an {@code await(...)} call of jawait.
     *
     * @param t any tree of the template
     * @return {@code true} for an await call
     */
    public boolean isAwait(Tree t) {
        return awaits.contains(t);
    }

    /**
     * Whether {@code t} is, or contains, an await.
     *
     * @param t any tree of the template, or {@code null}
     * @return {@code true} if an await is at or under {@code t}
     */
    public boolean contains(Tree t) {
        return t != null && containing.contains(t);
    }

    /**
     * Whether any of {@code trees} is, or contains, an await.
     *
     * @param trees trees of the template
     * @return {@code true} if one of them contains an await
     */
    public boolean containsAny(List<? extends Tree> trees) {
        for (Tree t : trees) {
            if (contains(t)) {
                return true;
            }
        }
        return false;
    }

    /**
     * Whether the template awaits at all.
     *
     * @return {@code true} if at least one await was found
     */
    public boolean any() {
        return !awaits.isEmpty();
    }
}
