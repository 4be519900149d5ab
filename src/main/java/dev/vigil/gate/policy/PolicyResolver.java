package dev.vigil.gate.policy;

import dev.vigil.gate.GateCheck;
import dev.vigil.gate.GatePolicy;
import dev.vigil.gate.GateThresholds;
import dev.vigil.gate.OnError;
import dev.vigil.gate.OnInconclusive;
import dev.vigil.gate.PolicyMatch;
import dev.vigil.validation.ValidationIssue.Kind;
import dev.vigil.validation.ValidationIssue;
import dev.vigil.validation.YamlLocations;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Applies {@code extends}: a child takes its parent's onInconclusive, onError, thresholds and checks unless it sets
 * them; a child check with a parent check's name replaces it in place, new checks are appended, and
 * {@code removeChecks} drops inherited ones. {@code match} is never inherited: a policy applies where it says.
 */
final class PolicyResolver {

    private final Map<String, PolicySource> sources;
    private final List<ValidationIssue> issues;
    private final Map<String, GatePolicy> done = new HashMap<>();
    private final Set<String> failed = new HashSet<>();

    PolicyResolver(Map<String, PolicySource> sources, List<ValidationIssue> issues) {
        this.sources = sources;
        this.issues = issues;
    }

    List<GatePolicy> resolveAll() {
        List<GatePolicy> out = new ArrayList<>();
        for (String name : sources.keySet()) {
            GatePolicy p = resolve(name, new ArrayDeque<>());
            if (p != null) {
                out.add(p);
            }
        }
        return out;
    }

    private GatePolicy resolve(String name, Deque<String> chain) {
        if (done.containsKey(name) || failed.contains(name)) {
            return done.get(name);
        }
        PolicySource src = sources.get(name);
        if (chain.contains(name)) {
            issues.add(issue(src, "extends",
                    "inheritance cycle: " + cycle(chain) + " -> " + name));
            failed.add(name);
            return null;
        }
        GatePolicy parent = null;
        String parentName = src.doc().parent();
        if (parentName != null) {
            if (!sources.containsKey(parentName)) {
                issues.add(issue(src, "extends",
                        "unknown policy '" + parentName + "'; known: " + String.join(", ", sources.keySet())));
                failed.add(name);
                return null;
            }
            chain.push(name);
            parent = resolve(parentName, chain);
            chain.pop();
            if (parent == null) {
                failed.add(name);
                return null; // the parent's own issue is already reported
            }
        }
        GatePolicy policy = merge(src, parent);
        if (policy == null) {
            failed.add(name);
        } else {
            done.put(name, policy);
        }
        return policy;
    }

    private GatePolicy merge(PolicySource src, GatePolicy parent) {
        PolicyDocument doc = src.doc();
        List<GateCheck> checks = mergeChecks(src, parent == null ? List.of() : parent.checks());
        if (checks == null) {
            return null;
        }
        List<String> lineage = new ArrayList<>();
        lineage.add(src.name());
        if (parent != null) {
            lineage.addAll(parent.lineage());
        }
        try {
            return new GatePolicy(src.name(), version(src.text(), parent), lineage, match(doc),
                    pick(doc.onInconclusive(), parent == null ? null : parent.onInconclusive(), OnInconclusive.INCONCLUSIVE),
                    pick(doc.onError(), parent == null ? null : parent.onError(), OnError.FAIL_CLOSED),
                    pick(doc.thresholds(), parent == null ? null : parent.thresholds(), GateThresholds.DEFAULT), checks,
                    Boolean.TRUE.equals(doc.dryRun()), // like match, never inherited: a policy is in dry run where it says so
                    pick(doc.riskAdaptive(), parent == null ? null : parent.riskAdaptive(), null));
        } catch (IllegalArgumentException e) {
            String field = e.getMessage() != null && e.getMessage().startsWith("riskAdaptive") ? "riskAdaptive" : "match";
            issues.add(issue(src, field, e.getMessage()));
            return null;
        }
    }

    private List<GateCheck> mergeChecks(PolicySource src, List<GateCheck> inherited) {
        LinkedHashMap<String, GateCheck> merged = new LinkedHashMap<>();
        inherited.forEach(c -> merged.put(c.name(), c));
        int before = issues.size();
        for (String removed : src.doc().removeChecksOrEmpty()) {
            if (merged.remove(removed) == null) {
                issues.add(issue(src, "removeChecks",
                        "no inherited check named '" + removed + "' to remove"));
            }
        }
        Set<String> own = new HashSet<>();
        List<GateCheck> checks = src.doc().checksOrEmpty();
        for (int i = 0; i < checks.size(); i++) {
            GateCheck c = checks.get(i);
            if (!own.add(c.name())) {
                issues.add(issue(src, "checks[" + i + "].name", "check name '" + c.name() + "' is used twice in this file"));
            }
            merged.put(c.name(), c); // same name as an inherited check: replaces it in place
        }
        if (merged.isEmpty()) {
            issues.add(issue(src, "checks",
                    "the policy has no checks (after inheritance and removeChecks); a gate needs at least one"));
        }
        return issues.size() == before ? new ArrayList<>(merged.values()) : null;
    }

    private static PolicyMatch match(PolicyDocument doc) {
        if (doc.match() == null) {
            return PolicyMatch.NONE;
        }
        return new PolicyMatch(orEmpty(doc.match().services(), "match.services"),
                orEmpty(doc.match().environments(), "match.environments"));
    }

    private static List<String> orEmpty(List<String> list, String field) {
        if (list == null) {
            throw new IllegalArgumentException(field + " is required in a match block; use ['*'] for any");
        }
        return list;
    }

    private static ValidationIssue issue(PolicySource src, String field, String message) {
        return YamlLocations.index(src.text()).place(new ValidationIssue(src.file(), 0, 0, field, Kind.INVALID_VALUE, message));
    }

    private static String cycle(Deque<String> chain) {
        List<String> oldestFirst = new ArrayList<>(chain);
        java.util.Collections.reverse(oldestFirst);
        return String.join(" -> ", oldestFirst);
    }

    private static <T> T pick(T own, T inherited, T fallback) {
        return own != null ? own : inherited != null ? inherited : fallback;
    }

    /** SHA-256 of the file text and the parent's version: changing any file of the lineage changes the version. */
    static String version(String text, GatePolicy parent) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update(text.getBytes(StandardCharsets.UTF_8));
            if (parent != null) {
                sha.update(("\n#extends " + parent.version()).getBytes(StandardCharsets.UTF_8));
            }
            return "sha256:" + HexFormat.of().formatHex(sha.digest()).substring(0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every Java runtime", e);
        }
    }
}
