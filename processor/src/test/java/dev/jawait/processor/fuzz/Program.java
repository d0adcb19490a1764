package dev.jawait.processor.fuzz;

/**
 * One generated {@code @Async} template method, with no parameters: its name, whether it is
 * static, its return type and its body.
 *
 * <pre>{@code
 * Program p = new ProgramGenerator(42, Shape.enabled("")).next("p0");
 * String method = p.render();   // "@Async\nint p0() throws Exception {\n ...}"
 * }</pre>
 *
 * @param name       the method name, unique in its batch
 * @param isStatic   whether the method is static
 * @param returnType the declared return type, e.g. {@code long} or {@code Integer}
 * @param body       the statements; the last one returns
 */
record Program(String name, boolean isStatic, String returnType, Code.Block body) {

    /** The method's source, indented for a class body. */
    String render() {
        return "    @Async\n    " + (isStatic ? "static " : "") + returnType + " " + name
                + "() throws Exception {\n" + body.render("        ") + "    }\n";
    }

    /** The same program with another body (the shrinker's candidates). */
    Program withBody(Code.Block newBody) {
        return new Program(name, isStatic, returnType, newBody);
    }

    /** How many lines the body has, for reporting sizes. */
    int lines() {
        return (int) body.render("").lines().count();
    }
}
