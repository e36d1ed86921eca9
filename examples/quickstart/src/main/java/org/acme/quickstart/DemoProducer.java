package org.acme.quickstart;

import java.time.Duration;

import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import org.jboss.logging.Logger;

import io.celeriac.AsyncResult;
import io.quarkus.arc.profile.IfBuildProfile;
import io.quarkus.runtime.StartupEvent;

/** In dev mode, sends a few tasks at start-up and logs their results, so that the demo shows tasks executing. */
@IfBuildProfile("dev")
public class DemoProducer {

    private static final Logger LOG = Logger.getLogger(DemoProducer.class);

    @Inject
    QuickstartClient client;

    void onStart(@Observes StartupEvent event) {
        Thread.ofVirtual().name("demo-producer").start(this::sendDemoTasks);
    }

    private void sendDemoTasks() {
        Duration wait = Duration.ofSeconds(30);
        try {
            for (int i = 1; i <= 3; i++) {
                AsyncResult<Integer> sum = client.add(i, i * 10);
                LOG.infof("demo: sent add(%d, %d) as %s -> result %d", i, i * 10, sum.id(), sum.get(wait));
            }
            client.wordCount("the quick brown fox jumps over the lazy dog the end").subscribe().with(
                    count -> LOG.infof("demo: word-count -> %s", count),
                    failure -> LOG.errorf("demo: word-count failed: %s", failure.getMessage()));
            AsyncResult<String> slow = client.slow("demo", 1500);
            LOG.infof("demo: sent slow task %s, state %s", slow.id(), slow.state());
            LOG.infof("demo: slow task -> %s (state %s)", slow.get(wait), slow.state());
            AsyncResult<Integer> failing = client.fail("a demo failure");
            try {
                failing.get(wait);
            } catch (RuntimeException e) {
                LOG.infof("demo: failing task ended %s: %s", failing.state(), e.getMessage());
            }
            LOG.info("demo: done. Try: curl -X POST 'localhost:8080/tasks/add?a=2&b=3' and"
                    + " curl localhost:8080/tasks/<id>/wait");
        } catch (RuntimeException e) {
            LOG.errorf(e, "demo: %s", e.getMessage());
        }
    }
}
