package io.celeriac.worker;

/** The Celeriac version, as packaged. */
final class Version {

    static final String CELERIAC = version();

    private Version() {
    }

    private static String version() {
        String packaged = Version.class.getPackage() == null ? null : Version.class.getPackage().getImplementationVersion();
        return packaged == null ? "0.1.0-SNAPSHOT" : packaged;
    }
}
