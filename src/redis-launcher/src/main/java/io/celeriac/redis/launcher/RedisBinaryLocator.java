package io.celeriac.redis.launcher;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Locale;
import java.util.Optional;

/**
 * Finds a redis-server to run: an explicitly configured one, else {@code redis-server} on the PATH,
 * else the Redis 6.2 binary packaged in Maven Central's {@code com.github.codemonstur:embedded-redis},
 * so that a machine with nothing but a JDK can run Celeriac's dev mode and tests.
 */
public final class RedisBinaryLocator {

    private RedisBinaryLocator() {
    }

    /**
     * @param configured an explicit binary, used as is when present
     * @param searchPath whether to look for {@code redis-server} on the PATH before falling back to the embedded one
     */
    public static RedisBinary locate(Optional<Path> configured, boolean searchPath) {
        if (configured.isPresent()) {
            Path path = configured.get();
            if (!Files.isExecutable(path)) {
                throw new IllegalStateException("Configured redis-server " + path + " does not exist or is not executable");
            }
            return new RedisBinary(path, RedisBinary.Origin.CONFIGURED);
        }
        if (searchPath) {
            Optional<Path> onPath = findOnPath("redis-server");
            if (onPath.isPresent()) {
                return new RedisBinary(onPath.get(), RedisBinary.Origin.PATH);
            }
        }
        return new RedisBinary(extractEmbedded(), RedisBinary.Origin.EMBEDDED);
    }

    static Optional<Path> findOnPath(String executable) {
        String path = System.getenv("PATH");
        if (path == null) {
            return Optional.empty();
        }
        for (String dir : path.split(File.pathSeparator)) {
            if (dir.isEmpty()) {
                continue;
            }
            Path candidate = Path.of(dir, executable);
            if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }

    /**
     * Copies the embedded binary for this platform to a cache directory (once per version) and returns it.
     */
    static Path extractEmbedded() {
        String resource = embeddedResourceName(System.getProperty("os.name"), System.getProperty("os.arch"));
        Path cacheDir = Path.of(System.getProperty("java.io.tmpdir"), "celeriac-redis-" + System.getProperty("user.name", "user"));
        Path target = cacheDir.resolve(resource);
        if (Files.isExecutable(target)) {
            return target;
        }
        try (InputStream in = RedisBinaryLocator.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("The embedded Redis binary " + resource
                        + " is not on the classpath; add com.github.codemonstur:embedded-redis or install redis-server");
            }
            Files.createDirectories(cacheDir);
            // Copy under a unique name then move, so that concurrent test JVMs never run a half-written file.
            Path partial = Files.createTempFile(cacheDir, resource, ".part");
            Files.copy(in, partial, StandardCopyOption.REPLACE_EXISTING);
            Files.setPosixFilePermissions(partial, PosixFilePermissions.fromString("rwxr-xr-x"));
            Files.move(partial, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            return target;
        } catch (IOException e) {
            throw new UncheckedIOException("Could not extract the embedded Redis binary " + resource, e);
        }
    }

    /** Resource names inside embedded-redis 1.4.x; the versions are those that artifact packages. */
    static String embeddedResourceName(String osName, String osArch) {
        String os = osName.toLowerCase(Locale.ROOT);
        String arch = osArch.toLowerCase(Locale.ROOT);
        boolean arm64 = arch.equals("aarch64") || arch.equals("arm64");
        boolean amd64 = arch.equals("amd64") || arch.equals("x86_64");
        if (os.contains("linux")) {
            if (amd64) {
                return "redis-server-6.2.6-v5-linux-amd64";
            }
            if (arm64) {
                return "redis-server-6.2.7-linux-arm64";
            }
        } else if (os.contains("mac") || os.contains("darwin")) {
            if (amd64) {
                return "redis-server-6.2.6-v5-darwin-amd64";
            }
            if (arm64) {
                return "redis-server-6.2.6-v5-darwin-arm64";
            }
        }
        throw new IllegalStateException("No embedded Redis binary for " + osName + "/" + osArch
                + "; install redis-server on the PATH or configure its location");
    }
}
