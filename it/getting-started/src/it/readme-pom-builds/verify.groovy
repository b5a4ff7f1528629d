// README's pom compiled the diagram, the implementation and the test, and ran the test.
def log = new File(basedir, 'build.log').text
assert new File(basedir, 'target/generated-sources/gamgee/com/example/ConditionsWorkflowBase.java').isFile() : 'the plugin compiled the diagram'
assert new File(basedir, 'target/classes/com/example/ConditionsWorkflow.class').isFile() : 'the implementation compiled'
assert log.contains('Tests run: 2, Failures: 0, Errors: 0, Skipped: 0') : 'ConditionsWorkflowTest ran'
assert new File(basedir, 'pom.xml').text.contains("<gamgee.version>${gamgeeVersion}</gamgee.version>") : "README's pom should name this build's version, ${gamgeeVersion}"
assert !log.contains('No SLF4J providers were found') : "README's pom should give HikariCP a logging provider"
