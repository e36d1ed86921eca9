package io.celeriac.runtime;

import java.net.InetAddress;
import java.net.UnknownHostException;

import jakarta.inject.Singleton;

/** Who this process is: host name and pid, for message origins, worker names and logs. */
@Singleton
public class ProcessIdentity {

    private final String hostname = resolveHostname();
    private final long pid = ProcessHandle.current().pid();

    public String hostname() {
        return hostname;
    }

    public long pid() {
        return pid;
    }

    /** {@code <pid>@<hostname>}, Celery's {@code origin} header. */
    public String origin() {
        return pid + "@" + hostname;
    }

    private static String resolveHostname() {
        String env = System.getenv("HOSTNAME");
        if (env != null && !env.isBlank()) {
            return env;
        }
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            return "localhost";
        }
    }
}
