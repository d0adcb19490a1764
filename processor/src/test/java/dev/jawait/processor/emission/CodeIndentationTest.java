package dev.jawait.processor.emission;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.JavaFile;
import com.palantir.javapoet.MethodSpec;
import com.palantir.javapoet.TypeSpec;
import org.junit.jupiter.api.Test;

/**
 * {@link Code#build()} spells JavaPoet's indent markers out as spaces; what JavaPoet prints must
 * not change. Each case renders the same format both ways inside a method of a class, as the
 * generated files are (JavaPoet adds its own indentation there), and compares the text.
 */
class CodeIndentationTest {
    private static final ClassName LIST = ClassName.get("java.util", "List");

    private static String rendered(String format, Object... args) {
        return rendered(CodeBlock.of(format, args));
    }

    /** As in the generated files: a method of a class, indented by {@link Code#INDENT}. */
    private static String rendered(CodeBlock body) {
        TypeSpec type = TypeSpec.classBuilder("C").addMethod(MethodSpec.methodBuilder("m").addCode(body).build()).build();
        return JavaFile.builder("p", type).indent(Code.INDENT).build().toString();
    }

    private static void assertSameOutput(String format, Object... args) {
        assertEquals(rendered(format, args), rendered(Code.withIndentationSpelledOut(format), args), format);
    }

    @Test
    void nestedBlocksAndEmptyLines() {
        assertSameOutput("for (;;) {\n$>switch (state) {\n$>case 0: {\n$>x = 1;\n\n$<}\n$<}\n$<}\n");
    }

    @Test
    void typeNamesAndEscapedDollarsAtTheStartOfALine() {
        assertSameOutput("if (a) {\n$>$T xs = null;\n$$x = \"$$\";\n$<}\n", LIST);
    }

    @Test
    void markersInTheMiddleOfALineApplyFromTheNextLine() {
        assertSameOutput("a();$> b();\nc();$<\nd();\n");
    }

    @Test
    void codeThatUnindentsBelowItsStartIsLeftAsIs() {
        String format = "x();\n$<}\n$>";
        assertEquals(format, Code.withIndentationSpelledOut(format));
    }

    @Test
    void generatedBodiesGoThroughIt() {
        Code c = new Code().text("if (x) {\n").indent().type(LIST).text(" l = null;\n").unindent().text("}\n");
        assertEquals(rendered("if (x) {\n$>$T l = null;\n$<}\n", LIST), rendered(c.build()));
    }
}
