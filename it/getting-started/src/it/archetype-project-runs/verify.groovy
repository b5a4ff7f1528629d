// README's "Getting started" generates a project from gamgee-archetype, then builds, tests and runs it.
def project = new File(basedir, 'greetings')
def log = new File(basedir, 'build.log').text

assert new File(project, 'src/main/mermaid/com/example/greeting.mermaid').isFile() : 'the diagram lies in the package folder'
assert new File(project, 'target/generated-sources/gamgee/com/example/GreetingWorkflowBase.java').isFile() : 'the diagram was compiled'
assert new File(project, 'target/classes/com/example/GreetingWorkflow.class').isFile() : 'the implementation compiled'
assert log.contains('Tests run: 2, Failures: 0, Errors: 0, Skipped: 0') : 'GreetingWorkflowTest ran both tests'

// Main ran three workflows on the embedded H2 store and exited
assert log.contains('Hello, Ada!') && log.contains('Hello, Grace!') && log.contains('Bonjour, Marie !') : 'every greeting was sent'
assert log.contains('3 of 3 greeting workflows completed') : 'Main saw every workflow complete'
assert new File(project, 'target/gamgee-data').isDirectory() : 'the store is under target/gamgee-data'

// README shows the command this test runs
def readmeText = new File(readme).text
def commands = [
    "mvn -B archetype:generate -DarchetypeGroupId=io.gamgee -DarchetypeArtifactId=gamgee-archetype -DarchetypeVersion=${gamgeeVersion} -DarchetypeCatalog=local -DgroupId=com.example -DartifactId=greetings",
    'mvn verify ',
    'mvn -q compile exec:java ',
]
for (command in commands) {
    assert readmeText.contains(command) : "README.md's Getting started should show the command this test runs: ${command}"
}
return true
