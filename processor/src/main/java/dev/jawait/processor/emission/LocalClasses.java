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
import com.sun.source.tree.MethodTree;
import com.sun.source.tree.NewClassTree;
import com.sun.source.tree.StatementTree;
import com.sun.source.tree.Tree;
import com.sun.source.tree.VariableTree;
import dev.jawait.processor.front.Template;
import dev.jawait.processor.front.TemplateError;
import java.util.List;
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
 * Moves a local class, record, enum or interface declared in a block that awaits into a member
 * type of the state machine, so its instances can live in fields across awaits. Only types that
 * capture no local variable can move (a member class would see the fields' later values, not the
 * captured ones: the validation reports a capture); records, enums and interfaces are static and
 * never capture.
 *
 * <pre>{@code
 * TypeSpec acc = LocalClasses.asMember(template, printer, classTree);
 * stateMachine.addType(acc);
 * }</pre>
 */
public final class LocalClasses {
    private LocalClasses() {}

    /**
     * The local class {@code c} of an awaiting block, printed as a member class of the state machine.
     *
     * @param t the template
     * @param printer the printer of the template's body
     * @param c the local class's tree
     * @return the member class
     */
    public static TypeSpec asMember(Template t, SourcePrinter printer, ClassTree c) {
        TypeElement type = (TypeElement) t.elementOf(c);
        String name = c.getSimpleName().toString();
        TypeSpec.Builder b;
        switch (c.getKind()) {
            case CLASS: b = TypeSpec.classBuilder(name); break;
            case INTERFACE: b = TypeSpec.interfaceBuilder(name); break;
            case ENUM: b = TypeSpec.enumBuilder(name); break;
            case RECORD: b = TypeSpec.recordBuilder(name); break;
            default:
                throw new TemplateError(c, "a local " + c.getKind().toString().toLowerCase() + " in a block that awaits is"
                        + " not supported; declare it as a nested type of " + t.owner.getSimpleName());
        }
        b.addModifiers(Modifier.PRIVATE);
        if (c.getKind() == Tree.Kind.CLASS) {
            for (Modifier m : c.getModifiers().getFlags()) {
                if (m == Modifier.ABSTRACT || m == Modifier.FINAL) {
                    b.addModifiers(m);
                }
            }
            if (type.getSuperclass().getKind() == TypeKind.DECLARED
                    && !type.getSuperclass().toString().equals("java.lang.Object")) {
                b.superclass(typeName(type.getSuperclass()));
            }
        }
        for (TypeParameterElement p : type.getTypeParameters()) {
            b.addTypeVariable(TypeVariableName.get(p));
        }
        for (TypeMirror i : type.getInterfaces()) {
            b.addSuperinterface(typeName(i));
        }
        printer.enterClass(type);
        try {
            if (c.getKind() == Tree.Kind.RECORD) {
                b.recordConstructor(recordHeader(t, printer, c, type));
            }
            for (Tree member : c.getMembers()) {
                member(t, printer, b, c, type, member);
            }
        } finally {
            printer.exitClass();
        }
        return b.build();
    }

    /** The components of a record, with the body of its compact or explicit canonical constructor if it has one. */
    private static MethodSpec recordHeader(Template t, SourcePrinter printer, ClassTree c, TypeElement type) {
        MethodTree declared = null;
        for (Tree member : c.getMembers()) {
            Element e = member instanceof MethodTree ? t.elementOf(member) : null;
            if (e instanceof ExecutableElement && isCanonicalConstructor(t, type, (ExecutableElement) e)
                    && t.env.getElementUtils().getOrigin(e) != javax.lang.model.util.Elements.Origin.MANDATED) {
                declared = (MethodTree) member;
            }
        }
        boolean compact = declared != null && printer.isCompactConstructor(declared);
        MethodSpec.Builder header = compact ? MethodSpec.compactConstructorBuilder() : MethodSpec.constructorBuilder();
        for (javax.lang.model.element.RecordComponentElement rc : type.getRecordComponents()) {
            header.addParameter(typeName(rc.asType()), rc.getSimpleName().toString());
        }
        for (ExecutableElement ctor : javax.lang.model.util.ElementFilter.constructorsIn(type.getEnclosedElements())) {
            if (isCanonicalConstructor(t, type, ctor)) {
                header.varargs(ctor.isVarArgs());
            }
        }
        if (declared != null) {
            header.addModifiers(declared.getModifiers().getFlags());
            Code body = new Code();
            for (StatementTree s : declared.getBody().getStatements()) {
                body.add(printer.statement(s));
            }
            header.addCode(body.build());
        }
        return header.build();
    }

    /** Whether {@code ctor} is the canonical constructor of the record {@code type} (its parameters are the components). */
    private static boolean isCanonicalConstructor(Template t, TypeElement type, ExecutableElement ctor) {
        if (type.getKind() != ElementKind.RECORD || ctor.getKind() != ElementKind.CONSTRUCTOR) {
            return false;
        }
        List<? extends javax.lang.model.element.RecordComponentElement> components = type.getRecordComponents();
        if (components.size() != ctor.getParameters().size()) {
            return false;
        }
        for (int i = 0; i < components.size(); i++) {
            if (!t.env.getTypeUtils().isSameType(components.get(i).asType(), ctor.getParameters().get(i).asType())) {
                return false;
            }
        }
        return true;
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

    private static void member(Template t, SourcePrinter printer, TypeSpec.Builder b, ClassTree c, TypeElement type,
            Tree member) {
        boolean inInterface = c.getKind() == Tree.Kind.INTERFACE;
        if (member instanceof VariableTree) {
            VariableTree v = (VariableTree) member;
            VariableElement e = (VariableElement) t.elementOf(v);
            if (e.getKind() == ElementKind.ENUM_CONSTANT) {
                enumConstant(t, printer, b, v);
                return;
            }
            if (SourcePrinter.isComponentField(e)) {
                return;   // declared by the record header
            }
            FieldSpec.Builder f = FieldSpec.builder(typeName(e.asType()), v.getName().toString(),
                    v.getModifiers().getFlags().toArray(new Modifier[0]));
            if (inInterface) {
                f.addModifiers(implicit(v.getModifiers().getFlags(), Modifier.PUBLIC, Modifier.STATIC, Modifier.FINAL));
            }
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
            if (ctor && (t.env.getElementUtils().getOrigin(e) == javax.lang.model.util.Elements.Origin.MANDATED
                    || isCanonicalConstructor(t, type, e))) {
                return;   // implicit, or written into the record header
            }
            MethodSpec.Builder mb = ctor ? MethodSpec.constructorBuilder()
                    : MethodSpec.methodBuilder(m.getName().toString()).returns(typeName(e.getReturnType()));
            Set<Modifier> flags = m.getModifiers().getFlags();
            mb.addModifiers(flags);
            if (inInterface) {
                mb.addModifiers(implicit(flags, flags.contains(Modifier.PRIVATE) ? Modifier.PRIVATE : Modifier.PUBLIC));
                if (m.getBody() == null) {
                    mb.addModifiers(implicit(flags, Modifier.ABSTRACT));
                }
            }
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

    /** {@code wanted} minus the modifiers already written. */
    private static Modifier[] implicit(Set<Modifier> written, Modifier... wanted) {
        return java.util.Arrays.stream(wanted).filter(m -> !written.contains(m)).toArray(Modifier[]::new);
    }

    /** {@code NAME}, {@code NAME(args)} or {@code NAME(args) { body }}. */
    private static void enumConstant(Template t, SourcePrinter printer, TypeSpec.Builder b, VariableTree v) {
        String name = v.getName().toString();
        NewClassTree init = v.getInitializer() instanceof NewClassTree ? (NewClassTree) v.getInitializer() : null;
        if (init == null || (init.getArguments().isEmpty() && init.getClassBody() == null)) {
            b.addEnumConstant(name);
            return;
        }
        Code args = new Code();
        for (int i = 0; i < init.getArguments().size(); i++) {
            args.text(i > 0 ? ", " : "").add(printer.expression(init.getArguments().get(i)));
        }
        TypeSpec.Builder body = TypeSpec.anonymousClassBuilder(args.build());
        ClassTree classBody = init.getClassBody();
        if (classBody != null) {
            TypeElement anonymous = (TypeElement) t.elementOf(classBody);
            printer.enterClass(anonymous);
            try {
                for (Tree member : classBody.getMembers()) {
                    member(t, printer, body, classBody, anonymous, member);
                }
            } finally {
                printer.exitClass();
            }
        }
        b.addEnumConstant(name, body.build());
    }
}
