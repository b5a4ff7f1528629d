// Importing gamgee-bom must not pin the application's Jackson, OpenTelemetry or H2 (as importing a BOM
// with the library's parent would): each lacks a version, and gamgee-core does not.
def log = new File(basedir, 'build.log').text
['com.fasterxml.jackson.core:jackson-databind', 'io.opentelemetry:opentelemetry-sdk', 'com.h2database:h2'].each {
    assert log.contains("'dependencies.dependency.version' for ${it}:jar is missing") : "gamgee-bom manages ${it}"
}
assert !log.contains("'dependencies.dependency.version' for io.gamgee:gamgee-core:jar is missing")
