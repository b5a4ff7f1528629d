// The first scaffold writes the missing payload record and the implementation skeleton and keeps
// the hand-written payload; the build then compiles all of it. The second scaffold writes nothing.
def java = new File(basedir, 'src/main/java/com/example/shop')
def handWritten = new File(java, 'ShipPayload.java')
assert handWritten.text.contains('record ShipPayload(String address)') : 'the hand-written payload was overwritten'
assert new File(java, 'PayPayload.java').isFile()
def implementation = new File(java, 'CheckoutWorkflow.java')
assert implementation.isFile()
assert implementation.text.contains('extends CheckoutWorkflowBase')

def base = new File(basedir, 'target/generated-sources/gamgee/com/example/shop/CheckoutWorkflowBase.java')
assert base.text.contains('RetryPolicy.of(5, 1000, 30000)') : 'the step timeout did not reach the definition'

['CheckoutWorkflow', 'CheckoutWorkflowBase', 'PayPayload', 'ShipPayload'].each {
    assert new File(basedir, "target/classes/com/example/shop/${it}.class").isFile() : "${it} was not compiled"
}

def log = new File(basedir, 'build.log').text
assert log.contains('Wrote src/main/java/com/example/shop/PayPayload.java')
assert log.contains('Wrote src/main/java/com/example/shop/CheckoutWorkflow.java')
assert log.contains('Kept src/main/java/com/example/shop/ShipPayload.java (exists)')
assert log.contains('2 files written, 1 kept as they were')
assert log.indexOf('0 files written, 3 kept as they were') > log.indexOf('2 files written, 1 kept as they were')
