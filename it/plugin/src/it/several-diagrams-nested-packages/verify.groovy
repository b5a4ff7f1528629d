// Three diagrams in three packages: each base class is generated in its diagram's package, the
// hand-written implementations compile against them, and their tests run steps through the
// generated dispatch.
def generated = new File(basedir, 'target/generated-sources/gamgee')
def expected = [
        'com/example/orders/OrderFulfillmentWorkflowBase.java': 'package com.example.orders;',
        'com/example/billing/invoicing/InvoiceWorkflowBase.java': 'package com.example.billing.invoicing;',
        'com/example/GreetingWorkflowBase.java': 'package com.example;',
]
expected.each { path, packageLine ->
    def file = new File(generated, path)
    assert file.isFile() : "missing generated ${path}"
    assert file.text.contains(packageLine) : "${path} is not in its diagram's package"
}
assert new File(basedir, 'target/classes/com/example/orders/OrderFulfillmentWorkflowBase.class').isFile()
assert new File(basedir, 'target/classes/com/example/GreetingWorkflow.class').isFile()

def log = new File(basedir, 'build.log').text
assert log.contains('0 diagrams up to date, 3 generated')

def reports = new File(basedir, 'target/surefire-reports').listFiles().findAll { it.name.endsWith('.txt') }
assert reports*.name.sort() == ['com.example.billing.invoicing.InvoiceWorkflowTest.txt',
                                'com.example.orders.OrderFulfillmentWorkflowTest.txt']
def testsRun = reports.sum { (it.text =~ /Tests run: (\d+), Failures: 0, Errors: 0/)[0][1] as int }
assert testsRun == 4
