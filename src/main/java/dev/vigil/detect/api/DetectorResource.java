package dev.vigil.detect.api;

import dev.vigil.detect.definition.DefinitionException;
import dev.vigil.detect.definition.DefinitionLoader;
import dev.vigil.detect.definition.DefinitionSet;
import dev.vigil.detect.definition.DetectorDefinition;
import dev.vigil.detect.definition.MultivariateDefinition;
import dev.vigil.detect.service.DefinitionRegistry;
import dev.vigil.security.Role;
import dev.vigil.validation.ValidationIssue;
import io.smallrye.common.annotation.Blocking;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** The detector definitions in force, and a check of a definition file before it is deployed. */
@Path("/api/v1/detectors")
@RolesAllowed({Role.VIEWER_NAME, Role.GATE_NAME, Role.ADMIN_NAME})
@Blocking
public class DetectorResource {

    private final DefinitionRegistry definitions;

    public DetectorResource(DefinitionRegistry definitions) {
        this.definitions = definitions;
    }

    /** One definition as the API shows it. */
    public record Match(String service, String metric, Map<String, String> labels) {
    }

    public record Severity(double info, double warning, double critical) {
    }

    public record Definition(String name, String source, Match match, String algorithm, double sensitivity,
            String seasonality, String direction, int warmUp, String valueKind, int rebaseline, Severity severity,
            int priority) {

        static Definition of(DetectorDefinition d) {
            Map<String, String> labels = new TreeMap<>();
            d.selector().labels().forEach((k, v) -> labels.put(k, v.text()));
            var s = d.settings();
            return new Definition(d.name(), d.source(), new Match(d.selector().service().text(),
                    d.selector().metric().text(), labels), d.algorithm(), s.sensitivity(), lower(s.seasonality()),
                    lower(s.direction()), s.warmUpPoints(), lower(s.valueKind()), s.rebaseline(),
                    new Severity(d.severity().info(), d.severity().warning(), d.severity().critical()), d.priority());
        }

        private static String lower(Enum<?> e) {
            return e.name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    /** One multivariate definition as the API shows it (docs/detection.md, "Multivariate definitions"). */
    public record Multivariate(String name, String source, String service, List<Match> metrics, String step,
            String grace, int carry, int window, int refitEvery, int warmUp, int trees, double sensitivity,
            Severity severity) {

        static Multivariate of(MultivariateDefinition d) {
            List<Match> metrics = d.metrics().stream().map(m -> {
                Map<String, String> labels = new TreeMap<>();
                m.selector().labels().forEach((k, v) -> labels.put(k, v.text()));
                return new Match(null, m.name(), labels);
            }).toList();
            var s = d.settings();
            return new Multivariate(d.name(), d.source(), d.service().text(), metrics, seconds(d.step()),
                    seconds(d.grace()), d.carry(), s.window(), s.refitEvery(), s.warmUp(), s.trees(), s.sensitivity(),
                    new Severity(d.severity().info(), d.severity().warning(), d.severity().critical()));
        }

        /** As a definition writes it: {@code 60s}, or {@code 1500ms} when not a whole number of seconds. */
        private static String seconds(java.time.Duration d) {
            return d.toMillis() % 1000 == 0 ? d.toSeconds() + "s" : d.toMillis() + "ms";
        }
    }

    /**
     * @param multivariate the multivariate definitions in force (empty: none configured)
     * @param source     the directory the definitions were read from, or {@code classpath:detectors/}
     * @param lastIssues why the latest reload was refused (the definitions listed are still in force), or empty
     */
    public record Listing(List<Definition> items, int total, List<Multivariate> multivariate, String source,
            List<ValidationIssue> lastIssues) {
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public Listing list() {
        DefinitionRegistry.Loaded loaded = definitions.loaded();
        List<Definition> items = loaded.set().definitions().stream().map(Definition::of).toList();
        return new Listing(items, items.size(), loaded.set().multivariate().stream().map(Multivariate::of).toList(),
                loaded.source(), loaded.lastIssues());
    }

    /**
     * The verdict on a definition file: valid, with the names it defines (multivariate ones after the others), or
     * every issue with line and field.
     */
    public record Validation(boolean valid, List<String> detectors, List<ValidationIssue> issues) {
    }

    @POST
    @Path("/validate")
    @Consumes({"application/yaml", "application/x-yaml", "text/yaml", MediaType.TEXT_PLAIN})
    @Produces(MediaType.APPLICATION_JSON)
    public Validation validate(String yaml) {
        try {
            DefinitionSet parsed = DefinitionLoader.parseSet("request", yaml == null ? "" : yaml);
            List<String> names = new ArrayList<>(parsed.definitions().stream().map(DetectorDefinition::name).toList());
            parsed.multivariate().forEach(m -> names.add(m.name()));
            return new Validation(true, names, List.of());
        } catch (DefinitionException e) {
            return new Validation(false, List.of(), e.issues());
        }
    }
}
