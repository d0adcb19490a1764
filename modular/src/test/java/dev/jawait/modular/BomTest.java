package dev.jawait.modular;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;

/**
 * The BOM (which has no parent, so that importing it manages nothing else) keeps the version of
 * the build and manages exactly the modules that are published: every module of the build whose
 * POM does not skip deploying.
 */
class BomTest {
    private static final Path ROOT = Path.of("..");

    @Test
    void bomHasTheBuildsVersionAndManagesEveryPublishedModule() throws Exception {
        Document parent = parse(ROOT.resolve("pom.xml"));
        Document bom = parse(ROOT.resolve("bom/pom.xml"));
        assertEquals(child(parent.getDocumentElement(), "version"), child(bom.getDocumentElement(), "version"));

        Set<String> published = new TreeSet<>();
        NodeList modules = parent.getElementsByTagName("module");
        for (int i = 0; i < modules.getLength(); i++) {
            String module = modules.item(i).getTextContent().strip();
            Path pom = ROOT.resolve(module).resolve("pom.xml");
            Document d = parse(pom);
            boolean skipped = Files.readString(pom).contains("<maven.deploy.skip>true</maven.deploy.skip>");
            String packaging = child(d.getDocumentElement(), "packaging");
            if (!skipped && !"pom".equals(packaging)) {
                published.add(child(d.getDocumentElement(), "artifactId"));
            }
        }
        Set<String> managed = new TreeSet<>();
        NodeList deps = bom.getElementsByTagName("dependency");
        for (int i = 0; i < deps.getLength(); i++) {
            Element dep = (Element) deps.item(i);
            assertEquals("${project.version}", child(dep, "version"));
            managed.add(child(dep, "artifactId"));
        }
        assertEquals(published, managed);
    }

    private static Document parse(Path pom) throws Exception {
        return DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(pom.toFile());
    }

    /** The text of {@code parent}'s direct child element {@code name}, or null. */
    private static String child(Element parent, String name) {
        for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element && ((Element) n).getTagName().equals(name)) {
                return n.getTextContent().strip();
            }
        }
        return null;
    }
}
