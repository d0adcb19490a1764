package dev.jawait.processor.emission;

import com.palantir.javapoet.AnnotationSpec;
import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.FieldSpec;
import com.palantir.javapoet.JavaFile;
import com.palantir.javapoet.MethodSpec;
import com.palantir.javapoet.ParameterizedTypeName;
import com.palantir.javapoet.TypeName;
import com.palantir.javapoet.TypeSpec;
import dev.jawait.processor.analysis.Variables;
import dev.jawait.processor.front.AsyncMethod;
import dev.jawait.processor.lowering.Lowering;
import dev.jawait.processor.lowering.Region;
import dev.jawait.processor.lowering.StateBuilder;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.lang.model.element.Element;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.VariableElement;

/**
 * Writes the state machine class of one {@code @Async} method from its lowered states: fields
 * for everything that lives across an await, a constructor taking the receiver and parameters,
 * and {@code step}: a {@code switch (state)} in a loop, whose {@code catch (Throwable)} sends
 * failures to the catch/finally of the state's exception region.
 *
 * <pre>{@code
 * JavaFile file = StateMachineWriter.write(method, vars, typeNames, lowering);
 * }</pre>
 */
public final class StateMachineWriter {
    static final ClassName STATE_MACHINE = ClassName.get("dev.jawait.internal", "StateMachine");
    static final ClassName CONTEXT = ClassName.get("dev.jawait", "Context");
    static final ClassName POLL = ClassName.get("dev.jawait", "Poll");

    private StateMachineWriter() {}

    public static JavaFile write(AsyncMethod m, Variables vars, TypeNames typeNames, Lowering lowering) {
        TypeSpec.Builder type = skeleton(m);
        Map<Integer, Integer> order = new java.util.HashMap<>();
        for (StateBuilder.State s : lowering.states().states()) {
            order.put(s.number, order.size());   // states numbered in the order they appear
        }
        MethodSpec.Builder ctor = MethodSpec.constructorBuilder();
        if (!m.isStatic) {
            type.addField(FieldSpec.builder(m.selfType(), "self", Modifier.PRIVATE, Modifier.FINAL).build());
            ctor.addParameter(m.selfType(), "self").addStatement("this.self = self");
        }
        List<? extends VariableElement> params = m.element.getParameters();
        for (Element v : vars.hoisted()) {
            TypeName fieldType = typeNames.variableType(v, vars.declarationOf(v));
            type.addField(FieldSpec.builder(fieldType, vars.nameOf(v), Modifier.PRIVATE).build());
            if (params.contains(v)) {
                ctor.addParameter(fieldType, vars.nameOf(v)).addStatement("this.$L = $L", vars.nameOf(v), vars.nameOf(v));
            }
        }
        for (Lowering.Field f : lowering.fields()) {
            type.addField(FieldSpec.builder(f.type, f.name, Modifier.PRIVATE).build());
        }
        type.addMethod(ctor.build());
        type.addMethod(MethodSpec.methodBuilder("step")
                .addAnnotation(Override.class)
                .addModifiers(Modifier.PROTECTED)
                .returns(ParameterizedTypeName.get(POLL, m.resultType()))
                .addParameter(CONTEXT, "cx")
                .addCode(body(lowering.states(), order))
                .build());
        Map<Integer, String> points = new LinkedHashMap<>();
        for (StateBuilder.State s : lowering.states().states()) {
            String where = lowering.suspensionPoints().get(s.number);
            if (where != null) {
                points.put(order.get(s.number), where);
            }
        }
        type.addMethod(where(points));
        lowering.printer().access().addTo(type);
        for (TypeSpec member : lowering.memberClasses()) {
            type.addType(member);
        }
        return JavaFile.builder(m.packageName(), type.build()).skipJavaLangImports(true).indent("    ").build();
    }

    /** A machine whose method could not be compiled; keeps the companion compiling. */
    public static JavaFile writeFailed(AsyncMethod m) {
        TypeSpec.Builder type = skeleton(m);
        MethodSpec.Builder ctor = MethodSpec.constructorBuilder();
        if (!m.isStatic) {
            ctor.addParameter(m.selfType(), "self");
        }
        for (VariableElement p : m.element.getParameters()) {
            ctor.addParameter(TypeName.get(p.asType()), "p" + ctor.build().parameters().size());
        }
        type.addMethod(ctor.build());
        type.addMethod(MethodSpec.methodBuilder("step")
                .addAnnotation(Override.class)
                .addModifiers(Modifier.PROTECTED)
                .returns(ParameterizedTypeName.get(POLL, m.resultType()))
                .addParameter(CONTEXT, "cx")
                .addStatement("throw new $T($S)", IllegalStateException.class,
                        "jawait could not compile " + m.displayName() + "; see the compiler errors")
                .build());
        type.addMethod(where(Map.of()));
        return JavaFile.builder(m.packageName(), type.build()).skipJavaLangImports(true).indent("    ").build();
    }

    private static TypeSpec.Builder skeleton(AsyncMethod m) {
        TypeSpec.Builder type = TypeSpec.classBuilder(m.stateMachine())
                .addAnnotation(CompanionWriter.GENERATED)
                .addAnnotation(AnnotationSpec.builder(SuppressWarnings.class)
                        .addMember("value", "{$S, $S, $S, $S}", "unchecked", "rawtypes", "cast", "unused").build())
                .addModifiers(Modifier.FINAL)
                .addOriginatingElement(m.owner)
                .addJavadoc("The state machine of {@link $T#$L}, generated by jawait.\n", ClassName.get(m.owner),
                        m.element.getSimpleName())
                .addTypeVariables(m.typeVariables())
                .superclass(ParameterizedTypeName.get(STATE_MACHINE, m.resultType()));
        if (m.failureType() != null) {
            type.addSuperinterface(m.futureType());
        }
        type.addMethod(MethodSpec.methodBuilder("name")
                .addAnnotation(Override.class)
                .addModifiers(Modifier.PROTECTED)
                .returns(String.class)
                .addStatement("return $S", m.displayName())
                .build());
        return type;
    }

    private static MethodSpec where(Map<Integer, String> points) {
        CodeBlock.Builder b = CodeBlock.builder();
        if (!points.isEmpty()) {
            b.beginControlFlow("switch (state)");
            for (Map.Entry<Integer, String> p : points.entrySet()) {
                b.add("case $L:\n", p.getKey()).indent().addStatement("return $S", p.getValue()).unindent();
            }
            b.add("default:\n").indent().addStatement("return $S + state", "state ").unindent();
            b.endControlFlow();
        } else {
            b.addStatement("return $S + state", "state ");
        }
        return MethodSpec.methodBuilder("where")
                .addAnnotation(Override.class)
                .addModifiers(Modifier.PROTECTED)
                .returns(String.class)
                .addParameter(int.class, "state")
                .addCode(b.build())
                .build();
    }

    private static CodeBlock body(StateBuilder states, Map<Integer, Integer> order) {
        Code c = new Code();
        c.text("dispatch:\nfor (;;) {\n").indent().text("try {\n").indent().text("switch (state) {\n").indent();
        Map<Region, List<Integer>> byRegion = new LinkedHashMap<>();
        Map<Region, Boolean> seen = new IdentityHashMap<>();
        for (StateBuilder.State s : states.states()) {
            c.text("case " + order.get(s.number) + ": {\n").indent();
            if (s.code.isEmpty()) {
                c.text("throw new IllegalStateException(\"empty state\");\n");
            }
            c.add(s.code).unindent().text("}\n");
            if (s.region != null) {
                if (!seen.containsKey(s.region)) {
                    seen.put(s.region, true);
                    byRegion.put(s.region, new ArrayList<>());
                }
                byRegion.get(s.region).add(order.get(s.number));
            }
        }
        c.text("default:\n").indent().text("throw new IllegalStateException(\"no state \" + state);\n").unindent();
        c.unindent().text("}\n").unindent().text("} catch (Throwable failure) {\n").indent();
        if (!byRegion.isEmpty()) {
            c.text("switch (state) {\n").indent();
            for (Map.Entry<Region, List<Integer>> e : byRegion.entrySet()) {
                for (int n : e.getValue()) {
                    c.text("case " + n + ":\n");
                }
                c.text("{\n").indent().add(dispatch(e.getKey(), order)).unindent().text("}\n");
            }
            c.text("default:\n").indent().text("break;\n").unindent();
            c.unindent().text("}\n");
        }
        c.text("throw fail(failure);\n");
        c.unindent().text("}\n").unindent().text("}\n");
        return c.renumber(n -> order.getOrDefault(n, n)).build();
    }

    /** The catch clauses, then finally, of a region and its parents, in order. */
    private static Code dispatch(Region region, Map<Integer, Integer> order) {
        Code c = new Code();
        for (Region r = region; r != null; r = r.parent) {
            for (Region.Handler h : r.handlers) {
                c.text("if (");
                for (int i = 0; i < h.types.size(); i++) {
                    c.text(i > 0 ? " || " : "").text("failure instanceof ").type(h.types.get(i));
                }
                c.text(") {\n").indent().text(h.field + " = (").type(h.fieldType).text(") failure;\n")
                        .text("state = " + order.get(h.state) + ";\ncontinue;\n").unindent().text("}\n");
            }
            if (r.finallyBlock != null) {
                Region.Finally f = r.finallyBlock;
                c.text(f.failure + " = failure;\n" + f.next + " = " + order.get(f.rethrow) + ";\nstate = "
                        + order.get(f.entry) + ";\ncontinue;\n");
                return c;
            }
        }
        return c.text("break;\n");
    }
}
