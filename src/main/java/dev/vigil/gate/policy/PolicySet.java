package dev.vigil.gate.policy;

import dev.vigil.gate.GatePolicy;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The loaded policies and the rule that picks one for a request:
 * <ol>
 *   <li>a policy named in the request is used if it matches the service and environment, or has no
 *       {@code match} block (a policy meant to be picked by name); otherwise the request is refused;</li>
 *   <li>else the most specific matching policy wins (see {@link dev.vigil.gate.PolicyMatch#specificity});</li>
 *   <li>two equally specific matches, or none, refuse the request with the reason.</li>
 * </ol>
 */
public final class PolicySet {

    private final Map<String, GatePolicy> byName;

    PolicySet(Collection<GatePolicy> policies) {
        TreeMap<String, GatePolicy> map = new TreeMap<>();
        policies.forEach(p -> map.put(p.name(), p));
        this.byName = Map.copyOf(map);
    }

    public Optional<GatePolicy> named(String name) {
        return Optional.ofNullable(byName.get(name));
    }

    public Collection<GatePolicy> all() {
        return new TreeMap<>(byName).values();
    }

    public GatePolicy select(String service, String environment, String requestedName) {
        if (requestedName != null) {
            GatePolicy p = byName.get(requestedName);
            if (p == null) {
                throw new PolicySelectionException("no policy named '" + requestedName + "'; available: "
                        + String.join(", ", new TreeMap<>(byName).keySet()));
            }
            boolean byNameOnly = p.match().services().isEmpty() && p.match().environments().isEmpty();
            if (!byNameOnly && p.match().specificity(service, environment) < 0) {
                throw new PolicySelectionException("policy '" + requestedName + "' does not apply to service '"
                        + service + "' in environment '" + environment + "'");
            }
            return p;
        }
        return mostSpecific(service, environment);
    }

    private GatePolicy mostSpecific(String service, String environment) {
        long best = -1;
        List<GatePolicy> winners = new ArrayList<>();
        for (GatePolicy p : all()) {
            long s = p.match().specificity(service, environment);
            if (s > best) {
                best = s;
                winners.clear();
            }
            if (s >= 0 && s == best) {
                winners.add(p);
            }
        }
        if (winners.isEmpty()) {
            throw new PolicySelectionException("no policy matches service '" + service + "' in environment '"
                    + environment + "'; add one whose match block covers it (e.g. default.yaml with services: ['*'])");
        }
        if (winners.size() > 1) {
            throw new PolicySelectionException("policies " + winners.stream().map(GatePolicy::name).toList()
                    + " match service '" + service + "' in environment '" + environment
                    + "' equally specifically; make one match more narrowly or name the policy in the request");
        }
        return winners.get(0);
    }
}
