package org.acme.interop;

import java.time.Duration;
import java.util.Map;

import jakarta.inject.Inject;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Response;

import io.celeriac.Celeriac;
import io.smallrye.common.annotation.RunOnVirtualThread;

/** Asks the Python workers for reports. */
@Path("/reports")
@RunOnVirtualThread
public class ReportResource {

    @Inject
    PythonReports reports;

    @Inject
    Celeriac celeriac;

    @POST
    public Response render(@QueryParam("title") String title, @QueryParam("pages") @DefaultValue("1") int pages) {
        return Response.accepted(Map.of("id", reports.render(title, pages).id())).build();
    }

    @GET
    @Path("/{id}")
    public PythonReports.Report await(@PathParam("id") String id) {
        return celeriac.result(id, PythonReports.Report.class).get(Duration.ofSeconds(30));
    }
}
