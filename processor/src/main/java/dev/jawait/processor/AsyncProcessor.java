package dev.jawait.processor;

import com.google.auto.service.AutoService;
import com.palantir.javapoet.JavaFile;
import com.palantir.javapoet.TypeSpec;
import com.sun.source.tree.ClassTree;
import com.sun.source.tree.Tree;
import com.sun.source.util.TreePath;
import com.sun.source.util.TreeScanner;
import com.sun.source.util.Trees;
import dev.jawait.processor.emission.CompanionWriter;
import dev.jawait.processor.emission.StateMachineWriter;
import dev.jawait.processor.front.AsyncLints;
import dev.jawait.processor.front.AsyncMethod;
import dev.jawait.processor.front.AttributionHazards;
import dev.jawait.processor.front.DispatchRules;
import dev.jawait.processor.front.JavacEnvironment;
import dev.jawait.processor.front.JawaitApi;
import dev.jawait.processor.front.Lint;
import dev.jawait.processor.front.Template;
import dev.jawait.processor.front.Validation;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.annotation.processing.AbstractProcessor;
import javax.annotation.processing.Processor;
import javax.annotation.processing.RoundEnvironment;
import javax.lang.model.SourceVersion;
import javax.lang.model.element.Element;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.TypeElement;
import javax.lang.model.type.TypeKind;
import javax.lang.model.type.TypeMirror;
import javax.tools.Diagnostic;
import javax.lang.model.element.Modifier;

/**
 * The jawait annotation processor. Round 1: for every class with {@code @Async} methods, write the
 * companion {@code XAsync} (signatures only). In the same round and the next ones: attribute the
 * template bodies, lower them and write one state machine class per method, all of one class in one
 * file; a class whose types are not resolved yet (its own or another companion, another processor's
 * output) waits for a later round. Problems are reported as positioned
 * errors, never as a processor crash.
 *
 * <pre>{@code
 * javac -processorpath jawait-processor.jar:javapoet.jar -cp jawait-runtime.jar Echo.java
 * // generates EchoAsync.java and Echo_StateMachines.java (holding handle_StateMachine)
 * }</pre>
 */
@AutoService(Processor.class)
public final class AsyncProcessor extends AbstractProcessor {
    /** Classes whose companions exist and whose state machines are still to be written. */
    private final Map<String, List<String>> pending = new LinkedHashMap<>();
    private final Set<String> companionsWritten = new HashSet<>();
    /** Simple names of the companions written in the current round: not attributable before the next. */
    private final Set<String> companionsOfThisRound = new HashSet<>();
    private final Set<Tree> hazardsReported = new HashSet<>();
    private JavacEnvironment javac;
    private boolean noJavacReported;
    private Trees trees;
    private AsyncLints lints;

    @Override
    public Set<String> getSupportedAnnotationTypes() {
        return Set.of(JawaitApi.ASYNC_ANNOTATION);
    }

    @Override
    public Set<String> getSupportedOptions() {
        return Set.of(Lint.OPTION);
    }

    @Override
    public SourceVersion getSupportedSourceVersion() {
        return SourceVersion.latestSupported();
    }

    @Override
    public synchronized void init(javax.annotation.processing.ProcessingEnvironment env) {
        super.init(env);
        javac = JavacEnvironment.of(env);   // through IntelliJ's and Gradle's wrappers; null trees under ecj
        trees = javac.trees();
        lints = new AsyncLints(env, Lint.parse(env.getOptions().get(Lint.OPTION), unknown -> env.getMessager()
                .printMessage(Diagnostic.Kind.WARNING, "jawait: -A" + Lint.OPTION + " names no lint '" + unknown
                        + "'; the lints are " + Lint.names() + " (all, none, name on, -name off)")));
    }

    @Override
    public boolean process(Set<? extends TypeElement> annotations, RoundEnvironment round) {
        try {
            if (trees == null) {
                if (!annotations.isEmpty() && !noJavacReported) {
                    noJavacReported = true;
                    processingEnv.getMessager().printMessage(Diagnostic.Kind.ERROR, javac.unavailableMessage());
                }
                return false;
            }
            // Companions first, then every class whose bodies already attribute: in round 1 that is
            // most of them (templates that call no companion), so their machines are parsed with the
            // companions in round 2 and javac runs one round fewer (each round re-enters all files).
            companionsOfThisRound.clear();
            if (!round.processingOver()) {
                writeCompanions(round);
            }
            analysePending(round.processingOver());
        } catch (Throwable t) {
            processingEnv.getMessager().printMessage(Diagnostic.Kind.ERROR,
                    "jawait: internal error in the @Async processor: " + t);
        }
        return false;
    }

    private void writeCompanions(RoundEnvironment round) {
        TypeElement async = processingEnv.getElementUtils().getTypeElement(JawaitApi.ASYNC_ANNOTATION);
        if (async == null) {
            return;
        }
        Map<TypeElement, List<ExecutableElement>> byOwner = new LinkedHashMap<>();
        for (Element e : round.getElementsAnnotatedWith(async)) {
            String problem = Validation.problem(e);
            if (problem == null) {
                problem = DispatchRules.problem(processingEnv, trees, (ExecutableElement) e);
            }
            if (problem != null) {
                processingEnv.getMessager().printMessage(Diagnostic.Kind.ERROR, "jawait: " + problem, e);
                continue;
            }
            byOwner.computeIfAbsent((TypeElement) e.getEnclosingElement(), k -> new ArrayList<>())
                    .add((ExecutableElement) e);
        }
        for (Map.Entry<TypeElement, List<ExecutableElement>> entry : byOwner.entrySet()) {
            TypeElement owner = entry.getKey();
            String name = owner.getQualifiedName().toString();
            if (!companionsWritten.add(name)) {
                continue;
            }
            List<AsyncMethod> methods = methodsOf(owner, entry.getValue());
            try {
                write(CompanionWriter.write(owner, methods), owner);
            } catch (RuntimeException e) {
                processingEnv.getMessager().printMessage(Diagnostic.Kind.ERROR,
                        "jawait: internal error writing the companion of " + owner.getSimpleName() + ": " + e, owner);
                continue;
            }
            companionsOfThisRound.add(JawaitApi.companionSimpleName(owner));
            List<String> keys = new ArrayList<>();
            for (ExecutableElement m : entry.getValue()) {
                keys.add(key(m));
            }
            pending.put(name, keys);
        }
    }

    /** The valid methods with their overload indexes (position among same-named @Async methods). */
    private List<AsyncMethod> methodsOf(TypeElement owner, List<ExecutableElement> valid) {
        List<AsyncMethod> out = new ArrayList<>();
        Map<String, Integer> seen = new LinkedHashMap<>();
        for (Element e : owner.getEnclosedElements()) {
            if (e.getKind() != ElementKind.METHOD || !valid.contains(e)) {
                continue;
            }
            String n = e.getSimpleName().toString();
            int index = seen.merge(n, 1, Integer::sum) - 1;
            out.add(AsyncMethod.of(processingEnv, (ExecutableElement) e, index));
        }
        return out;
    }

    private static String key(ExecutableElement m) {
        return m.getSimpleName() + m.asType().toString();
    }

    private void analysePending(boolean lastRound) {
        for (String ownerName : new ArrayList<>(pending.keySet())) {
            TypeElement owner = processingEnv.getElementUtils().getTypeElement(ownerName);
            if (owner == null) {
                pending.remove(ownerName);
                continue;
            }
            List<String> keys = pending.get(ownerName);
            List<ExecutableElement> valid = new ArrayList<>();
            for (Element e : owner.getEnclosedElements()) {
                if (e instanceof ExecutableElement && keys.contains(key((ExecutableElement) e))) {
                    valid.add((ExecutableElement) e);
                }
            }
            List<AsyncMethod> methods = methodsOf(owner, valid);
            methods.removeIf(m -> m.element.getModifiers().contains(Modifier.ABSTRACT));   // dispatch only, no machine
            if (reportHazards(owner)) {
                pending.remove(ownerName);   // attributing would make javac reject the user's code
                if (!methods.isEmpty()) {
                    List<TypeSpec> failed = new ArrayList<>();
                    methods.forEach(m -> failed.add(StateMachineWriter.writeFailed(m)));
                    write(StateMachineWriter.holder(methods.get(0), failed), owner);
                }
                continue;
            }
            if (!lastRound && mentionsAny(owner, companionsOfThisRound)) {
                // javac attributes the whole file at once; one that names a companion it has not
                // entered yet is attributed next round (a failed attempt can leave lambdas erroneous)
                continue;
            }
            List<Template> templates = new ArrayList<>();
            boolean defer = false;
            Map<Element, TreePath> declarations = methodDeclarations(owner);
            for (AsyncMethod m : methods) {
                Template t = Template.of(processingEnv, trees, m.element, declarations.get(m.element));
                if (t == null) {
                    continue;
                }
                t.attribute();
                Tree unresolved = firstUnresolved(t);
                if (unresolved != null && !lastRound) {
                    defer = true;
                    break;
                }
                templates.add(t);
            }
            if (defer) {
                continue;   // another processor may still generate the missing types
            }
            pending.remove(ownerName);
            if (methods.isEmpty()) {
                continue;
            }
            List<TypeSpec> machines = new ArrayList<>();
            for (int i = 0; i < methods.size(); i++) {
                machines.add(generate(methods.get(i), i < templates.size() ? templates.get(i) : null));
            }
            write(StateMachineWriter.holder(methods.get(0), machines), owner);
        }
    }

    /**
     * The declaration of each method of {@code owner}, found in one walk over the class's members
     * ({@code Trees.getPath(method)} searches the whole file per method: quadratic in a class of
     * many {@code @Async} methods).
     */
    private Map<Element, TreePath> methodDeclarations(TypeElement owner) {
        Map<Element, TreePath> out = new HashMap<>();
        TreePath type = trees.getPath(owner);
        if (type == null) {
            return out;
        }
        for (Tree member : ((ClassTree) type.getLeaf()).getMembers()) {
            if (member.getKind() == Tree.Kind.METHOD) {
                TreePath path = new TreePath(type, member);
                Element method = trees.getElement(path);   // a declaration's symbol: no attribution
                if (method != null) {
                    out.put(method, path);
                }
            }
        }
        return out;
    }

    /** Reports (once each) the code javac would reject if {@code owner} were attributed; whether there was any. */
    private boolean reportHazards(TypeElement owner) {
        List<AttributionHazards.Hazard> hazards = AttributionHazards.find(trees, owner);
        for (AttributionHazards.Hazard h : hazards) {
            if (hazardsReported.add(h.at().getLeaf())) {
                trees.printMessage(Diagnostic.Kind.ERROR, h.message(), h.at().getLeaf(), h.at().getCompilationUnit());
            }
        }
        return !hazards.isEmpty();
    }

    /** Whether the (unattributed) source file of {@code owner} names any of {@code names}. */
    private boolean mentionsAny(TypeElement owner, Set<String> names) {
        TreePath path = names.isEmpty() ? null : trees.getPath(owner);
        if (path == null) {
            return false;
        }
        boolean[] found = new boolean[1];
        new TreeScanner<Void, Void>() {
            @Override
            public Void visitIdentifier(com.sun.source.tree.IdentifierTree node, Void unused) {
                found[0] |= names.contains(node.getName().toString());
                return null;
            }

            @Override
            public Void visitMemberSelect(com.sun.source.tree.MemberSelectTree node, Void unused) {
                found[0] |= names.contains(node.getIdentifier().toString());
                return super.visitMemberSelect(node, unused);
            }
        }.scan(path.getCompilationUnit(), null);
        return found[0];
    }

    private Tree firstUnresolved(Template t) {
        Tree[] found = new Tree[1];
        new TreeScanner<Void, Void>() {
            @Override
            public Void scan(Tree tree, Void unused) {
                if (found[0] != null || tree == null) {
                    return null;
                }
                if (tree instanceof com.sun.source.tree.ExpressionTree || tree instanceof com.sun.source.tree.VariableTree) {
                    TypeMirror type = t.typeOf(tree);
                    if (type != null && type.getKind() == TypeKind.ERROR) {
                        found[0] = tree;
                        return null;
                    }
                }
                return super.scan(tree, unused);
            }
        }.scan(t.tree.getBody(), null);
        return found[0];
    }

    private TypeSpec generate(AsyncMethod m, Template t) {
        if (t == null || t.tree.getBody() == null) {
            return StateMachineWriter.writeFailed(m);
        }
        return new TemplateCompiler(processingEnv, trees, lints).compile(m, t, firstUnresolved(t));
    }

    private void write(JavaFile file, Element origin) {
        // Rendered to one string first: JavaPoet's many small appends go straight into the
        // Filer's writer otherwise (about a sixth of the writing time, profiled on a cold javac).
        String name = file.packageName().isEmpty() ? file.typeSpec().name()
                : file.packageName() + "." + file.typeSpec().name();
        try (java.io.Writer out = processingEnv.getFiler()
                .createSourceFile(name, file.typeSpec().originatingElements().toArray(new Element[0]))
                .openWriter()) {
            out.write(file.toString());
        } catch (IOException e) {
            processingEnv.getMessager().printMessage(Diagnostic.Kind.ERROR,
                    "jawait: cannot write " + file.packageName() + "." + file.typeSpec().name() + ": " + e, origin);
        }
    }

}
