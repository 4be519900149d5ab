package dev.vigil.gate.api;

import dev.vigil.gate.GatePolicy;
import dev.vigil.gate.service.PolicyRegistry;
import dev.vigil.security.Role;
import dev.vigil.validation.ValidationIssue;
import dev.vigil.web.Problem;
import dev.vigil.web.ProblemException;
import io.smallrye.common.annotation.Blocking;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;

/** A gate policy file checked before it is deployed (docs/gates.md, "Validating a policy"). */
@Path("/api/v1/policies")
@RolesAllowed(Role.ADMIN_NAME)
@Blocking
public class PolicyResource {

    private static final String NAME = "[A-Za-z0-9][A-Za-z0-9._-]{0,127}";

    private final PolicyRegistry policies;

    public PolicyResource(PolicyRegistry policies) {
        this.policies = policies;
    }

    /**
     * The verdict on a policy file: valid, with the resolved policy's version and lineage, or every problem with
     * file, line, column and field.
     *
     * @param version the content hash decisions of this policy would name; null when not valid
     * @param lineage the policy and the ones it extends, nearest first; empty when not valid
     */
    public record PolicyValidation(boolean valid, String policy, String version, List<String> lineage,
                             List<ValidationIssue> issues) {
    }

    @POST
    @Path("/validate")
    @Consumes({"application/yaml", "application/x-yaml", "text/yaml", MediaType.TEXT_PLAIN})
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Check a gate policy file before deploying it",
            description = "Checked as if the file were added to the policies in force under the given name (replacing "
                    + "the file of that name), so 'extends' and the policies extending it are checked too. Nothing "
                    + "is changed. The body is bounded by vigil.security.body-limit.yaml.")
    @RequestBody(required = true, content = @Content(mediaType = "application/yaml",
            schema = @Schema(type = org.eclipse.microprofile.openapi.annotations.enums.SchemaType.STRING,
                    description = "one policy file (YAML), as in the policies directory")))
    @APIResponse(responseCode = "200", description = "valid, or the list of problems",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = PolicyValidation.class)))
    @APIResponse(responseCode = "400", description = "bad name", content = @Content(mediaType = "application/problem+json",
            schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "401", description = "no valid token")
    @APIResponse(responseCode = "403", description = "not an admin token")
    @APIResponse(responseCode = "413", description = "body larger than the YAML body limit")
    public PolicyValidation validate(@Parameter(description = "the policy's name: its file name without .yaml; default "
            + "'request'") @QueryParam("name") String name, String yaml) {
        String policy = name == null || name.isBlank() ? "request" : name.trim();
        if (!policy.matches(NAME)) {
            throw ProblemException.badParameter("name", "must match " + NAME);
        }
        PolicyRegistry.Validation v = policies.validate(policy, yaml == null ? "" : yaml);
        return v.policy().map(p -> valid(p))
                .orElseGet(() -> new PolicyValidation(false, policy, null, List.of(), v.issues()));
    }

    private static PolicyValidation valid(GatePolicy p) {
        return new PolicyValidation(true, p.name(), p.version(), p.lineage(), List.of());
    }
}
