package dev.vigil.predict.api;

import dev.vigil.predict.ChangeRiskModel;
import dev.vigil.predict.ColdStartModel;
import dev.vigil.predict.ModelCodec;
import dev.vigil.predict.service.ModelRecord;
import dev.vigil.predict.service.ModelRepository;
import dev.vigil.predict.service.ModelRetrainer;
import dev.vigil.predict.service.RetrainSchedule;
import dev.vigil.security.Role;
import dev.vigil.web.QueryParams;
import io.smallrye.common.annotation.Blocking;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.time.Clock;
import java.time.Instant;
import java.util.List;

/** Per-service models: their versions, and retraining on demand (admin). The schedule is {@link RetrainSchedule}. */
@Path("/api/v1/admin/models")
@RolesAllowed(Role.ADMIN_NAME)
@Blocking
public class ModelResource {

    /**
     * A stored model version without its artefact; {@code calibration} carries the reliability table (Brier score,
     * predicted against observed failure rate in 10 bins) of its validation tail.
     */
    public record ModelView(String version, String service, String kind, Instant trainedAt, int trainingRows,
                            String summary, ModelCodec.CalibrationView calibration) {
        static ModelView of(ModelRecord m) {
            return new ModelView(m.version(), m.service(), m.kind(), m.trainedAt(), m.trainingRows(), m.summary(),
                    calibration(m));
        }

        /** Null when the artefact's calibration cannot be read (a newer format): the listing still answers. */
        private static ModelCodec.CalibrationView calibration(ModelRecord m) {
            try {
                return ModelCodec.calibrationOf(m.artefact());
            } catch (IllegalArgumentException e) {
                return null;
            }
        }
    }

    /** The shipped cold-start model: what scores a service until it has a model of its own. */
    public record ColdStartView(String version, String kind, ModelCodec.CalibrationView calibration) {
    }

    public record RetrainResponse(List<ModelRetrainer.Result> results) {
    }

    private static final ChangeRiskModel COLD_START = ColdStartModel.load();

    private final ModelRetrainer retrainer;
    private final ModelRepository models;
    private final Clock clock;

    public ModelResource(ModelRetrainer retrainer, ModelRepository models, Clock clock) {
        this.retrainer = retrainer;
        this.models = models;
        this.clock = clock;
    }

    /** Retrains one service ({@code ?service=}) or every service with predicted deploys. */
    @POST
    @Path("/retrain")
    @Produces(MediaType.APPLICATION_JSON)
    public RetrainResponse retrain(@QueryParam("service") String service) {
        String s = QueryParams.optional(service);
        Instant now = clock.instant();
        return new RetrainResponse(s == null ? retrainer.retrainAll(now) : List.of(retrainer.retrain(s, now)));
    }

    /** The cold-start model's version and calibration, with the reliability table of its validation tail. */
    @GET
    @Path("/cold-start")
    @Produces(MediaType.APPLICATION_JSON)
    public ColdStartView coldStart() {
        return new ColdStartView(COLD_START.version(), COLD_START.kind(), ModelCodec.CalibrationView.of(COLD_START));
    }

    /** Every stored version of a service's model, newest (the one in use) first. */
    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public List<ModelView> versions(@QueryParam("service") String service) {
        String s = QueryParams.optional(service);
        if (s == null) {
            throw dev.vigil.web.ProblemException.badParameter("service", "is required");
        }
        return models.versions(s).stream().map(ModelView::of).toList();
    }
}
