// The BOM gave every Gamgee artifact its version: the workflow and its use of the embedded store compiled.
assert new File(basedir, 'target/classes/com/example/GreetingWorkflowBase.class').isFile()
assert new File(basedir, 'target/classes/com/example/GreetingWorkflow.class').isFile()
