package dev.jawait.processor;

import com.google.auto.service.AutoService;
import com.palantir.javapoet.JavaFile;
import com.palantir.javapoet.TypeSpec;
import com.sun.source.tree.ClassTree;
import com.sun.source.tree.CompilationUnitTree;
import com.sun.source.tree.MethodTree;
import com.sun.source.tree.Tree;
import com.sun.source.util.TreePath;
import com.sun.source.util.TreeScanner;
import com.sun.source.util.Trees;
import dev.jawait.processor.emission.CompanionWriter;
import dev.jawait.processor.emission.StateMachineWriter;
import dev.jawait.processor.front.AsyncLints;
import dev.jawait.processor.front.AsyncMethod;
import dev.jawait.processor.front.AttributionHazards;
import dev.jawait.processor.front.CompanionSignatures;
import dev.jawait.processor.front.DispatchRules;
import dev.jawait.processor.front.JavacEnvironment;
import dev.jawait.processor.front.JawaitApi;
import dev.jawait.processor.front.Lint;
import dev.jawait.processor.front.LocalTemplates;
import dev.jawait.processor.front.Template;
import dev.jawait.processor.front.Validation;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
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
    /** Put on every file this processor writes; claimed with {@code @Async} (see {@link #claims}). */
    private static final String GENERATED = "javax.annotation.processing.Generated";
    /** Classes whose companions exist and whose state machines are still to be written. */
    private final Map<String, List<String>> pending = new LinkedHashMap<>();
    private final Set<String> companionsWritten = new HashSet<>();
    /** Classes whose template signatures name a type not resolved yet: their companions wait a round. */
    private final Set<String> companionsDeferred = new LinkedHashSet<>();
    /** Simple names of the companions written in the current round: not attributable before the next. */
    private final Set<String> companionsOfThisRound = new HashSet<>();
    private final Set<Tree> hazardsReported = new HashSet<>();
    private JavacEnvironment javac;
    private boolean noJavacReported;
    private Trees trees;
    private AsyncLints lints;
    /** Qualified names of the files this processor wrote. */
    private final Set<String> written = new HashSet<>();

    @Override
    public Set<String> getSupportedAnnotationTypes() {
        return Set.of(JawaitApi.ASYNC_ANNOTATION, GENERATED);
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
                reportLocalTemplates(round);
                writeCompanions(round);
            }
            analysePending(round.processingOver());
        } catch (Throwable t) {
            processingEnv.getMessager().printMessage(Diagnostic.Kind.ERROR,
                    "jawait: internal error in the @Async processor: " + t);
        }
        return claims(annotations, round);
    }

    /**
     * Whether to claim this round's annotations: javac's {@code -Xlint:processing} warns about
     * unclaimed ones (fatal with {@code -Werror}). {@code @Async} is jawait's alone, and so is the
     * {@code @Generated} of the files it wrote; a round that also has another processor's
     * {@code @Generated} claims nothing, leaving that to processors that want it.
     */
    private boolean claims(Set<? extends TypeElement> annotations, RoundEnvironment round) {
        for (TypeElement annotation : annotations) {
            String name = annotation.getQualifiedName().toString();
            if (name.equals(GENERATED)) {
                for (Element e : round.getElementsAnnotatedWith(annotation)) {
                    if (!(e instanceof TypeElement) || !written.contains(((TypeElement) e).getQualifiedName().toString())) {
                        return false;
                    }
                }
            } else if (!name.equals(JawaitApi.ASYNC_ANNOTATION)) {
                return false;
            }
        }
        return true;
    }

    private void writeCompanions(RoundEnvironment round) {
        TypeElement async = processingEnv.getElementUtils().getTypeElement(JawaitApi.ASYNC_ANNOTATION);
        if (async == null) {
            return;
        }
        Map<TypeElement, List<ExecutableElement>> byOwner = new LinkedHashMap<>();
        for (Element e : templatesOfThisRound(round, async)) {
            if (e instanceof ExecutableElement && e.getEnclosingElement() instanceof TypeElement) {
                byOwner.computeIfAbsent((TypeElement) e.getEnclosingElement(), k -> new ArrayList<>()).add((ExecutableElement) e);
            } else {
                processingEnv.getMessager().printMessage(Diagnostic.Kind.ERROR, "jawait: " + Validation.problem(e), e);
            }
        }
        // A signature naming a type javac has not resolved waits (its companion would repeat the
        // error): another processor may write the type for the next round; if none does, javac
        // reports it at the template.
        for (TypeElement owner : new ArrayList<>(byOwner.keySet())) {
            if (byOwner.get(owner).stream().anyMatch(CompanionSignatures::unresolved)) {
                companionsDeferred.add(owner.getQualifiedName().toString());
                byOwner.remove(owner);
            }
        }
        for (Map.Entry<TypeElement, List<ExecutableElement>> entry : byOwner.entrySet()) {
            entry.getValue().removeIf(m -> !companionCanHave(m));
            CompanionSignatures.clashes(processingEnv.getTypeUtils(), entry.getValue()).forEach((m, problem) -> {
                processingEnv.getMessager().printMessage(Diagnostic.Kind.ERROR, "jawait: " + problem, m);
                entry.getValue().remove(m);
            });
        }
        byOwner.values().removeIf(List::isEmpty);
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

    /** Reports the {@code @Async} methods of local and anonymous classes, which javac does not list. */
    private void reportLocalTemplates(RoundEnvironment round) {
        Set<CompilationUnitTree> units = new LinkedHashSet<>();
        for (Element root : round.getRootElements()) {
            TreePath path = trees.getPath(root);
            if (path != null) {
                units.add(path.getCompilationUnit());
            }
        }
        for (CompilationUnitTree unit : units) {
            for (MethodTree m : LocalTemplates.find(unit)) {
                trees.printMessage(Diagnostic.Kind.ERROR, "jawait: " + Validation.localOrAnonymous(m.getName()), m, unit);
            }
        }
    }

    /** The {@code @Async} elements of this round's classes and of the classes whose companions waited. */
    private List<Element> templatesOfThisRound(RoundEnvironment round, TypeElement async) {
        List<Element> out = new ArrayList<>(round.getElementsAnnotatedWith(async));
        for (String name : companionsDeferred) {
            TypeElement owner = processingEnv.getElementUtils().getTypeElement(name);
            for (Element e : owner == null ? List.<Element>of() : owner.getEnclosedElements()) {
                if (JawaitApi.isAsyncTemplate(e) && !out.contains(e)) {
                    out.add(e);
                }
            }
        }
        companionsDeferred.clear();
        return out;
    }

    /** Whether {@code m} may have a companion method; if not, the reason is reported at it. */
    private boolean companionCanHave(ExecutableElement m) {
        String problem = Validation.problem(m);
        if (problem == null) {
            problem = DispatchRules.problem(processingEnv, trees, m);
        }
        Element at = m;
        if (problem == null) {
            CompanionSignatures.Problem unnameable = CompanionSignatures.unnameable(m);
            if (unnameable != null) {
                problem = unnameable.message();
                at = unnameable.at();
            }
        }
        if (problem != null) {
            processingEnv.getMessager().printMessage(Diagnostic.Kind.ERROR, "jawait: " + problem, at);
        }
        return problem == null;
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
        written.add(name);
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
