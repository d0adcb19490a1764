package dev.jawait.processor.emission;

import com.palantir.javapoet.AnnotationSpec;
import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.FieldSpec;
import com.palantir.javapoet.MethodSpec;
import com.palantir.javapoet.ParameterSpec;
import com.palantir.javapoet.TypeName;
import com.palantir.javapoet.TypeSpec;
import com.palantir.javapoet.TypeVariableName;
import com.sun.source.tree.BlockTree;
import com.sun.source.tree.ClassTree;
import com.sun.source.tree.IdentifierTree;
import com.sun.source.tree.MethodTree;
import com.sun.source.tree.StatementTree;
import com.sun.source.tree.Tree;
import com.sun.source.tree.VariableTree;
import com.sun.source.util.TreeScanner;
import dev.jawait.processor.analysis.Template;
import dev.jawait.processor.front.TemplateError;
import java.util.Set;
import javax.lang.model.element.Element;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.TypeElement;
import javax.lang.model.element.TypeParameterElement;
import javax.lang.model.element.VariableElement;
import javax.lang.model.type.TypeKind;
import javax.lang.model.type.TypeMirror;

/**
 * Moves a local class declared in a block that awaits into a member class of the state machine,
 * so its instances can live in fields across awaits. Only classes that capture no local
 * variable can move (a member class would see the fields' later values, not the captured ones).
 *
 * <pre>{@code
 * TypeSpec acc = LocalClasses.asMember(template, printer, classTree);
 * stateMachine.addType(acc);
 * }</pre>
 */
public final class LocalClasses {
    private LocalClasses() {}

    public static TypeSpec asMember(Template t, SourcePrinter printer, ClassTree c) {
        if (c.getKind() != Tree.Kind.CLASS) {
            throw new TemplateError(c, "a local " + c.getKind().toString().toLowerCase() + " in a block that awaits is"
                    + " not supported; declare it as a nested type of " + t.owner.getSimpleName());
        }
        checkNoCaptures(t, c);
        TypeElement type = (TypeElement) t.elementOf(c);
        TypeSpec.Builder b = TypeSpec.classBuilder(c.getSimpleName().toString()).addModifiers(Modifier.PRIVATE);
        for (Modifier m : c.getModifiers().getFlags()) {
            if (m == Modifier.ABSTRACT || m == Modifier.FINAL) {
                b.addModifiers(m);
            }
        }
        for (TypeParameterElement p : type.getTypeParameters()) {
            b.addTypeVariable(TypeVariableName.get(p));
        }
        if (type.getSuperclass().getKind() == TypeKind.DECLARED
                && !type.getSuperclass().toString().equals("java.lang.Object")) {
            b.superclass(typeName(type.getSuperclass()));
        }
        for (TypeMirror i : type.getInterfaces()) {
            b.addSuperinterface(typeName(i));
        }
        printer.enterClass(type);
        try {
            for (Tree member : c.getMembers()) {
                member(t, printer, b, c, member);
            }
        } finally {
            printer.exitClass();
        }
        return b.build();
    }

    /** Type names where local classes (now members) are named by their simple name. */
    static TypeName typeName(TypeMirror type) {
        if (type.getKind() == TypeKind.DECLARED) {
            TypeElement e = (TypeElement) ((javax.lang.model.type.DeclaredType) type).asElement();
            if (e.getNestingKind() == javax.lang.model.element.NestingKind.LOCAL) {
                return ClassName.get("", e.getSimpleName().toString());
            }
        }
        return TypeName.get(type);
    }

    private static void member(Template t, SourcePrinter printer, TypeSpec.Builder b, ClassTree c, Tree member) {
        if (member instanceof VariableTree) {
            VariableTree v = (VariableTree) member;
            VariableElement e = (VariableElement) t.elementOf(v);
            FieldSpec.Builder f = FieldSpec.builder(typeName(e.asType()), v.getName().toString(),
                    v.getModifiers().getFlags().toArray(new Modifier[0]));
            if (v.getInitializer() != null) {
                f.initializer(printer.expression(v.getInitializer()).build());
            }
            b.addField(f.build());
        } else if (member instanceof BlockTree) {
            BlockTree block = (BlockTree) member;
            Code body = new Code();
            for (StatementTree s : block.getStatements()) {
                body.add(printer.statement(s));
            }
            if (block.isStatic()) {
                b.addStaticBlock(body.build());
            } else {
                b.addInitializerBlock(body.build());
            }
        } else if (member instanceof MethodTree) {
            MethodTree m = (MethodTree) member;
            ExecutableElement e = (ExecutableElement) t.elementOf(m);
            boolean ctor = e.getKind() == ElementKind.CONSTRUCTOR;
            if (ctor && t.env.getElementUtils().getOrigin(e) == javax.lang.model.util.Elements.Origin.MANDATED) {
                return;
            }
            MethodSpec.Builder mb = ctor ? MethodSpec.constructorBuilder()
                    : MethodSpec.methodBuilder(m.getName().toString()).returns(typeName(e.getReturnType()));
            mb.addModifiers(m.getModifiers().getFlags());
            if (m.getModifiers().getAnnotations().stream().anyMatch(a -> a.getAnnotationType().toString().endsWith("Override"))) {
                mb.addAnnotation(AnnotationSpec.builder(Override.class).build());
            }
            for (TypeParameterElement p : e.getTypeParameters()) {
                mb.addTypeVariable(TypeVariableName.get(p));
            }
            for (VariableElement p : e.getParameters()) {
                mb.addParameter(ParameterSpec.builder(typeName(p.asType()), p.getSimpleName().toString()).build());
            }
            mb.varargs(e.isVarArgs());
            for (TypeMirror thrown : e.getThrownTypes()) {
                mb.addException(typeName(thrown));
            }
            if (m.getBody() != null) {
                Code body = new Code();
                for (StatementTree s : m.getBody().getStatements()) {
                    body.add(printer.statement(s));
                }
                mb.addCode(body.build());
            }
            b.addMethod(mb.build());
        } else if (member instanceof ClassTree) {
            b.addType(asMember(t, printer, (ClassTree) member));
        } else {
            throw new TemplateError(member, "this member of local class " + c.getSimpleName() + " is not supported");
        }
    }

    private static void checkNoCaptures(Template t, ClassTree c) {
        Set<ElementKind> locals = Set.of(ElementKind.LOCAL_VARIABLE, ElementKind.PARAMETER, ElementKind.EXCEPTION_PARAMETER,
                ElementKind.RESOURCE_VARIABLE, ElementKind.BINDING_VARIABLE);
        new TreeScanner<Void, Void>() {
            @Override
            public Void visitIdentifier(IdentifierTree node, Void unused) {
                Element e = t.elementOf(node);
                if (e != null && locals.contains(e.getKind()) && !declaredInside(t, e, c)) {
                    throw new TemplateError(node, "local class " + c.getSimpleName() + " captures the local variable "
                            + node.getName() + " in a block that awaits; pass it to a constructor or declare the"
                            + " class as a nested class of " + t.owner.getSimpleName());
                }
                return null;
            }
        }.scan(c, null);
    }

    private static boolean declaredInside(Template t, Element variable, ClassTree c) {
        for (Element x = variable.getEnclosingElement(); x != null; x = x.getEnclosingElement()) {
            if (x.equals(t.elementOf(c))) {
                return true;
            }
            if (x instanceof javax.lang.model.element.PackageElement) {
                return false;
            }
        }
        return false;
    }
}
