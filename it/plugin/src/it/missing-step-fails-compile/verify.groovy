// The diagram compiled; javac then rejects the implementation and names the missing step method.
def log = new File(basedir, 'build.log').text
assert log.contains('0 diagrams up to date, 1 generated')
assert log.contains('COMPILATION ERROR')
assert log =~ /ConditionsWorkflow\.java:\[4,8\] com\.example\.ConditionsWorkflow is not abstract and does not override abstract method right\(com\.example\.RightPayload\) in com\.example\.ConditionsWorkflowBase/
