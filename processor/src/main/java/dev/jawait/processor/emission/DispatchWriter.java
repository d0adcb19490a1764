package dev.jawait.processor.emission;

import com.palantir.javapoet.AnnotationSpec;
import com.palantir.javapoet.ArrayTypeName;
import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.FieldSpec;
import com.palantir.javapoet.MethodSpec;
import com.palantir.javapoet.ParameterSpec;
import com.palantir.javapoet.TypeName;
import com.palantir.javapoet.TypeSpec;
import com.palantir.javapoet.TypeVariableName;
import dev.jawait.processor.front.AsyncMethod;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.util.ArrayList;
import java.util.List;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.TypeElement;
import javax.lang.model.element.TypeParameterElement;
import javax.lang.model.element.VariableElement;
import javax.lang.model.type.ArrayType;
import javax.lang.model.type.DeclaredType;
import javax.lang.model.type.IntersectionType;
import javax.lang.model.type.TypeKind;
import javax.lang.model.type.TypeMirror;
import javax.lang.model.type.TypeVariable;

/**
 * The companion methods of virtual dispatch (docs/ARCHITECTURE.md, "Virtual dispatch"). An instance
 * {@code @Async} method {@code m} of {@code X} that a subclass may override (neither it nor
 * {@code X} is final) gets, instead of a method returning {@code X}'s state machine:
 * <ul>
 * <li>{@code m(self, ...)}: when {@code self} is exactly an {@code X}, {@code X}'s own machine;
 *     otherwise the call site {@code Dispatchers.m} ({@code dev.jawait.internal.VirtualDispatch}, in
 *     a nested holder made on first use) runs what {@code self.m(...)} would run;
 * <li>{@code m_super(self, ...)}: {@code X}'s own template, no dispatch — the async
 *     {@code super.m(...)}, and what dispatchers elsewhere run for an {@code X} (absent when
 *     {@code m} is abstract);
 * <li>{@code m_plain(self, ...)}, private: the future of an override that is not {@code @Async}.
 * </ul>
 * A final instance method keeps the direct {@code m} and gets {@code m_super} too, so that every
 * {@code @Async} template a dispatcher may select has the same entry. A companion with instance
 * methods registers its {@code LOOKUP}, which lets dispatchers in other companions reach those entries.
 *
 * <pre>{@code
 * for (AsyncMethod m : methods) DispatchWriter.add(type, m, directMethod(m));
 * DispatchWriter.addLookupAndDispatchers(type, methods);
 * }</pre>
 */
public final class DispatchWriter {
    static final ClassName VIRTUAL_DISPATCH = ClassName.get("dev.jawait.internal", "VirtualDispatch");
    private static final ClassName FAILURES = ClassName.get("dev.jawait", "Failures");
    private static final String LOOKUP = "LOOKUP";
    private static final String DISPATCHERS = "Dispatchers";

    private DispatchWriter() {}

    /**
     * Whether {@code XAsync.m} dispatches: an instance method that a subclass may override.
     *
     * @param m a template
     * @return {@code true} if its companion method dispatches on the receiver's class
     */
    public static boolean dispatches(AsyncMethod m) {
        return !m.isStatic && !m.element.getModifiers().contains(Modifier.FINAL)
                && !m.owner.getModifiers().contains(Modifier.FINAL);
    }

    /**
     * Whether {@code m} has the non-virtual entry {@code m_super}: an instance method with a body.
     *
     * @param m a template
     * @return {@code true} if it has an {@code m_super} entry
     */
    public static boolean hasOwnEntry(AsyncMethod m) {
        return !m.isStatic && !isAbstract(m);
    }

    private static boolean isAbstract(AsyncMethod m) {
        return m.element.getModifiers().contains(Modifier.ABSTRACT);
    }

    /**
     * Adds {@code m}'s companion methods: {@code direct} as is, or the dispatching ones.
     *
     * @param type the companion being built
     * @param m the template
     * @param direct the companion method that starts {@code m}'s own machine
     */
    public static void add(TypeSpec.Builder type, AsyncMethod m, MethodSpec direct) {
        if (!dispatches(m)) {
            type.addMethod(direct);
            if (hasOwnEntry(m)) {
                type.addMethod(ownEntry(m));
            }
            return;
        }
        type.addMethod(dispatching(m));
        if (hasOwnEntry(m)) {
            type.addMethod(ownEntry(m));
        }
        type.addMethod(plainEntry(m));
    }

    /**
     * When there are instance methods: the companion's {@code LOOKUP}, registered in the static
     * initializer (so that dispatchers in other companions can run these templates for overrides),
     * and the nested {@code Dispatchers} holding the call sites, which is initialized on the first
     * dispatched call rather than when the companion loads (making a call site costs
     * {@code java.lang.invoke} work that a receiver of exactly the owner's class never needs).
     *
     * @param type the companion being built
     * @param methods the owner's templates
     */
    public static void addLookupAndDispatchers(TypeSpec.Builder type, List<AsyncMethod> methods) {
        if (methods.stream().allMatch(m -> m.isStatic)) {
            return;
        }
        type.addField(FieldSpec.builder(MethodHandles.Lookup.class, LOOKUP, Modifier.PRIVATE, Modifier.STATIC, Modifier.FINAL)
                .addJavadoc("This companion's own lookup: dispatchers here and in other companions reach its entries with it.\n")
                .initializer("$T.lookup()", MethodHandles.class)
                .build());
        type.addStaticBlock(CodeBlock.of("$T.register($L);\n", VIRTUAL_DISPATCH, LOOKUP));
        TypeSpec.Builder holder = TypeSpec.classBuilder(DISPATCHERS)
                .addModifiers(Modifier.PRIVATE, Modifier.STATIC, Modifier.FINAL)
                .addJavadoc("The call sites of the dispatching methods, made on the first call that dispatches.\n");
        boolean any = false;
        for (AsyncMethod m : methods) {
            if (dispatches(m)) {
                holder.addField(dispatcherField(m));
                any = true;
            }
        }
        if (any) {
            type.addType(holder.build());
        }
    }

    /** {@code find} ({@code find_2} for the second overload): unique like the machine names. */
    static String dispatcherName(AsyncMethod m) {
        String machine = m.stateMachine().simpleName();
        return machine.substring(0, machine.length() - "_StateMachine".length());
    }

    private static FieldSpec dispatcherField(AsyncMethod m) {
        CodeBlock.Builder classes = CodeBlock.builder().add("$T.class", ClassName.get(m.owner));
        for (VariableElement p : m.element.getParameters()) {
            classes.add(", $T.class", erasure(p.asType()));
        }
        ClassName future = m.failureType() == null ? AsyncMethod.FUTURE : AsyncMethod.TRY_FUTURE;
        return FieldSpec.builder(MethodHandle.class, dispatcherName(m), Modifier.STATIC, Modifier.FINAL)
                .initializer("$T.dispatcher($L, $S,\n$>$>$T.methodType($T.class, $L)$<$<)", VIRTUAL_DISPATCH,
                        LOOKUP, m.element.getSimpleName().toString(), MethodType.class, future, classes.build())
                .build();
    }

    private static MethodSpec dispatching(AsyncMethod m) {
        String receiver = CompanionWriter.receiverName(m);
        MethodSpec.Builder b = signature(m, m.element.getSimpleName().toString(), receiver)
                .addModifiers(m.visibility())
                .addAnnotation(suppress(m, "unchecked"))
                .addJavadoc("The async version of {@link $T#$L}: runs what {@code $L.$L(...)} runs, the override\n"
                        + "that the receiver's class selects: an {@code @Async} one as its state machine, a plain one\n"
                        + "(a hand-written method, a mock) called on the first poll.\n",
                        ClassName.get(m.owner), m.element.getSimpleName(), receiver, m.element.getSimpleName());
        if (hasOwnEntry(m) && m.owner.getKind() != ElementKind.INTERFACE
                && !m.owner.getModifiers().contains(Modifier.ABSTRACT)) {
            b.beginControlFlow("if ($L.getClass() == $T.class)", receiver, ClassName.get(m.owner))
                    .addComment("exactly $L: its own template, no lookup", m.owner.getSimpleName())
                    .addStatement("return $L_super($L)", m.element.getSimpleName(), arguments(m, receiver))
                    .endControlFlow();
        }
        String failure = CompanionWriter.unusedName(m, "failure");
        return b.beginControlFlow("try")
                .addStatement("return ($T) $L.$L.invokeExact($L)", m.futureType(), DISPATCHERS, dispatcherName(m),
                        arguments(m, receiver))
                .nextControlFlow("catch ($T $L)", Throwable.class, failure)
                .addStatement("throw $T.sneaky($L)", FAILURES, failure)
                .endControlFlow()
                .build();
    }

    private static MethodSpec ownEntry(AsyncMethod m) {
        String receiver = CompanionWriter.receiverName(m);
        MethodSpec.Builder b = signature(m, m.element.getSimpleName() + "_super", receiver)
                .addModifiers(m.visibility())
                .addJavadoc("Runs {@link $T#$L}'s own template on {@code $L}, without dispatch:\nwhat {@code super.$L(...)}"
                        + " runs in a subclass.\n", ClassName.get(m.owner), m.element.getSimpleName(), receiver,
                        m.element.getSimpleName());
        if (m.element.isVarArgs()) {
            b.addAnnotation(suppress(m));
        }
        List<TypeVariableName> vars = m.typeVariables();
        if (vars.isEmpty()) {
            return b.addStatement("return new $T($L)", m.stateMachine(), arguments(m, receiver)).build();
        }
        List<String> names = new ArrayList<>();
        vars.forEach(v -> names.add(v.name()));
        return b.addStatement("return new $T<$L>($L)", m.stateMachine(), String.join(", ", names), arguments(m, receiver))
                .build();
    }

    private static MethodSpec plainEntry(AsyncMethod m) {
        String receiver = CompanionWriter.receiverName(m);
        MethodSpec.Builder b = signature(m, m.element.getSimpleName() + "_plain", receiver)
                .addModifiers(Modifier.PRIVATE)
                .addJavadoc("The future of an override of {@code $L} that is not {@code @Async}: the call, made on the first"
                        + " poll.\n", m.element.getSimpleName());
        if (m.element.isVarArgs()) {
            b.addAnnotation(suppress(m));
        }
        CodeBlock call = CodeBlock.of("$L.$L$L($L)", receiver, methodTypeArguments(m), m.element.getSimpleName(),
                arguments(m, null));
        if (m.element.getReturnType().getKind() == TypeKind.VOID) {
            return b.addCode("return $T.plain(() -> {\n$>$L;\nreturn null;\n$<});\n", VIRTUAL_DISPATCH, call).build();
        }
        return b.addStatement("return $T.plain(() -> $L)", VIRTUAL_DISPATCH, call).build();
    }

    /** {@code static <T...> Future<R> name(X<T> self, P p...)}. */
    private static MethodSpec.Builder signature(AsyncMethod m, String name, String receiver) {
        MethodSpec.Builder b = MethodSpec.methodBuilder(name)
                .addModifiers(Modifier.STATIC)
                .addTypeVariables(m.typeVariables())
                .returns(m.futureType())
                .varargs(m.element.isVarArgs())
                .addParameter(m.selfType(), receiver);
        for (VariableElement p : m.element.getParameters()) {
            b.addParameter(ParameterSpec.builder(TypeName.get(p.asType()), p.getSimpleName().toString()).build());
        }
        return b;
    }

    /** {@code self, a, b} (or {@code a, b} when {@code receiver} is null). */
    private static String arguments(AsyncMethod m, String receiver) {
        List<String> names = new ArrayList<>();
        if (receiver != null) {
            names.add(receiver);
        }
        for (VariableElement p : m.element.getParameters()) {
            names.add(p.getSimpleName().toString());
        }
        return String.join(", ", names);
    }

    /** {@code <U>} for a generic method, so the plain call does not depend on inference. */
    private static String methodTypeArguments(AsyncMethod m) {
        if (m.element.getTypeParameters().isEmpty()) {
            return "";
        }
        List<String> names = new ArrayList<>();
        for (TypeParameterElement p : m.element.getTypeParameters()) {
            names.add(p.getSimpleName().toString());
        }
        return "<" + String.join(", ", names) + ">";
    }

    private static AnnotationSpec suppress(AsyncMethod m, String... more) {
        List<String> values = new ArrayList<>(List.of(more));
        if (m.element.isVarArgs()) {
            // the companion only hands the array on; the template carries any heap-pollution warning
            if (!values.contains("unchecked")) {
                values.add("unchecked");
            }
            values.add("varargs");
        }
        CodeBlock.Builder list = CodeBlock.builder();
        for (int i = 0; i < values.size(); i++) {
            list.add(i == 0 ? "$S" : ", $S", values.get(i));
        }
        return AnnotationSpec.builder(SuppressWarnings.class)
                .addMember("value", values.size() == 1 ? "$L" : "{$L}", list.build()).build();
    }

    /** The erasure of a parameter type, as its class literal's type: what the JVM descriptor holds. */
    static TypeName erasure(TypeMirror type) {
        switch (type.getKind()) {
            case ARRAY:
                return ArrayTypeName.of(erasure(((ArrayType) type).getComponentType()));
            case DECLARED:
                return ClassName.get((TypeElement) ((DeclaredType) type).asElement());
            case TYPEVAR:
                return erasure(((TypeVariable) type).getUpperBound());
            case INTERSECTION:
                return erasure(((IntersectionType) type).getBounds().get(0));
            default:
                return TypeName.get(type);   // primitives
        }
    }
}
