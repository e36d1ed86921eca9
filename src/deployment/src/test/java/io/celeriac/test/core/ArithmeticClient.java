package io.celeriac.test.core;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionStage;

import io.celeriac.AsyncResult;
import io.celeriac.TaskClient;
import io.celeriac.TaskName;
import io.celeriac.TaskOptions;
import io.smallrye.mutiny.Uni;

@TaskClient
public interface ArithmeticClient {

    @TaskName("add")
    AsyncResult<Integer> add(int a, int b);

    @TaskName("add")
    Uni<Integer> addUni(int a, int b);

    @TaskName("add")
    CompletionStage<Integer> addStage(int a, int b);

    @TaskName("shift")
    AsyncResult<ArithmeticTasks.Point> shift(ArithmeticTasks.Point p, int by);

    @TaskName("count-words")
    Uni<Map<String, Integer>> countWords(List<String> words);

    @TaskName("add")
    void addAndForget(TaskOptions options, int a, int b);

    @TaskName("explode")
    AsyncResult<Integer> explode(String why);
}
