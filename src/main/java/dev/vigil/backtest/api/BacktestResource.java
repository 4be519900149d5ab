package dev.vigil.backtest.api;

import dev.vigil.backtest.Backtest;
import dev.vigil.detect.definition.DefinitionException;
import dev.vigil.detect.definition.DefinitionLoader;
import dev.vigil.detect.definition.Definitions;
import dev.vigil.detect.definition.DetectorDefinition;
import dev.vigil.security.Role;
import dev.vigil.web.Problem;
import dev.vigil.web.ProblemException;
import io.smallrye.common.annotation.Blocking;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import java.io.StringReader;
import java.io.StringWriter;
import java.util.List;

/**
 * Runs a detector over a CSV of {@code timestamp,value}, strictly causally, and answers
 * {@code timestamp,value,anomaly_score} per row (the same core as the {@code vigil-backtest} command).
 * Send {@code text/csv} with {@code ?detector=NAME} (a loaded definition; default {@code default}), or JSON
 * {@code {"csv": "...", "definition": "<YAML with one detector>"}} to try a definition not deployed yet.
 */
@Path("/api/v1/backtest")
@RolesAllowed({Role.VIEWER_NAME, Role.GATE_NAME, Role.ADMIN_NAME})
@Blocking
public class BacktestResource {

    static final String CSV = "text/csv";

    private final Definitions definitions;

    public BacktestResource(Definitions definitions) {
        this.definitions = definitions;
    }

    /** A CSV with an inline definition. */
    public record Request(String csv, String definition) {
    }

    @POST
    @Consumes({CSV, "text/plain"})
    @Produces(CSV)
    public String csv(@QueryParam("detector") String detector, String csv) {
        String name = detector == null || detector.isBlank() ? "default" : detector.trim();
        DetectorDefinition definition = definitions.current().byName(name)
                .or(() -> name.equals("default") ? java.util.Optional.of(DefinitionLoader.shippedDefault()) : java.util.Optional.empty())
                .orElseThrow(() -> ProblemException.badParameter("detector", "no loaded detector named '" + name + "'"));
        return run(csv, definition);
    }

    @POST
    @Consumes("application/json")
    @Produces(CSV)
    public String json(Request request) {
        if (request == null || request.csv() == null) {
            throw invalid("csv", "missing_field", "the CSV to score is required");
        }
        DetectorDefinition definition = DefinitionLoader.shippedDefault();
        if (request.definition() != null && !request.definition().isBlank()) {
            List<DetectorDefinition> parsed;
            try {
                parsed = DefinitionLoader.parse("definition", request.definition());
            } catch (DefinitionException e) {
                throw ProblemException.badRequest("invalid detector definition", e.issues().stream()
                        .map(i -> new Problem.FieldError(null, "definition." + i.field(), i.kind().name().toLowerCase(),
                                "line " + i.line() + ": " + i.message()))
                        .toList());
            }
            if (parsed.size() != 1) {
                throw invalid("definition", "invalid_value", "expected exactly one detector, found " + parsed.size());
            }
            definition = parsed.get(0);
        }
        return run(request.csv(), definition);
    }

    private static String run(String csv, DetectorDefinition definition) {
        StringWriter out = new StringWriter(Math.max(64, csv.length() + csv.length() / 2));
        try {
            Backtest.run(new StringReader(csv), out, definition.newDetector());
        } catch (IllegalArgumentException e) {
            throw invalid("csv", "invalid_value", e.getMessage());
        }
        return out.toString();
    }

    private static ProblemException invalid(String field, String reason, String message) {
        return ProblemException.badRequest("invalid backtest request", List.of(new Problem.FieldError(null, field, reason, message)));
    }
}
