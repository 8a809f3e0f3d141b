package org.parallelcookbook.core.measure;

/** A public top-level workload with a public constructor: what a fork can build (see MeasureContractsTest). */
public class TopLevelWorkload implements ScalableWorkload {

    @Override
    public String name() {
        return "top level";
    }

    @Override
    public Object run(String variant, int workers) {
        return workers;
    }
}
