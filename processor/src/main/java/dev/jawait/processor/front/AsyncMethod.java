package dev.jawait.processor.front;

import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.ParameterizedTypeName;
import com.palantir.javapoet.TypeName;
import com.palantir.javapoet.TypeVariableName;
import java.util.ArrayList;
import java.util.List;
import javax.annotation.processing.ProcessingEnvironment;
import javax.lang.model.element.Element;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.NestingKind;
import javax.lang.model.element.PackageElement;
import javax.lang.model.element.TypeElement;
import javax.lang.model.element.TypeParameterElement;
import javax.lang.model.type.TypeKind;
import javax.lang.model.type.TypeMirror;
import javax.lang.model.util.Types;

/**
 * The signature-level facts about one {@code @Async} method that both generated classes need:
 * names of the companion and state machine, type variables, result and failure types. Computed
 * from elements only, so it works in round 1 before bodies are attributed.
 *
 * <pre>{@code
 * AsyncMethod m = AsyncMethod.of(env, element, 0);
 * m.companion();        // demo.EchoAsync
 * m.futureType();       // TryFuture<Long, IOException>
 * }</pre>
 */
public final class AsyncMethod {
    public static final ClassName FUTURE = ClassName.get("dev.jawait", "Future");
    public static final ClassName TRY_FUTURE = ClassName.get("dev.jawait", "TryFuture");

    public final ExecutableElement element;
    public final TypeElement owner;
    public final boolean isStatic;
    private final ProcessingEnvironment env;
    private final int overloadIndex;

    private AsyncMethod(ProcessingEnvironment env, ExecutableElement element, int overloadIndex) {
        this.env = env;
        this.element = element;
        this.owner = (TypeElement) element.getEnclosingElement();
        this.isStatic = element.getModifiers().contains(Modifier.STATIC);
        this.overloadIndex = overloadIndex;
    }

    /** {@code overloadIndex} tells same-named methods of one class apart (0 for the first). */
    public static AsyncMethod of(ProcessingEnvironment env, ExecutableElement element, int overloadIndex) {
        return new AsyncMethod(env, element, overloadIndex);
    }

    /** Whether the generated files may carry {@code @Generated} (not in a module that cannot read it). */
    public boolean mayAnnotateGenerated() {
        return GeneratedAnnotation.readableFrom(env, owner);
    }

    public String packageName() {
        Element e = owner;
        while (!(e instanceof PackageElement)) {
            e = e.getEnclosingElement();
        }
        return ((PackageElement) e).getQualifiedName().toString();
    }

    /** {@code Outer_Inner}: the owner's nesting path joined by underscores. */
    public String flatOwnerName() {
        String companion = JawaitApi.companionSimpleName(owner);
        return companion.substring(0, companion.length() - "Async".length());
    }

    public ClassName companion() {
        return ClassName.get(packageName(), JawaitApi.companionSimpleName(owner));
    }

    /**
     * {@code Outer_Inner_StateMachines}: the one generated file holding the state machines of all
     * {@code @Async} methods of the owner (one file per owner, not per method: javac pays per file).
     */
    public ClassName stateMachines() {
        return ClassName.get(packageName(), flatOwnerName() + "_StateMachines");
    }

    /** {@code Outer_Inner_StateMachines.method_StateMachine} (overloads: {@code method_2_StateMachine}). */
    public ClassName stateMachine() {
        String suffix = overloadIndex == 0 ? "" : "_" + (overloadIndex + 1);
        return stateMachines().nestedClass(element.getSimpleName() + suffix + "_StateMachine");
    }

    /**
     * Type variables of the receiver's type (instance methods: the owner's, and for an inner class
     * those of the enclosing types it is inner to, outermost first), then of the method.
     */
    public List<TypeVariableName> typeVariables() {
        List<TypeVariableName> out = new ArrayList<>();
        if (!isStatic) {
            for (TypeElement type : receiverTypes(owner)) {
                for (TypeParameterElement p : type.getTypeParameters()) {
                    out.add(TypeVariableName.get(p));
                }
            }
        }
        for (TypeParameterElement p : element.getTypeParameters()) {
            out.add(TypeVariableName.get(p));
        }
        return out;
    }

    /**
     * {@code type} and the classes it is inner to, outermost first: an instance of {@code M<T>.Inner}
     * has {@code M}'s {@code T} in scope, so the companion method must declare it too.
     */
    static List<TypeElement> receiverTypes(TypeElement type) {
        List<TypeElement> out = new ArrayList<>();
        out.add(type);
        for (TypeElement inner = type; inner.getNestingKind() == NestingKind.MEMBER
                && !inner.getModifiers().contains(Modifier.STATIC); ) {
            inner = (TypeElement) inner.getEnclosingElement();
            out.add(0, inner);
        }
        return out;
    }

    public List<String> typeVariableNames() {
        List<String> out = new ArrayList<>();
        for (TypeVariableName v : typeVariables()) {
            out.add(v.name());
        }
        return out;
    }

    /** The receiver type {@code X<T...>} ({@code M<T>.Inner} for an inner class of a generic class). */
    public TypeName selfType() {
        List<TypeElement> chain = receiverTypes(owner);
        TypeName type = ClassName.get(chain.get(0));
        for (int i = 0; i < chain.size(); i++) {
            TypeElement te = chain.get(i);
            List<TypeName> args = new ArrayList<>();
            for (TypeParameterElement p : te.getTypeParameters()) {
                args.add(TypeVariableName.get(p.getSimpleName().toString()));
            }
            String name = te.getSimpleName().toString();
            if (type instanceof ParameterizedTypeName) {
                type = ((ParameterizedTypeName) type).nestedClass(name, args);
            } else {
                ClassName raw = i == 0 ? (ClassName) type : ((ClassName) type).nestedClass(name);
                type = args.isEmpty() ? raw : ParameterizedTypeName.get(raw, args.toArray(new TypeName[0]));
            }
        }
        return type;
    }

    /** The boxed result type. */
    public TypeName resultType() {
        TypeMirror r = element.getReturnType();
        if (r.getKind() == TypeKind.VOID) {
            return ClassName.get(Void.class);
        }
        return TypeName.get(r).box();
    }

    /** The single checked failure type, the common supertype of several, or {@code null}. */
    public TypeName failureType() {
        Types types = env.getTypeUtils();
        TypeMirror runtime = env.getElementUtils().getTypeElement("java.lang.RuntimeException").asType();
        TypeMirror error = env.getElementUtils().getTypeElement("java.lang.Error").asType();
        List<TypeMirror> checked = new ArrayList<>();
        for (TypeMirror thrown : element.getThrownTypes()) {
            if (!types.isSubtype(thrown, runtime) && !types.isSubtype(thrown, error)) {
                checked.add(thrown);
            }
        }
        if (checked.isEmpty()) {
            return null;
        }
        if (checked.size() == 1) {
            return TypeName.get(checked.get(0));
        }
        TypeMirror candidate = checked.get(0);
        while (candidate != null && candidate.getKind() == TypeKind.DECLARED) {
            boolean all = true;
            for (TypeMirror t : checked) {
                all &= types.isSubtype(types.erasure(t), types.erasure(candidate));
            }
            if (all) {
                return TypeName.get(types.erasure(candidate));
            }
            List<? extends TypeMirror> supers = types.directSupertypes(candidate);
            candidate = supers.isEmpty() ? null : supers.get(0);
        }
        return ClassName.get(Exception.class);
    }

    /** {@code Future<R>} or {@code TryFuture<R, E>}. */
    public TypeName futureType() {
        TypeName failure = failureType();
        return failure == null ? ParameterizedTypeName.get(FUTURE, resultType())
                : ParameterizedTypeName.get(TRY_FUTURE, resultType(), failure);
    }

    /** The companion's visibility: the method's, but at least package-private. */
    public List<Modifier> visibility() {
        if (element.getModifiers().contains(Modifier.PUBLIC)) {
            return List.of(Modifier.PUBLIC);
        }
        if (element.getModifiers().contains(Modifier.PROTECTED)) {
            return List.of(Modifier.PROTECTED);
        }
        return List.of();
    }

    public String displayName() {
        return owner.getSimpleName() + "." + element.getSimpleName();
    }
}
