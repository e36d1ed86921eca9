package org.acme.interop;

import io.celeriac.AsyncResult;
import io.celeriac.TaskClient;
import io.celeriac.TaskName;

/** Tasks of the Python Celery application (python/reports.py), called from Java. */
@TaskClient(queue = "reports")
public interface PythonReports {

    /** What the Python task returns. */
    record Report(String title, int pages, String renderedBy) {
    }

    @TaskName("reports.render")
    AsyncResult<Report> render(String title, int pages);
}
