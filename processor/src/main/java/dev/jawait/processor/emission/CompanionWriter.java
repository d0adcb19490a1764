package dev.jawait.processor.emission;

import com.palantir.javapoet.AnnotationSpec;
import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.JavaFile;
import com.palantir.javapoet.MethodSpec;
import com.palantir.javapoet.ParameterSpec;
import com.palantir.javapoet.TypeName;
import com.palantir.javapoet.TypeSpec;
import com.palantir.javapoet.TypeVariableName;
import dev.jawait.processor.front.AsyncMethod;
import java.util.List;
import javax.lang.model.element.Element;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.TypeElement;
import javax.lang.model.element.VariableElement;

/**
 * Writes the companion {@code XAsync}: one static method per {@code @Async} method of {@code X},
 * returning the method's state machine (or, for a method a subclass may override, dispatching to the
 * override: {@link DispatchWriter}). Needs signatures only (round 1).
 *
 * <pre>{@code
 * JavaFile file = CompanionWriter.write(owner, methods);
 * // public static TryFuture<Long, IOException> handle(TcpStream socket) {
 * //     return new Echo_handle_StateMachine(socket);
 * // }
 * }</pre>
 */
public final class CompanionWriter {
    static final AnnotationSpec GENERATED = AnnotationSpec.builder(ClassName.get("javax.annotation.processing", "Generated"))
            .addMember("value", "$S", "dev.jawait.processor.AsyncProcessor").build();

    private CompanionWriter() {}

    /**
     * The companion of {@code owner}: one static method per template, each returning a new state machine.
     *
     * @param owner the class declaring the templates
     * @param methods its templates, in source order; at least one
     * @return the companion's source file
     */
    public static JavaFile write(TypeElement owner, List<AsyncMethod> methods) {
        AsyncMethod first = methods.get(0);
        TypeSpec.Builder type = TypeSpec.classBuilder(first.companion())
                .addAnnotations(first.mayAnnotateGenerated() ? List.of(GENERATED) : List.of())
                .addModifiers(Modifier.FINAL)
                .addOriginatingElement(owner)
                .addJavadoc("Async versions of the {@code @Async} methods of {@link $T}.\n", ClassName.get(owner))
                .addMethod(MethodSpec.constructorBuilder().addModifiers(Modifier.PRIVATE).build());
        if (isPublic(owner)) {
            type.addModifiers(Modifier.PUBLIC);
        }
        for (AsyncMethod m : methods) {
            DispatchWriter.add(type, m, method(m));   // as is, or dispatching to overrides
        }
        DispatchWriter.addLookupAndDispatchers(type, methods);
        return JavaFile.builder(first.packageName(), type.build()).skipJavaLangImports(true).indent(Code.INDENT).build();
    }

    private static boolean isPublic(TypeElement owner) {
        for (Element e = owner; e instanceof TypeElement; e = e.getEnclosingElement()) {
            if (!e.getModifiers().contains(Modifier.PUBLIC)) {
                return false;
            }
        }
        return true;
    }

    static String receiverName(AsyncMethod m) {
        return unusedName(m, "self");
    }

    /** {@code base}, with {@code _} appended until no parameter of {@code m} has the name. */
    static String unusedName(AsyncMethod m, String base) {
        String name = base;
        boolean clash = true;
        while (clash) {
            clash = false;
            for (VariableElement p : m.element.getParameters()) {
                if (p.getSimpleName().contentEquals(name)) {
                    name = name + "_";
                    clash = true;
                }
            }
        }
        return name;
    }

    private static MethodSpec method(AsyncMethod m) {
        MethodSpec.Builder b = MethodSpec.methodBuilder(m.element.getSimpleName().toString())
                .addModifiers(m.visibility())
                .addModifiers(Modifier.STATIC)
                .addTypeVariables(m.typeVariables())
                .returns(m.futureType())
                .varargs(m.element.isVarArgs())
                .addJavadoc("The async version of {@link $T#$L}: returns its state machine, which runs when polled.\n",
                        ClassName.get(m.owner), m.element.getSimpleName());
        if (m.element.isVarArgs()) {
            // the companion only hands the array on; the template carries any heap-pollution warning
            b.addAnnotation(AnnotationSpec.builder(SuppressWarnings.class)
                    .addMember("value", "{$S, $S}", "unchecked", "varargs").build());
        }
        CodeBlock.Builder args = CodeBlock.builder();
        if (!m.isStatic) {
            String receiver = receiverName(m);
            b.addParameter(m.selfType(), receiver);
            args.add("$L", receiver);
        }
        for (VariableElement p : m.element.getParameters()) {
            b.addParameter(ParameterSpec.builder(TypeName.get(p.asType()), p.getSimpleName().toString()).build());
            if (!args.isEmpty()) {
                args.add(", ");
            }
            args.add("$L", p.getSimpleName());
        }
        List<TypeVariableName> vars = m.typeVariables();
        if (vars.isEmpty()) {
            b.addStatement("return new $T($L)", m.stateMachine(), args.build());
        } else {
            CodeBlock.Builder typeArgs = CodeBlock.builder();
            for (int i = 0; i < vars.size(); i++) {
                typeArgs.add(i > 0 ? ", $L" : "$L", vars.get(i).name());
            }
            b.addStatement("return new $T<$L>($L)", m.stateMachine(), typeArgs.build(), args.build());
        }
        return b.build();
    }
}
