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
    /** {@code dev.jawait.Future}, what a companion method returns. */
    public static final ClassName FUTURE = ClassName.get("dev.jawait", "Future");
    /**
     * {@code dev.jawait.TryFuture}, what a companion returns when the template declares a checked exception.
     */
    public static final ClassName TRY_FUTURE = ClassName.get("dev.jawait", "TryFuture");

    /** The {@code @Async} method. */
    public final ExecutableElement element;
    /** The class that declares it. */
    public final TypeElement owner;
    /** Whether it is static (else the companion method takes the receiver first). */
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

    /**
     * {@code overloadIndex} tells same-named methods of one class apart (0 for the first).
     *
     * @param env the processing environment
     * @param element the {@code @Async} method
     * @param overloadIndex its index among the same-named templates of its class
     * @return the method's view
     */
    public static AsyncMethod of(ProcessingEnvironment env, ExecutableElement element, int overloadIndex) {
        return new AsyncMethod(env, element, overloadIndex);
    }

    /**
     * Whether the generated files may carry {@code @Generated} (not in a module that cannot read it).
     *
     * @return {@code true} when {@code javax.annotation.processing.Generated} is readable from the owner
     */
    public boolean mayAnnotateGenerated() {
        return GeneratedAnnotation.readableFrom(env, owner);
    }

    /**
     * The package of the owner, where the companion is generated.
     *
     * @return the package's qualified name ({@code ""} for the unnamed package)
     */
    public String packageName() {
        Element e = owner;
        while (!(e instanceof PackageElement)) {
            e = e.getEnclosingElement();
        }
        return ((PackageElement) e).getQualifiedName().toString();
    }

    /**
     * {@code Outer_Inner}: the owner's nesting path joined by underscores.
     *
     * @return the owner's flat name
     */
    public String flatOwnerName() {
        String companion = JawaitApi.companionSimpleName(owner);
        return companion.substring(0, companion.length() - "Async".length());
    }

    /**
     * The companion class, {@code p.XAsync} or {@code p.Outer_InnerAsync}.
     *
     * @return the companion's name
     */
    public ClassName companion() {
        return ClassName.get(packageName(), JawaitApi.companionSimpleName(owner));
    }

    /**
     * {@code Outer_Inner_StateMachines}: the one generated file holding the state machines of all
     * {@code @Async} methods of the owner (one file per owner, not per method: javac pays per file).
     *
     * @return the state machines class's name
     */
    public ClassName stateMachines() {
        return ClassName.get(packageName(), flatOwnerName() + "_StateMachines");
    }

    /**
     * {@code Outer_Inner_StateMachines.method_StateMachine} (overloads: {@code method_2_StateMachine}).
     *
     * @return the state machine's name, nested in {@link #stateMachines()}
     */
    public ClassName stateMachine() {
        String suffix = overloadIndex == 0 ? "" : "_" + (overloadIndex + 1);
        return stateMachines().nestedClass(element.getSimpleName() + suffix + "_StateMachine");
    }

    /**
     * Type variables of the receiver's type (instance methods: the owner's, and for an inner class
     * those of the enclosing types it is inner to, outermost first), then of the method.
     *
     * @return the companion method's type variables, in declaration order
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

    /**
     * The names of {@link #typeVariables()}, in the same order.
     *
     * @return the type variables' names
     */
    public List<String> typeVariableNames() {
        List<String> out = new ArrayList<>();
        for (TypeVariableName v : typeVariables()) {
            out.add(v.name());
        }
        return out;
    }

    /**
     * The receiver type {@code X<T...>} ({@code M<T>.Inner} for an inner class of a generic class).
     *
     * @return the receiver's type, as the companion's first parameter
     */
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

    /**
     * The boxed result type.
     *
     * @return the boxed result type ({@code Void} for {@code void})
     */
    public TypeName resultType() {
        TypeMirror r = element.getReturnType();
        if (r.getKind() == TypeKind.VOID) {
            return ClassName.get(Void.class);
        }
        return TypeName.get(r).box();
    }

    /**
     * The single checked failure type, the common supertype of several, or {@code null}.
     *
     * @return the failure type, or {@code null} when the method declares no checked exception
     */
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

    /**
     * {@code Future<R>} or {@code TryFuture<R, E>}.
     *
     * @return the companion method's return type
     */
    public TypeName futureType() {
        TypeName failure = failureType();
        return failure == null ? ParameterizedTypeName.get(FUTURE, resultType())
                : ParameterizedTypeName.get(TRY_FUTURE, resultType(), failure);
    }

    /**
     * The companion's visibility: the method's, but at least package-private.
     *
     * @return the companion's modifiers for visibility (empty for package-private)
     */
    public List<Modifier> visibility() {
        if (element.getModifiers().contains(Modifier.PUBLIC)) {
            return List.of(Modifier.PUBLIC);
        }
        if (element.getModifiers().contains(Modifier.PROTECTED)) {
            return List.of(Modifier.PROTECTED);
        }
        return List.of();
    }

    /**
     * {@code X.m}, for messages.
     *
     * @return the owner's simple name and the method's name
     */
    public String displayName() {
        return owner.getSimpleName() + "." + element.getSimpleName();
    }
}
