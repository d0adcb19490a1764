package dev.jawait.processor.oracle;

import java.util.Map;

/**
 * Loads the class files of one compilation from memory; everything else (the runtime, JUnit,
 * {@link Src}, {@link Log}) comes from the parent, so templates and the harness share them.
 *
 * <pre>{@code
 * ClassLoader loader = new InMemoryClassLoader(Map.of("oracle.Loops", bytes), getClass().getClassLoader());
 * Class<?> loops = loader.loadClass("oracle.Loops");
 * }</pre>
 */
final class InMemoryClassLoader extends ClassLoader {
    private final Map<String, byte[]> classes;

    InMemoryClassLoader(Map<String, byte[]> classes, ClassLoader parent) {
        super(parent);
        this.classes = classes;
    }

    @Override
    protected Class<?> findClass(String name) throws ClassNotFoundException {
        byte[] bytes = classes.get(name);
        if (bytes == null) throw new ClassNotFoundException(name);
        return defineClass(name, bytes, 0, bytes.length);
    }
}
