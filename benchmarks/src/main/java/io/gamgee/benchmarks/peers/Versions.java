package io.gamgee.benchmarks.peers;

/** A library's version from its jar's manifest or Maven metadata. */
final class Versions {

    private Versions() {
    }

    static String of(Class<?> type) {
        String version = type.getPackage().getImplementationVersion();
        if (version != null) {
            return version;
        }
        String jar = type.getProtectionDomain().getCodeSource().getLocation().getPath();
        String name = jar.substring(jar.lastIndexOf('/') + 1);
        return name.replaceAll("^[A-Za-z-]+-(?=\\d)", "").replace(".jar", "");
    }
}
