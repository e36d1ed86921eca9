package org.acme.quickstart;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;

import io.celeriac.Beat;
import io.celeriac.DeadLetter;
import io.celeriac.DeadLetters;
import io.celeriac.Workers;
import io.smallrye.common.annotation.RunOnVirtualThread;

/** Operations: live workers, control commands, dead letters, schedules and broker figures. */
@Path("/ops")
@RunOnVirtualThread
public class WorkerResource {

    @Inject
    Workers workers;

    @Inject
    DeadLetters deadLetters;

    @Inject
    Beat beat;

    @GET
    @Path("/workers")
    public List<Workers.WorkerInfo> live() {
        return workers.live();
    }

    @POST
    @Path("/workers/ping")
    public List<String> ping() {
        return workers.ping(Duration.ofSeconds(1));
    }

    @POST
    @Path("/queues/{queue}/pause")
    public void pause(@PathParam("queue") String queue, @QueryParam("worker") String worker) {
        workers.pause(queue, worker);
    }

    @POST
    @Path("/queues/{queue}/resume")
    public void resume(@PathParam("queue") String queue, @QueryParam("worker") String worker) {
        workers.resume(queue, worker);
    }

    @POST
    @Path("/workers/shutdown")
    public void shutdown(@QueryParam("worker") String worker) {
        workers.shutdown(worker);
    }

    @GET
    @Path("/queues/{queue}/dead-letters")
    public List<DeadLetter> deadLetters(@PathParam("queue") String queue) {
        return deadLetters.list(queue, 0, 100);
    }

    @POST
    @Path("/queues/{queue}/dead-letters/requeue")
    public Map<String, Integer> requeueAll(@PathParam("queue") String queue) {
        return Map.of("requeued", deadLetters.requeueAll(queue));
    }

    @GET
    @Path("/schedules")
    public List<Beat.ScheduleInfo> schedules() {
        return beat.schedules();
    }

    @GET
    @Path("/broker")
    public Map<String, String> broker() {
        return workers.brokerInfo();
    }
}
