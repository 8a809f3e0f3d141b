package org.parallelcookbook.processor;

import java.io.BufferedReader;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.nio.file.NoSuchFileException;
import java.util.HashSet;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import javax.annotation.processing.AbstractProcessor;
import javax.annotation.processing.RoundEnvironment;
import javax.annotation.processing.SupportedAnnotationTypes;
import javax.lang.model.SourceVersion;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.Element;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.TypeElement;
import javax.lang.model.util.ElementFilter;
import javax.lang.model.util.Elements;
import javax.tools.Diagnostic;
import javax.tools.FileObject;
import javax.tools.StandardLocation;

/**
 * Writes {@code META-INF/cookbook/recipes.idx}: the binary names of all classes of the module being
 * compiled that carry {@code @Recipe}, one per line. It also rejects, at compile time, a recipe
 * that is not a public class with {@code public static void main(String[])} or whose id is malformed.
 *
 * <p>It is the cookbook's own build tool, in its own artifact ({@code cookbook-processor}), and it
 * runs only where a build names it on its processor path ({@code annotationProcessorPaths} of the
 * Maven compiler plugin, as the cookbook's modules do). A project that merely uses a cookbook module
 * as a library never runs it: {@code cookbook-core}'s jar no longer registers it as a service.
 *
 * <p>Incremental compilation (an IDE recompiling the one recipe you edited, or Maven recompiling a
 * few files) hands the processor only part of the module. So the index is merged, not overwritten:
 * the entries of the index already in the output folder are kept when their class still exists and
 * still carries {@code @Recipe}, the classes compiled now are added or dropped according to their
 * annotation, and an entry whose class is gone is dropped.
 */
@SupportedAnnotationTypes("*") // called for every compilation, so a recipe that loses @Recipe leaves the index
public final class RecipeIndexProcessor extends AbstractProcessor {

    static final String RECIPE_ANNOTATION = "org.parallelcookbook.core.Recipe";
    static final String INDEX = "META-INF/cookbook/recipes.idx";
    private static final Pattern ID = Pattern.compile("(ch[1-6]|x)\\.[a-z0-9]+(-[a-z0-9]+)*");

    /** Recipes found in this compilation. */
    private final Set<String> classes = new TreeSet<>();
    /** Every type compiled now, annotated or not: their old index entries are decided by this compilation. */
    private final Set<String> compiledNow = new HashSet<>();
    /** Whether a recipe was rejected: then the index is left as it was. */
    private boolean failed;

    @Override
    public SourceVersion getSupportedSourceVersion() {
        return SourceVersion.latestSupported();
    }

    @Override
    public boolean process(Set<? extends TypeElement> annotations, RoundEnvironment round) {
        for (TypeElement type : ElementFilter.typesIn(round.getRootElements())) {
            collectTypes(type);
        }
        for (TypeElement annotation : annotations) {
            if (!annotation.getQualifiedName().contentEquals(RECIPE_ANNOTATION)) {
                continue;
            }
            for (Element element : round.getElementsAnnotatedWith(annotation)) {
                if (element.getKind() != ElementKind.CLASS) {
                    error(element, "@Recipe belongs on a class");
                    continue;
                }
                TypeElement type = (TypeElement) element;
                check(type);
                classes.add(binaryName(type));
            }
        }
        if (round.processingOver()) {
            Set<String> previous = readIndex();
            Set<String> merged = new TreeSet<>(classes);
            for (String name : previous) {
                if (!compiledNow.contains(name) && stillARecipe(name)) {
                    merged.add(name);
                }
            }
            if (!failed && (!merged.isEmpty() || !previous.isEmpty())) {
                writeIndex(merged);
            }
        }
        return false;
    }

    private void collectTypes(TypeElement type) {
        compiledNow.add(binaryName(type));
        for (TypeElement nested : ElementFilter.typesIn(type.getEnclosedElements())) {
            collectTypes(nested);
        }
    }

    private String binaryName(TypeElement type) {
        return processingEnv.getElementUtils().getBinaryName(type).toString();
    }

    /** An entry of the old index that was not compiled now: kept while its class is there and annotated. */
    private boolean stillARecipe(String binaryName) {
        Elements elements = processingEnv.getElementUtils();
        TypeElement type = elements.getTypeElement(binaryName.replace('$', '.'));
        return type != null && type.getAnnotationMirrors().stream()
                .anyMatch(m -> m.getAnnotationType().toString().equals(RECIPE_ANNOTATION));
    }

    private Set<String> readIndex() {
        Set<String> names = new TreeSet<>();
        try {
            FileObject existing = processingEnv.getFiler().getResource(StandardLocation.CLASS_OUTPUT, "", INDEX);
            try (Reader reader = existing.openReader(true); var in = new BufferedReader(reader)) {
                String line;
                while ((line = in.readLine()) != null) {
                    line = line.strip();
                    if (!line.isEmpty() && !line.startsWith("#")) {
                        names.add(line);
                    }
                }
            }
        } catch (FileNotFoundException | NoSuchFileException e) {
            // a first (or clean) build: nothing to merge
        } catch (IOException | IllegalArgumentException e) {
            processingEnv.getMessager().printMessage(Diagnostic.Kind.NOTE,
                    "no previous " + INDEX + " to merge (" + e + ")");
        }
        return names;
    }

    private void check(TypeElement type) {
        if (!type.getModifiers().contains(Modifier.PUBLIC)) {
            error(type, "a recipe class must be public");
        }
        boolean hasMain = ElementFilter.methodsIn(type.getEnclosedElements()).stream().anyMatch(this::isMain);
        if (!hasMain) {
            error(type, "a recipe needs public static void main(String[] args)");
        }
        for (AnnotationMirror mirror : type.getAnnotationMirrors()) {
            if (!mirror.getAnnotationType().toString().equals(RECIPE_ANNOTATION)) {
                continue;
            }
            mirror.getElementValues().forEach((key, value) -> {
                if (key.getSimpleName().contentEquals("id") && !ID.matcher(value.getValue().toString()).matches()) {
                    error(type, "recipe id '" + value.getValue() + "' is not of the form ch<1-6>.<name> or x.<name>");
                }
            });
        }
    }

    private boolean isMain(ExecutableElement method) {
        return method.getSimpleName().contentEquals("main")
                && method.getModifiers().containsAll(Set.of(Modifier.PUBLIC, Modifier.STATIC))
                && method.getParameters().size() == 1
                && method.getParameters().get(0).asType().toString().equals("java.lang.String[]");
    }

    private void writeIndex(Set<String> names) {
        try (Writer out = processingEnv.getFiler()
                .createResource(StandardLocation.CLASS_OUTPUT, "", INDEX)
                .openWriter()) {
            for (String name : names) {
                out.write(name);
                out.write('\n');
            }
        } catch (IOException e) {
            processingEnv.getMessager().printMessage(Diagnostic.Kind.ERROR, "cannot write " + INDEX + ": " + e);
        }
    }

    private void error(Element element, String message) {
        failed = true;
        processingEnv.getMessager().printMessage(Diagnostic.Kind.ERROR, message, element);
    }
}
