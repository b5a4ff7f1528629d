// The diagram under src/test/mermaid became a test source: the test implementation compiled against
// it and its test ran; nothing of it reached the main sources, classes or jar.
def generated = new File(basedir, 'target/generated-test-sources/gamgee/com/example/probe/ProbeWorkflowBase.java')
assert generated.isFile() : 'no base class in the generated test sources'
assert !new File(basedir, 'target/generated-sources/gamgee').exists() : 'generate-test wrote main sources'
assert new File(basedir, 'target/test-classes/com/example/probe/ProbeWorkflowBase.class').isFile()
assert !new File(basedir, 'target/classes/com/example/probe').exists() : 'a test workflow reached the main classes'

def log = new File(basedir, 'build.log').text
assert log =~ /gamgee-maven-plugin:[^:]+:generate-test \(default\)/
assert log.contains('Tests run: 1, Failures: 0, Errors: 0')

def jar = new java.util.zip.ZipFile(new File(basedir, 'target/test-diagrams-stay-in-tests-1.0-SNAPSHOT.jar'))
try {
    assert jar.getEntry('com/example/app/App.class') != null
    assert jar.entries().toList().every { !it.name.startsWith('com/example/probe') } : 'the jar holds test workflows'
} finally {
    jar.close()
}
