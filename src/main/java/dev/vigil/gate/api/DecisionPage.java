package dev.vigil.gate.api;

import dev.vigil.gate.DecisionReport;
import dev.vigil.gate.DecisionReports;
import dev.vigil.gate.GateEvaluation;
import dev.vigil.gate.GatePolicy;
import dev.vigil.gate.service.DecisionLinks;
import dev.vigil.gate.service.GateService;
import dev.vigil.gate.service.PolicyRegistry;
import io.smallrye.common.annotation.Blocking;
import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.Optional;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;

/**
 * A decision's page for a browser (docs/gates.md, "Decision page"), reached through the signed, expiring link a
 * gate answer carries ({@code pageUrl}, the {@code page:} line), so a CI log links to it without a token. The
 * signature is checked before anything is read: a wrong, expired or missing one gets the same 403 page, which tells
 * nothing about the decision, not even whether it exists.
 */
@Path(DecisionLinks.PATH + "{id}")
@PermitAll
@Blocking
public class DecisionPage {

    static final String REFUSED = "This link to a Vigil decision is not valid, or it has expired. Ask the gate again "
            + "(or open the decision in the API with a token) for a fresh one.";

    private final DecisionLinks links;
    private final GateService gates;
    private final PolicyRegistry policies;
    private final DecisionReports reports;

    public DecisionPage(DecisionLinks links, GateService gates, PolicyRegistry policies, DecisionReports reports) {
        this.links = links;
        this.gates = gates;
        this.policies = policies;
        this.reports = reports;
    }

    @GET
    @Produces(MediaType.TEXT_HTML)
    @Operation(summary = "A gate decision as an HTML page",
            description = "Verdict, score, thresholds, each check with its reason, evidence windows, canary against "
                    + "baseline as an inline SVG chart, the deploy, its predicted risk and the anomalies involved. "
                    + "No token: the link's expiry and HMAC-SHA256 signature (from pageUrl in a gate answer) are "
                    + "the credential.")
    @APIResponse(responseCode = "200", description = "The page",
            content = @Content(mediaType = MediaType.TEXT_HTML, schema = @Schema(type = SchemaType.STRING)))
    @APIResponse(responseCode = "403", description = "Signature wrong or missing, or the link expired; the page says "
            + "nothing about the decision",
            content = @Content(mediaType = MediaType.TEXT_HTML, schema = @Schema(type = SchemaType.STRING)))
    @APIResponse(responseCode = "404", description = "A valid link to a decision that no longer exists",
            content = @Content(mediaType = MediaType.TEXT_HTML, schema = @Schema(type = SchemaType.STRING)))
    public Response page(@PathParam("id") String id,
                         @Parameter(description = "Unix seconds after which the link is refused")
                         @QueryParam("expires") String expires,
                         @Parameter(description = "base64url HMAC-SHA256 of the id and expiry")
                         @QueryParam("signature") String signature) {
        if (!links.valid(id, expires, signature)) {
            return html(Response.status(Response.Status.FORBIDDEN), DecisionPageHtml.refusal(REFUSED));
        }
        Optional<GateEvaluation> found = gates.find(id);
        if (found.isEmpty()) {
            return html(Response.status(Response.Status.NOT_FOUND),
                    DecisionPageHtml.refusal("This decision is no longer stored."));
        }
        GateEvaluation e = found.get();
        Optional<GatePolicy> inForce = e.decision() == null ? Optional.empty()
                : policies.get().named(e.decision().policy().name());
        DecisionReport report = reports.of(e, inForce);
        return html(Response.ok(), DecisionPageHtml.render(report));
    }

    /** Every answer, refusals included: nothing cached or passed on, nothing loaded or run, no framing. */
    private static Response html(Response.ResponseBuilder r, String body) {
        return r.type(MediaType.TEXT_HTML_TYPE.withCharset("UTF-8")).entity(body)
                .header("Content-Security-Policy", DecisionPageHtml.CSP)
                .header("Cache-Control", "no-store")
                .header("Referrer-Policy", "no-referrer")
                .header("X-Content-Type-Options", "nosniff")
                .header("X-Frame-Options", "DENY")
                .build();
    }
}
