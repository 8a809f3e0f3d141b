package org.parallelcookbook.distributed;

import java.io.ObjectInputFilter;
import java.rmi.registry.LocateRegistry;
import java.time.Duration;

/**
 * Run in a fresh child JVM by {@link RmiClientFilterTest}: calls one entry point of {@link LoopbackRmi}
 * first ({@code start} or {@code locate}) and prints the JVM-wide filter it finds afterwards; after
 * {@code start} it also reads return values through the JDK's own registry stub (not
 * {@link LoopbackRmi#locate}), to show that the filter guards every RMI read of the JVM.
 */
public final class FilterInstallProbe {

    private FilterInstallProbe() {
    }

    public static void main(String[] args) throws Exception {
        switch (args[0]) {
            case "locate" -> {
                LoopbackRmi.locate("127.0.0.1", 1099, Duration.ofSeconds(5)); // a stub only: connects nowhere
                System.out.println("filter " + name(ObjectInputFilter.Config.getSerialFilter()));
            }
            case "start" -> {
                try (var rmi = LoopbackRmi.start()) {
                    System.out.println("filter " + name(ObjectInputFilter.Config.getSerialFilter()));
                    rmi.bind("leaky", new RmiClientFilterTest.LeakyServer());
                    var leaky = (RmiClientFilterTest.Leaky) LocateRegistry.getRegistry("127.0.0.1", rmi.port()).lookup("leaky");
                    System.out.println("arrayList " + FilterCompositionProbe.fate(leaky::arrayList));
                    System.out.println("file " + FilterCompositionProbe.fate(leaky::file));
                }
            }
            default -> throw new IllegalArgumentException("start or locate, not " + args[0]);
        }
    }

    private static String name(Object o) {
        return o == null ? "none" : o.getClass().getName();
    }
}
