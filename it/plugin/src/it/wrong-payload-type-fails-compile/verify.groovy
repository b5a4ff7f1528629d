// The diagram compiled; javac then rejects the step method whose return type is not the next step's payload.
def log = new File(basedir, 'build.log').text
assert log.contains('0 diagrams up to date, 1 generated')
assert log.contains('COMPILATION ERROR')
assert log =~ /PaymentWorkflow\.java:\[7,27\] charge\(com\.example\.ChargePayload\) in com\.example\.PaymentWorkflow cannot override charge\(com\.example\.ChargePayload\) in com\.example\.PaymentWorkflowBase/
assert log =~ /return type com\.example\.ReceiptPayload is not compatible with com\.example\.ShipPayload/
