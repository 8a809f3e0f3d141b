package org.parallelcookbook.examples.cli;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.util.List;

/** Calls a class's {@code public static void main(String[])} in this JVM. */
final class Mains {

    private Mains() {
    }

    static void invoke(Class<?> type, List<String> args) throws Exception {
        MethodHandle main;
        try {
            main = MethodHandles.publicLookup().findStatic(type, "main", MethodType.methodType(void.class, String[].class));
        } catch (NoSuchMethodException | IllegalAccessException e) {
            throw new IllegalStateException(type.getName() + " has no public static void main(String[])", e);
        }
        try {
            main.invokeExact(args.toArray(String[]::new));
        } catch (Exception | Error e) {
            throw e;
        } catch (Throwable t) {
            throw new IllegalStateException(t);
        }
    }
}
