package dev.vigil.predict;

import dev.vigil.git.ChangeFeatures;
import java.util.ArrayList;
import java.util.List;

/** The feature layout of a per-service model: the 14 change features, then the service features. */
public final class DeployFeatures {

    public static final List<String> NAMES;

    static {
        List<String> names = new ArrayList<>(ChangeFeatures.NAMES);
        names.addAll(ServiceFeatures.NAMES);
        NAMES = List.copyOf(names);
    }

    private DeployFeatures() {
    }

    public static double[] combine(ChangeFeatures change, ServiceFeatures service) {
        double[] c = change.toArray();
        double[] s = service.toArray();
        double[] all = new double[c.length + s.length];
        System.arraycopy(c, 0, all, 0, c.length);
        System.arraycopy(s, 0, all, c.length, s.length);
        return all;
    }
}
