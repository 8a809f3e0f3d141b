package org.parallelcookbook.distributed;

import java.io.ObjectInputFilter;
import java.rmi.UnmarshalException;

/**
 * Run in a child JVM by {@link RmiClientFilterTest}: starts RMI in a JVM whose JVM-wide filter was
 * set before (by {@code -Djdk.serialFilter}) and prints how each return value fared, so the test can
 * see both filters at work.
 */
public final class FilterCompositionProbe {

    private FilterCompositionProbe() {
    }

    public static void main(String[] args) throws Exception {
        try (var rmi = LoopbackRmi.start()) {
            System.out.println("factory " + ObjectInputFilter.Config.getSerialFilterFactory().getClass().getName());
            rmi.bind("leaky", new RmiClientFilterTest.LeakyServer());
            RmiClientFilterTest.Leaky leaky = rmi.lookup("leaky");
            System.out.println("file " + fate(leaky::file));
            System.out.println("hashSet " + fate(leaky::hashSet));
            System.out.println("arrayList " + fate(leaky::arrayList));
        }
    }

    static String fate(RmiClientFilterTest.ThrowingCall call) {
        try {
            call.run();
            return "arrived";
        } catch (UnmarshalException e) {
            return "refused";
        } catch (Exception e) {
            return "failed " + e;
        }
    }
}
