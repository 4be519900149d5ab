package dev.vigil.security.api;

import dev.vigil.security.AuditEvent;
import dev.vigil.security.AuditLog;
import dev.vigil.security.Role;
import dev.vigil.store.Page;
import dev.vigil.web.ProblemException;
import dev.vigil.web.QueryParams;
import io.smallrye.common.annotation.Blocking;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.time.Instant;
import java.util.regex.Pattern;

/** Admins read the audit of changes, newest first, filtered by actor, action and time. */
@Path("/api/v1/audit")
@RolesAllowed(Role.ADMIN_NAME)
@Blocking
public class AuditResource {

    private static final Pattern ACTION = Pattern.compile("[a-z]{1,30}\\.[a-z]{1,30}");
    private static final int MAX_ACTOR = 256;

    private final AuditLog audit;

    public AuditResource(AuditLog audit) {
        this.audit = audit;
    }

    /**
     * @param actor  a token's name or a pipeline's identity ({@code oidc:github:acme/shop@refs/heads/main}); {@code *}
     *               stands for any run of characters ({@code oidc:github:*})
     * @param action e.g. {@code gate.evaluate}
     * @param from   RFC 3339, inclusive
     * @param to     RFC 3339, exclusive
     */
    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public Page<AuditEvent> list(@QueryParam("actor") String actor, @QueryParam("action") String action,
            @QueryParam("from") String from, @QueryParam("to") String to,
            @QueryParam("limit") Integer limit, @QueryParam("offset") Integer offset) {
        String who = QueryParams.optional(actor);
        if (who != null && who.length() > MAX_ACTOR) {
            throw ProblemException.badParameter("actor", "must be at most " + MAX_ACTOR + " characters");
        }
        String what = QueryParams.optional(action);
        if (what != null && !ACTION.matcher(what).matches()) {
            throw ProblemException.badParameter("action", "must be an action such as gate.evaluate or token.create");
        }
        Instant start = QueryParams.instant("from", from);
        Instant end = QueryParams.instant("to", to);
        QueryParams.range(start, end);
        return audit.find(new AuditLog.Query(who, what, start, end), QueryParams.page(limit, offset));
    }
}
