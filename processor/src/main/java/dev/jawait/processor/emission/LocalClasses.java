package dev.jawait.processor.emission;

import com.palantir.javapoet.AnnotationSpec;
import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.FieldSpec;
import com.palantir.javapoet.MethodSpec;
import com.palantir.javapoet.ParameterSpec;
import com.palantir.javapoet.ParameterizedTypeName;
import com.palantir.javapoet.TypeName;
import com.palantir.javapoet.TypeSpec;
import com.palantir.javapoet.TypeVariableName;
import com.sun.source.tree.BlockTree;
import com.sun.source.tree.ClassTree;
import com.sun.source.tree.ExpressionStatementTree;
import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.IdentifierTree;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.source.tree.MethodTree;
import com.sun.source.tree.NewArrayTree;
import com.sun.source.tree.NewClassTree;
import com.sun.source.tree.StatementTree;
import com.sun.source.tree.Tree;
import com.sun.source.tree.VariableTree;
import dev.jawait.processor.front.LocalCaptures;
import dev.jawait.processor.front.Template;
import dev.jawait.processor.front.TemplateError;
import dev.jawait.processor.lowering.TypeNames;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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
 * type of the state machine, so its instances can live in fields across awaits. A class that
 * captures locals gets them as javac does: each is a final field, set from a leading parameter
 * of every constructor, and {@code new K(args)} passes their values ({@code new K(c, args)}), so
 * each instance keeps the values of its creation, not the machine's later ones. Unlike javac's,
 * the fields are set after {@code super(...)}: a superclass constructor calling an overridden
 * method sees them unset. Records, enums and interfaces are static and never capture.
 *
 * <pre>{@code
 * TypeSpec acc = LocalClasses.asMember(template, printer, typeNames, classTree);
 * stateMachine.addType(acc);
 * }</pre>
 */
public final class LocalClasses {
    private LocalClasses() {}

    /**
     * The captured locals of a moved class: their fields' names and types, in the parameters'
     * order, and the class's instance initializers, which the constructors run once the fields
     * are set (javac sets its capture fields before them too).
     */
    private record Captures(Map<Element, String> fields, List<TypeName> types, Code initializers) {
        void addParameters(MethodSpec.Builder ctor) {
            int i = 0;
            for (String field : fields.values()) {
                ctor.addParameter(types.get(i++), field);
            }
        }

        /** What a constructor runs after {@code super(...)}: the capture fields set, then the instance initializers. */
        Code prologue() {
            Code out = new Code();
            fields.values().forEach(f -> out.text("this." + f + " = " + f + ";\n"));
            return out.add(initializers);
        }
    }

    /**
     * The local class {@code c} of an awaiting block, printed as a member class of the state
     * machine; the locals it captures become its fields, passed to its constructors.
     *
     * @param t the template
     * @param printer the printer of the template's body
     * @param typeNames how the captured locals' types are written
     * @param c the local class's tree
     * @return the member class
     */
    public static TypeSpec asMember(Template t, SourcePrinter printer, TypeNames typeNames, ClassTree c) {
        TypeElement type = (TypeElement) t.elementOf(c);
        Map<Element, String> fields = new LinkedHashMap<>();
        List<TypeName> types = new ArrayList<>();
        for (Element local : LocalCaptures.of(t, c)) {
            fields.put(local, printer.vars.claim(local.getSimpleName() + "_captured"));
            types.add(typeNames.variableType(local, c));
        }
        printer.movedCaptures.put(type, fields);   // before the body: it and later `new K(...)` use them
        return asMember(t, printer, c, fields.isEmpty() ? null : new Captures(fields, types, new Code()));
    }

    private static TypeSpec asMember(Template t, SourcePrinter printer, ClassTree c, Captures captures) {
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
        if (captures != null) {
            int i = 0;
            for (String field : captures.fields.values()) {
                b.addField(captures.types.get(i++), field, Modifier.PRIVATE, Modifier.FINAL);
            }
        }
        printer.enterClass(type);
        try {
            if (c.getKind() == Tree.Kind.RECORD) {
                b.recordConstructor(recordHeader(t, printer, c, type));
            }
            for (Tree member : c.getMembers()) {
                if (captures == null || isInitializer(member)) {
                    member(t, printer, b, c, type, member, captures);
                }
            }
            for (Tree member : c.getMembers()) {
                if (captures != null && !isInitializer(member)) {
                    member(t, printer, b, c, type, member, captures);   // constructors, with the initializers collected
                }
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
                ClassName local = ClassName.get("", e.getSimpleName().toString());
                List<? extends TypeMirror> args = ((javax.lang.model.type.DeclaredType) type).getTypeArguments();
                return args.isEmpty() ? local
                        : ParameterizedTypeName.get(local, args.stream().map(LocalClasses::typeName).toArray(TypeName[]::new));
            }
        }
        return TypeName.get(type);
    }

    private static void member(Template t, SourcePrinter printer, TypeSpec.Builder b, ClassTree c, TypeElement type,
            Tree member, Captures captures) {
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
            if (v.getInitializer() != null && captures != null && !e.getModifiers().contains(Modifier.STATIC)) {
                Code init = printer.expression(v.getInitializer());
                if (v.getInitializer() instanceof NewArrayTree && ((NewArrayTree) v.getInitializer()).getType() == null) {
                    init = new Code().text("new ").type(typeName(e.asType())).text(" ").add(init);   // {1, 2}
                }
                captures.initializers.text("this." + v.getName() + " = ").add(init).text(";\n");
            } else if (v.getInitializer() != null) {
                f.initializer(printer.expression(v.getInitializer()).build());
            }
            b.addField(f.build());
        } else if (member instanceof BlockTree) {
            BlockTree block = (BlockTree) member;
            Code body = new Code();
            for (StatementTree s : block.getStatements()) {
                body.add(printer.statement(s));
            }
            if (captures != null && !block.isStatic()) {
                captures.initializers.text("{\n").indent().add(body).unindent().text("}\n");
            } else if (block.isStatic()) {
                b.addStaticBlock(body.build());
            } else {
                b.addInitializerBlock(body.build());
            }
        } else if (member instanceof MethodTree) {
            MethodTree m = (MethodTree) member;
            ExecutableElement e = (ExecutableElement) t.elementOf(m);
            boolean ctor = e.getKind() == ElementKind.CONSTRUCTOR;
            if (ctor && captures != null && t.env.getElementUtils().getOrigin(e) == javax.lang.model.util.Elements.Origin.MANDATED) {
                MethodSpec.Builder implicit = MethodSpec.constructorBuilder();
                captures.addParameters(implicit);
                b.addMethod(implicit.addCode(captures.prologue().build()).build());
                return;
            }
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
            if (ctor && captures != null) {
                captures.addParameters(mb);
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
                List<? extends StatementTree> statements = m.getBody().getStatements();
                int first = 0;
                if (ctor && captures != null) {
                    // this(...) passes the captures on; after super(...) (written or implicit) they are set
                    MethodInvocationTree call = constructorCall(statements);
                    if (call != null && ((IdentifierTree) call.getMethodSelect()).getName().contentEquals("this")) {
                        body.text("this(" + String.join(", ", captures.fields.values()));
                        for (ExpressionTree arg : call.getArguments()) {
                            body.text(", ").add(printer.expression(arg));
                        }
                        body.text(");\n");
                    } else {
                        if (call != null) {
                            body.add(printer.statement(statements.get(0)));
                        }
                        body.add(captures.prologue());
                    }
                    first = call != null ? 1 : 0;
                }
                for (StatementTree s : statements.subList(first, statements.size())) {
                    body.add(printer.statement(s));
                }
                mb.addCode(body.build());
            }
            b.addMethod(mb.build());
        } else if (member instanceof ClassTree) {
            b.addType(asMember(t, printer, (ClassTree) member, null));   // it sees the captures' fields
        } else {
            throw new TemplateError(member, "this member of local class " + c.getSimpleName() + " is not supported");
        }
    }

    private static boolean isInitializer(Tree member) {
        return member instanceof VariableTree || member instanceof BlockTree;
    }

    /** The {@code this(...)} or {@code super(...)} call a constructor body starts with, or {@code null}. */
    private static MethodInvocationTree constructorCall(List<? extends StatementTree> statements) {
        if (statements.isEmpty() || !(statements.get(0) instanceof ExpressionStatementTree)) {
            return null;
        }
        ExpressionTree e = ((ExpressionStatementTree) statements.get(0)).getExpression();
        if (e instanceof MethodInvocationTree && ((MethodInvocationTree) e).getMethodSelect() instanceof IdentifierTree) {
            javax.lang.model.element.Name name = ((IdentifierTree) ((MethodInvocationTree) e).getMethodSelect()).getName();
            return name.contentEquals("this") || name.contentEquals("super") ? (MethodInvocationTree) e : null;
        }
        return null;
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
                    member(t, printer, body, classBody, anonymous, member, null);
                }
            } finally {
                printer.exitClass();
            }
        }
        b.addEnumConstant(name, body.build());
    }
}
