package io.celeriac.test.core;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import io.celeriac.Task;
import io.smallrye.mutiny.Uni;

/** Tasks with every kind of argument and result the core tests send. Deliberately no scope annotation. */
public class ArithmeticTasks {

    public record Point(int x, int y) {
    }

    /** Opened by a test to let {@link #gate()} finish. */
    static volatile CountDownLatch gate = new CountDownLatch(1);

    @Task(name = "add")
    public int add(int a, int b) {
        return a + b;
    }

    @Task(name = "shift")
    public Point shift(Point p, int by) {
        return new Point(p.x() + by, p.y() + by);
    }

    @Task(name = "count-words")
    public Map<String, Integer> countWords(List<String> words) {
        Map<String, Integer> counts = new TreeMap<>();
        words.forEach(w -> counts.merge(w, 1, Integer::sum));
        return counts;
    }

    @Task(name = "points")
    public List<Point> points(int n) {
        return java.util.stream.IntStream.range(0, n).mapToObj(i -> new Point(i, -i)).toList();
    }

    @Task(name = "nothing")
    public String nothing() {
        return null;
    }

    @Task(name = "explode", maxRetries = 0)
    public int explode(String why) {
        throw new IllegalArgumentException(why);
    }

    @Task(name = "gate")
    public String gate() throws InterruptedException {
        return gate.await(30, TimeUnit.SECONDS) ? "opened" : "timed out";
    }

    @Task(name = "greet")
    public String greet(String name, String greeting) {
        return greeting + ", " + name;
    }

    @Task(name = "square-uni")
    public Uni<Long> squareUni(long x) {
        return Uni.createFrom().item(x * x);
    }

    @Task(name = "square-stage")
    public CompletionStage<Long> squareStage(long x) {
        return CompletableFuture.supplyAsync(() -> x * x);
    }

    @Task(name = "quiet", ignoreResult = true)
    public int quiet(int x) {
        return x;
    }
}
