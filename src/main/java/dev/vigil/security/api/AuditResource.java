package dev.vigil.security.api;

import dev.vigil.security.AuditEvent;
import dev.vigil.security.AuditLog;
import dev.vigil.security.Role;
import dev.vigil.store.Page;
import dev.vigil.web.QueryParams;
import io.smallrye.common.annotation.Blocking;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

/** Admins read the audit of changes, newest first. */
@Path("/api/v1/audit")
@RolesAllowed(Role.ADMIN_NAME)
@Blocking
public class AuditResource {

    private final AuditLog audit;

    public AuditResource(AuditLog audit) {
        this.audit = audit;
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public Page<AuditEvent> list(@QueryParam("limit") Integer limit, @QueryParam("offset") Integer offset) {
        return audit.find(QueryParams.page(limit, offset));
    }
}
