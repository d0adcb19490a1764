package dev.jawait.processor.emission;

import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.FieldSpec;
import com.palantir.javapoet.MethodSpec;
import com.palantir.javapoet.ParameterizedTypeName;
import com.palantir.javapoet.TypeName;
import com.palantir.javapoet.TypeSpec;
import com.palantir.javapoet.TypeVariableName;
import dev.jawait.processor.analysis.Operators;
import dev.jawait.processor.front.Reachability;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.invoke.VarHandle;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import javax.lang.model.element.Element;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.TypeElement;
import javax.lang.model.element.TypeParameterElement;
import javax.lang.model.element.VariableElement;
import javax.lang.model.type.ExecutableType;
import javax.lang.model.type.TypeKind;
import javax.lang.model.type.TypeMirror;
import javax.lang.model.type.TypeVariable;
import javax.lang.model.util.Types;

/**
 * Reaches private members of the template's classes from the generated state machine: each member
 * gets a {@code VarHandle}/{@code MethodHandle} constant (from {@code MethodHandles.privateLookupIn})
 * in a {@code static final} field, which the JIT folds, and small static bridge methods that the
 * printed code calls like ordinary Java ({@code get_secret(self)}, {@code set_secret(self, v)},
 * {@code hidden(self, 5)}). {@code super.m(...)} gets a {@code findSpecial} handle the same way
 * ({@code super_m(self, 5)}). The machine lives in the template's package, so the private lookup
 * needs no {@code opens}, in a named module too.
 *
 * <pre>{@code
 * Code read = access.read(secretField, Code.of("self"));   // get_secret(self)
 * access.addTo(typeSpec);                                   // handles, static init, bridges
 * }</pre>
 */
public final class PrivateAccess {
    private static final ClassName FAILURES = ClassName.get("dev.jawait", "Failures");

    private final Types types;
    private final Map<Element, String> handles = new LinkedHashMap<>();
    private final Map<List<Object>, SuperCall> supers = new LinkedHashMap<>();
    private final Map<String, MethodSpec> bridges = new LinkedHashMap<>();
    private final Set<String> names = new HashSet<>();

    /**
     * No handles yet; the printer adds them as it meets private members.
     *
     * @param types javac's type utilities
     */
    public PrivateAccess(Types types) {
        this.types = types;
    }

    /** A {@code super.m(...)} made from outside the class: {@code caller} is the template's class. */
    private static final class SuperCall {
        final ExecutableElement method;
        final String handle;
        final TypeElement caller;
        final TypeElement via;   // a direct superinterface, or null for the superclass

        SuperCall(ExecutableElement method, String handle, TypeElement caller, TypeElement via) {
            this.method = method;
            this.handle = handle;
            this.caller = caller;
            this.via = via;
        }
    }

    /**
     * Whether the printed code uses no private member.
     *
     * @return {@code true} when nothing has to be added to the class
     */
    public boolean isEmpty() {
        return handles.isEmpty() && supers.isEmpty();
    }

    private String handle(Element e) {
        return handles.computeIfAbsent(e, k -> unique(memberName(k).toUpperCase(Locale.ROOT) + "_HANDLE"));
    }

    /** The member's simple name; {@code Owner_new} for a constructor (whose name is {@code <init>}). */
    private static String memberName(Element e) {
        return e.getKind() == ElementKind.CONSTRUCTOR ? owner(e).getSimpleName() + "_new" : e.getSimpleName().toString();
    }

    private String unique(String base) {
        String n = base;
        for (int i = 2; !names.add(n); i++) {
            n = base + "_" + i;
        }
        return n;
    }

    private static boolean isStatic(Element e) {
        return e.getModifiers().contains(Modifier.STATIC);
    }

    private static TypeElement owner(Element e) {
        return (TypeElement) e.getEnclosingElement();
    }

    private static TypeName ownerType(TypeElement owner) {
        ClassName raw = ClassName.get(owner);
        if (owner.getTypeParameters().isEmpty()) {
            return raw;
        }
        List<TypeName> args = new ArrayList<>();
        for (TypeParameterElement p : owner.getTypeParameters()) {
            args.add(TypeVariableName.get(p.getSimpleName().toString()));
        }
        return ParameterizedTypeName.get(raw, args.toArray(new TypeName[0]));
    }

    private MethodSpec.Builder bridge(String name, Element member, Code target) {
        MethodSpec.Builder b = bridge(name, member, owner(member));
        if (discards(member, target)) {
            b.addParameter(Object.class, "discarded");
        }
        return b;
    }

    /**
     * Whether {@code target} is a value that a static {@code member} was named through
     * ({@code make().count}): Java evaluates it, first, and discards it (JLS 15.11.1, 15.12.4.1),
     * so the bridge takes it as an ignored first argument.
     */
    private static boolean discards(Element member, Code target) {
        return isStatic(member) && target != null;
    }

    /** The key of a bridge of {@code member}: one per handle, and one more taking a discarded receiver. */
    private String key(String name, Element member, Code target) {
        return name + "#" + handleKey(member) + (discards(member, target) ? "#discarding" : "");
    }

    /** A private static bridge, taking {@code TargetType target} first for an instance member. */
    private MethodSpec.Builder bridge(String name, Element member, TypeElement targetType) {
        MethodSpec.Builder b = MethodSpec.methodBuilder(name).addModifiers(Modifier.PRIVATE, Modifier.STATIC);
        if (!isStatic(member)) {
            for (TypeParameterElement p : targetType.getTypeParameters()) {
                b.addTypeVariable(TypeVariableName.get(p));
            }
            b.addParameter(ownerType(targetType), "target");
        }
        return b;
    }

    private Code call(String bridge, Code target, List<Code> args) {
        Code c = new Code().text(bridge + "(");
        boolean first = true;
        if (target != null) {
            c.add(target);
            first = false;
        }
        for (Code a : args) {
            c.text(first ? "" : ", ").add(a);
            first = false;
        }
        return c.text(")").atomic();
    }

    private String receiver(Element member) {
        return isStatic(member) ? "" : "target";
    }

    /**
     * {@code get_f(target)}: reads a private field.
     *
     * @param f the private field
     * @param target the receiver; for a static field {@code null}, or the value it was named through (evaluated first, discarded)
     * @return the read
     */
    public Code read(VariableElement f, Code target) {
        String name = "get_" + f.getSimpleName();
        String key = key(name, f, target);
        if (!bridges.containsKey(key)) {
            TypeName type = TypeName.get(f.asType());
            bridges.put(key, bridge(unique(name), f, target).returns(type)
                    .addStatement("return ($T) $L.get($L)", type, handle(f), receiver(f)).build());
        }
        return call(bridges.get(key).name(), target, List.of());
    }

    /**
     * {@code set_f(target, value)}: writes a private field, returning the value.
     *
     * @param f the private field
     * @param target the receiver; for a static field {@code null}, or the value it was named through (evaluated first, discarded)
     * @param value the new value
     * @return the write, an expression of the value
     */
    public Code write(VariableElement f, Code target, Code value) {
        String name = "set_" + f.getSimpleName();
        String key = key(name, f, target);
        if (!bridges.containsKey(key)) {
            TypeName type = TypeName.get(f.asType());
            String sep = isStatic(f) ? "" : ", ";
            bridges.put(key, bridge(unique(name), f, target).returns(type).addParameter(type, "value")
                    .addStatement("$L.set($L$Lvalue)", handle(f), receiver(f), sep)
                    .addStatement("return value").build());
        }
        return call(bridges.get(key).name(), target, List.of(value));
    }

    /**
     * {@code update_f(read_f(target), value)}: {@code target.f op= value} on a private field whose
     * receiver has side effects, so it is evaluated once. Java reads (and unboxes) the field
     * before it evaluates {@code value} (JLS 15.26.2), which may change it: {@code read_f} returns
     * the receiver and the old value as an {@code Object[]}, and {@code update_f} stores
     * {@code (P) (old op value)} into that receiver, returning it ({@code P}: the field's type, a
     * box's primitive).
     *
     * @param f the private field
     * @param target the receiver of the (instance) field
     * @param operator the compound operator, e.g. {@code "+="}
     * @param value the right operand
     * @param valueType the right operand's type, for the conversion Java applies
     * @return the update, an expression of the new value
     */
    public Code update(VariableElement f, Code target, String operator, Code value, TypeMirror valueType) {
        TypeName type = TypeName.get(f.asType());
        TypeName computed = TypeName.get(Operators.computedIn(types, f.asType()));
        TypeName rhs = TypeName.get(valueType.getKind() == TypeKind.NULL ? f.asType() : valueType);
        String readKey = "read_" + f.getSimpleName() + "#" + handleKey(f);
        if (!bridges.containsKey(readKey)) {
            bridges.put(readKey, bridge(unique("read_" + f.getSimpleName()), f, (Code) null).returns(Object[].class)
                    .addStatement("return new Object[] {target, ($T) $L.get(target)}", computed, handle(f)).build());
        }
        String key = "update_" + f.getSimpleName() + "#" + handleKey(f) + operator + rhs;
        if (!bridges.containsKey(key)) {
            bridges.put(key, MethodSpec.methodBuilder(unique("update_" + f.getSimpleName()))
                    .addModifiers(Modifier.PRIVATE, Modifier.STATIC).returns(type)
                    .addParameter(Object[].class, "read").addParameter(rhs, "value")
                    .addStatement("$T result = ($T) (($T) read[1] $L value)", type, computed, computed, operator)
                    .addStatement("$L.set(read[0], result)", handle(f))
                    .addStatement("return result").build());
        }
        Code read = call(bridges.get(readKey).name(), target, List.of());
        return call(bridges.get(key).name(), null, List.of(read, value));
    }

    /**
     * {@code f++}, {@code --f} and friends on a private field.
     *
     * @param f the private field
     * @param target the receiver; for a static field {@code null}, or the value it was named through (evaluated first, discarded)
     * @param prefix {@code true} for {@code ++f}, {@code false} for {@code f++}
     * @param up {@code true} for an increment, {@code false} for a decrement
     * @return the update, an expression of the old or new value as Java gives it
     */
    public Code increment(VariableElement f, Code target, boolean prefix, boolean up) {
        TypeName type = TypeName.get(f.asType());
        TypeName computed = TypeName.get(Operators.computedIn(types, f.asType()));   // a box unboxed: Short's short
        String name = (prefix ? "pre" : "post") + (up ? "Increment_" : "Decrement_") + f.getSimpleName();
        String key = key(name, f, target);
        if (!bridges.containsKey(key)) {
            String sep = isStatic(f) ? "" : ", ";
            bridges.put(key, bridge(unique(name), f, target).returns(type)
                    .addStatement("$T old = ($T) $L.get($L)", computed, computed, handle(f), receiver(f))
                    .addStatement("$T updated = ($T) (old $L 1)", type, computed, up ? "+" : "-")
                    .addStatement("$L.set($L$Lupdated)", handle(f), receiver(f), sep)
                    .addStatement("return $L", prefix ? "updated" : "old").build());
        }
        return call(bridges.get(key).name(), target, List.of());
    }

    /**
     * {@code m(target, args)}: calls a private method through its handle.
     *
     * @param m the private method
     * @param target the receiver; for a static method {@code null}, or the value it was named through (evaluated first, discarded)
     * @param args the arguments, lowered
     * @return the call
     */
    public Code invoke(ExecutableElement m, Code target, List<Code> args) {
        String name = m.getSimpleName().toString();
        String key = key("call_" + name, m, target);
        if (!bridges.containsKey(key)) {
            MethodSpec.Builder b = bridge(unique("call_" + name), m, target);
            for (TypeParameterElement p : m.getTypeParameters()) {
                b.addTypeVariable(TypeVariableName.get(p));
            }
            CodeBlock.Builder invokeArgs = CodeBlock.builder();
            if (!isStatic(m)) {
                invokeArgs.add("target");
            }
            int i = 0;
            for (VariableElement p : m.getParameters()) {
                String pn = "arg" + i++;
                b.addParameter(TypeName.get(p.asType()), pn);
                invokeArgs.add(invokeArgs.isEmpty() ? "$L" : ", $L", pn);
            }
            b.varargs(m.isVarArgs());
            for (TypeMirror thrown : m.getThrownTypes()) {
                b.addException(TypeName.get(thrown));
            }
            b.beginControlFlow("try");
            if (m.getReturnType().getKind() == TypeKind.VOID) {
                b.addStatement("$L.invoke($L)", handle(m), invokeArgs.build());
            } else {
                TypeName r = TypeName.get(m.getReturnType());
                b.returns(r).addStatement("return ($T) $L.invoke($L)", r, handle(m), invokeArgs.build());
            }
            b.nextControlFlow("catch ($T failure)", Throwable.class)
                    .addStatement("throw $T.sneaky(failure)", FAILURES).endControlFlow();
            bridges.put(key, b.build());
        }
        return call(bridges.get(key).name(), target, args);
    }

    /**
     * {@code new_Owner(args)}, or {@code new_Owner(outer, args)} for an inner class: calls a private
     * constructor through a {@code findConstructor} handle. The bridge takes the class's type
     * parameters, so a diamond {@code new Box<>(x)} infers them as Java would.
     *
     * @param ctor the private constructor
     * @param outer the enclosing instance of an inner class, or {@code null}
     * @param args the arguments, lowered
     * @return the construction
     */
    public Code construct(ExecutableElement ctor, Code outer, List<Code> args) {
        TypeElement owner = owner(ctor);
        String key = "new#" + handleKey(ctor);
        if (!bridges.containsKey(key)) {
            MethodSpec.Builder b = MethodSpec.methodBuilder(unique("new_" + owner.getSimpleName()))
                    .addModifiers(Modifier.PRIVATE, Modifier.STATIC);
            for (TypeParameterElement p : owner.getTypeParameters()) {
                b.addTypeVariable(TypeVariableName.get(p));
            }
            for (TypeParameterElement p : ctor.getTypeParameters()) {
                b.addTypeVariable(TypeVariableName.get(p));
            }
            CodeBlock.Builder invokeArgs = CodeBlock.builder();
            if (Reachability.isInner(owner)) {
                b.addParameter(ClassName.get((TypeElement) owner.getEnclosingElement()), "outer");
                invokeArgs.add("outer");
            }
            int i = 0;
            for (VariableElement p : ctor.getParameters()) {
                String pn = "arg" + i++;
                b.addParameter(TypeName.get(p.asType()), pn);
                invokeArgs.add(invokeArgs.isEmpty() ? "$L" : ", $L", pn);
            }
            b.varargs(ctor.isVarArgs());
            for (TypeMirror thrown : ctor.getThrownTypes()) {
                b.addException(TypeName.get(thrown));
            }
            TypeName created = ownerType(owner);
            b.returns(created).beginControlFlow("try")
                    .addStatement("return ($T) $L.invoke($L)", created, handle(ctor), invokeArgs.build())
                    .nextControlFlow("catch ($T failure)", Throwable.class)
                    .addStatement("throw $T.sneaky(failure)", FAILURES).endControlFlow();
            bridges.put(key, b.build());
        }
        List<Code> all = new ArrayList<>();
        if (outer != null) {
            all.add(outer);
        }
        all.addAll(args);
        return call(bridges.get(key).name(), null, all);
    }

    /**
     * {@code super_m(target, args)}: calls {@code m} as {@code super.m(args)} (or
     * {@code Via.super.m(args)} for a default method of the direct superinterface {@code via}) on
     * {@code target}, an instance of {@code caller}, through a {@code findSpecial} handle (no
     * dynamic dispatch). {@code asMember} is {@code m}'s type seen from {@code caller}.
     *
     * @param m the method to call
     * @param asMember {@code m}'s type as a member of {@code caller}
     * @param caller the template's class
     * @param via the direct superinterface, or {@code null} for the superclass
     * @param target the receiver
     * @param args the arguments, lowered
     * @return the call
     */
    public Code invokeSuper(ExecutableElement m, ExecutableType asMember, TypeElement caller, TypeElement via,
            Code target, List<Code> args) {
        List<Object> key = List.of(m, caller, via == null ? "" : via);
        SuperCall call = supers.get(key);
        if (call == null) {
            String base = (via == null ? "SUPER_" : via.getSimpleName().toString().toUpperCase(Locale.ROOT) + "_SUPER_")
                    + m.getSimpleName().toString().toUpperCase(Locale.ROOT) + "_HANDLE";
            call = new SuperCall(m, unique(base), caller, via);
            supers.put(key, call);
            MethodSpec.Builder b = bridge(unique("super_" + m.getSimpleName()), m, caller);
            for (TypeVariable v : asMember.getTypeVariables()) {
                b.addTypeVariable(TypeVariableName.get(v));
            }
            CodeBlock.Builder invokeArgs = CodeBlock.builder().add("target");
            int i = 0;
            for (TypeMirror p : asMember.getParameterTypes()) {
                String pn = "arg" + i++;
                b.addParameter(TypeName.get(p), pn);
                invokeArgs.add(", $L", pn);
            }
            b.varargs(m.isVarArgs());
            for (TypeMirror thrown : asMember.getThrownTypes()) {
                b.addException(TypeName.get(thrown));
            }
            b.beginControlFlow("try");
            if (asMember.getReturnType().getKind() == TypeKind.VOID) {
                b.addStatement("$L.invoke($L)", call.handle, invokeArgs.build());
            } else {
                TypeName r = TypeName.get(asMember.getReturnType());
                b.returns(r).addStatement("return ($T) $L.invoke($L)", r, call.handle, invokeArgs.build());
            }
            b.nextControlFlow("catch ($T failure)", Throwable.class)
                    .addStatement("throw $T.sneaky(failure)", FAILURES).endControlFlow();
            bridges.put("super#" + call.handle, b.build());
        }
        return call(bridges.get("super#" + call.handle).name(), target, args);
    }

    private String handleKey(Element e) {
        return handle(e);
    }

    /**
     * Adds the handle constants, their static initializer and the bridges to {@code type}.
     *
     * @param type the state machine being built
     */
    public void addTo(TypeSpec.Builder type) {
        if (isEmpty()) {
            return;
        }
        CodeBlock.Builder init = CodeBlock.builder().beginControlFlow("try");
        Map<TypeElement, String> lookups = new LinkedHashMap<>();
        List<TypeElement> lookupClasses = new ArrayList<>();
        for (Element e : handles.keySet()) {
            lookupClasses.add(owner(e));
        }
        for (SuperCall call : supers.values()) {
            lookupClasses.add(call.caller);   // findSpecial needs the caller's own private lookup
        }
        for (TypeElement owner : lookupClasses) {
            if (!lookups.containsKey(owner)) {
                String lookup = "lookup" + lookups.size();
                lookups.put(owner, lookup);
                init.addStatement("$T $L = $T.privateLookupIn($T.class, $T.lookup())", MethodHandles.Lookup.class, lookup,
                        MethodHandles.class, ClassName.get(owner), MethodHandles.class);
            }
        }
        for (Map.Entry<Element, String> h : handles.entrySet()) {
            Element e = h.getKey();
            TypeElement owner = owner(e);
            String lookup = lookups.get(owner);
            if (e instanceof VariableElement) {
                type.addField(FieldSpec.builder(VarHandle.class, h.getValue(), Modifier.PRIVATE, Modifier.STATIC,
                        Modifier.FINAL).build());
                init.addStatement("$L = $L.$L($T.class, $S, $T.class)", h.getValue(), lookup,
                        isStatic(e) ? "findStaticVarHandle" : "findVarHandle", ClassName.get(owner),
                        e.getSimpleName().toString(), erasure(e.asType()));
            } else if (e.getKind() == ElementKind.CONSTRUCTOR) {
                type.addField(FieldSpec.builder(MethodHandle.class, h.getValue(), Modifier.PRIVATE, Modifier.STATIC,
                        Modifier.FINAL).build());
                init.addStatement("$L = $L.findConstructor($T.class, $L)", h.getValue(), lookup, ClassName.get(owner),
                        methodType((ExecutableElement) e));
            } else {
                ExecutableElement m = (ExecutableElement) e;
                type.addField(FieldSpec.builder(MethodHandle.class, h.getValue(), Modifier.PRIVATE, Modifier.STATIC,
                        Modifier.FINAL).build());
                init.addStatement("$L = $L.$L($T.class, $S, $L)", h.getValue(), lookup,
                        isStatic(m) ? "findStatic" : "findVirtual", ClassName.get(owner), m.getSimpleName().toString(),
                        methodType(m));
            }
        }
        for (SuperCall call : supers.values()) {
            type.addField(FieldSpec.builder(MethodHandle.class, call.handle, Modifier.PRIVATE, Modifier.STATIC,
                    Modifier.FINAL).build());
            CodeBlock refc = call.via == null
                    ? CodeBlock.of("$T.class.getSuperclass()", ClassName.get(call.caller))   // names no private superclass
                    : CodeBlock.of("$T.class", ClassName.get(call.via));
            init.addStatement("$L = $L.findSpecial($L, $S, $L, $T.class)", call.handle, lookups.get(call.caller), refc,
                    call.method.getSimpleName().toString(), methodType(call.method),
                    ClassName.get(call.caller));
        }
        init.nextControlFlow("catch ($T e)", ReflectiveOperationException.class)
                .addStatement("throw new $T(e)", ExceptionInInitializerError.class).endControlFlow();
        type.addStaticBlock(init.build());
        for (MethodSpec b : bridges.values()) {
            type.addMethod(b);
        }
    }

    /**
     * {@code MethodType.methodType(R.class, P.class...)} of {@code m}'s erased declaration; an inner
     * class's constructor takes its enclosing instance first, as in its bytecode.
     */
    private CodeBlock methodType(ExecutableElement m) {
        CodeBlock.Builder mt = CodeBlock.builder().add("$T.methodType($T.class", MethodType.class, erasure(m.getReturnType()));
        if (m.getKind() == ElementKind.CONSTRUCTOR && Reachability.isInner(owner(m))) {
            mt.add(", $T.class", erasure(owner(m).getEnclosingElement().asType()));
        }
        for (VariableElement p : m.getParameters()) {
            mt.add(", $T.class", erasure(p.asType()));
        }
        return mt.add(")").build();
    }

    private TypeName erasure(TypeMirror t) {
        if (t.getKind() == TypeKind.VOID) {
            return TypeName.VOID;
        }
        return TypeName.get(types.erasure(t));
    }
}
