package org.parallelcookbook.mpi.launch;

import java.util.ArrayList;
import java.util.List;
import org.parallelcookbook.core.UnavailableException;
import org.parallelcookbook.core.doctor.PrerequisiteCheck;

/** {@code ./cookbook doctor}: where MPJ Express was found, or how to install it. */
public final class MpjCheck implements PrerequisiteCheck {

    @Override
    public String neededBy() {
        return "mpi";
    }

    @Override
    public String name() {
        return "MPJ Express";
    }

    @Override
    public Status check() {
        MpjInstallation inst;
        try {
            inst = MpjInstallation.require();
        } catch (UnavailableException e) {
            return Status.missing("sudo apt-get install libmpj-java liblog4j1.2-java libcommons-cli-java "
                    + "libcommons-io-java libcommons-codec-java (or unpack MPJ Express 0.44 and set MPJ_HOME)", e.getMessage());
        }
        List<String> details = new ArrayList<>();
        details.add("MPJ Express " + inst.version() + " from " + inst.source() + " (" + inst.apiJar() + ", runtime in "
                + inst.libDir() + ")");
        details.add("log4j 1.2: " + inst.log4j());
        details.add(inst.extras().size() == MpjInstallation.DAEMON_EXTRAS.size()
                ? "cluster daemons can start (commons-cli, commons-io, commons-codec found)"
                : "cluster daemons need commons-cli, commons-io and commons-codec; found only " + inst.extras());
        try {
            details.add("MPJ home for runs: " + MpjHome.prepare(inst).dir());
        } catch (RuntimeException e) {
            return new Status(false, details, "a private, writable folder for the MPJ home (" + e.getMessage() + ")");
        }
        return new Status(true, details, "");
    }
}
