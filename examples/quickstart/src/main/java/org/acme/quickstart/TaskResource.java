package org.acme.quickstart;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Response;

import io.celeriac.AsyncResult;
import io.celeriac.Celeriac;
import io.celeriac.CeleriacException;
import io.celeriac.TaskInfo;
import io.celeriac.TaskOptions;
import io.celeriac.TaskTimeoutException;
import io.smallrye.common.annotation.RunOnVirtualThread;

/** Enqueues the example's tasks and reports on them. */
@Path("/tasks")
@RunOnVirtualThread
public class TaskResource {

    /** What the API says about a task. */
    public record TaskView(String id, String state, Object result, String error) {
    }

    @Inject
    QuickstartClient client;

    @Inject
    Celeriac celeriac;

    @POST
    @Path("/add")
    public Response add(@QueryParam("a") int a, @QueryParam("b") int b) {
        return accepted(List.of(client.add(a, b).id()));
    }

    @POST
    @Path("/word-count")
    public Response wordCount(String text) {
        return accepted(List.of(celeriac.send("quickstart.word-count", text).id()));
    }

    @POST
    @Path("/slow")
    public Response slow(@QueryParam("count") @DefaultValue("1") int count,
            @QueryParam("millis") @DefaultValue("500") long millis,
            @QueryParam("countdown") @DefaultValue("0") long countdownMillis) {
        List<String> ids = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            TaskOptions options = TaskOptions.defaults();
            if (countdownMillis > 0) {
                options = options.countdown(Duration.ofMillis(countdownMillis));
            }
            ids.add(celeriac.send("quickstart.slow", options, "slow #" + i, millis).id());
        }
        return accepted(ids);
    }

    @POST
    @Path("/fail")
    public Response fail(@QueryParam("reason") @DefaultValue("on purpose") String reason) {
        return accepted(List.of(client.fail(reason).id()));
    }

    @POST
    @Path("/{id}/revoke")
    public Response revoke(@PathParam("id") String id, @QueryParam("terminate") boolean terminate) {
        celeriac.revoke(id, terminate);
        return Response.accepted(Map.of("id", id)).build();
    }

    @GET
    @Path("/{id}")
    public TaskView get(@PathParam("id") String id) {
        return view(celeriac.result(id));
    }

    /** Waits up to {@code seconds} for the task to finish. */
    @GET
    @Path("/{id}/wait")
    public TaskView await(@PathParam("id") String id, @QueryParam("seconds") @DefaultValue("10") int seconds) {
        AsyncResult<Object> result = celeriac.result(id);
        try {
            result.get(Duration.ofSeconds(seconds));
        } catch (TaskTimeoutException e) {
            // still running: report the state as it is
        } catch (CeleriacException e) {
            // failed or revoked: the view shows the error
        }
        return view(result);
    }

    private static TaskView view(AsyncResult<Object> result) {
        TaskInfo info = result.info().orElse(null);
        if (info == null) {
            return new TaskView(result.id(), "PENDING", null, null);
        }
        String error = info.errorMessage().map(m -> info.errorType().orElse("") + ": " + m).orElse(null);
        return new TaskView(result.id(), info.state().name(), error == null ? info.result() : null, error);
    }

    private static Response accepted(List<String> ids) {
        return Response.accepted(Map.of("ids", ids)).build();
    }
}
