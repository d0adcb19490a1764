package dev.jawait.processor.emission;

import dev.jawait.processor.analysis.Variables;
import dev.jawait.processor.front.Template;
import javax.lang.model.element.TypeElement;
import javax.lang.model.util.Types;

/**
 * One part of the {@link SourcePrinter} (names, bridges, expressions, types, statements,
 * classes): the parts print each other's trees through {@link #printer}, which also holds where the
 * printer is (inside which lambdas, classes and jump scopes).
 *
 * <pre>{@code
 * final class TypePrinter extends PrinterPart { ... printer.names.typeRef(type, tree) ... }
 * }</pre>
 */
abstract class PrinterPart {
    final SourcePrinter printer;
    final Template t;
    final Variables vars;
    final Types types;
    /** The template's class: {@code self} in the generated code. */
    final TypeElement self;

    PrinterPart(SourcePrinter printer) {
        this.printer = printer;
        this.t = printer.t;
        this.vars = printer.vars;
        this.types = printer.t.env.getTypeUtils();
        this.self = printer.t.owner;
    }
}
