// Every diagram under src/main/mermaid/com/example/problems breaks one rule of the diagram language.
// The build must compile all of them, print every problem located as path:line:column: message,
// print warnings as warnings, and fail once with the count. The lists below are exact: a missing,
// moved or unexpected message fails this test.
def dir = 'src/main/mermaid/com/example/problems/'
def expectedErrors = [
        "${dir}bad-title.mermaid:2:8: title '1st' cannot become a Java class name: start it with a letter and use letters, digits and spaces (e.g. 'order fulfillment')",
        "${dir}colliding-names.mermaid:6:17: states my-task (line 5) and myTask both become the Java name 'myTask': rename one of them",
        "${dir}composite-state.mermaid:6:5: composite state outer ('state outer { … }') is not supported yet: draw its states at the top level",
        "${dir}concurrency.mermaid:7:5: concurrency ('--') is not supported yet: remove the separator",
        "${dir}concurrency.mermaid:8:5: more than one arrow from [*] (the first is at line 5): a workflow has exactly one first step",
        "${dir}cycle.mermaid:7:5: cycle: a --> b --> a; a workflow must be acyclic (to retry a step, give it a self-arrow with attempts=…)",
        "${dir}dead-end-step.mermaid:6:11: step b has no outgoing arrow: connect it to [*] explicitly ('b --> [*]') or to the next state",
        "${dir}decision-self-arrow.mermaid:8:5: decision route leads to itself: a branch leads to a step or [*]; retries belong on steps",
        "${dir}decision-to-decision.mermaid:9:5: decision first leads to decision second: a branch leads to a step or [*]; put a step between them",
        "${dir}duplicate-labels.mermaid:9:18: decision route has two branches labelled go (the first at line 8): labels name branch methods and must be unique",
        "${dir}fork.mermaid:5:5: fork split has no join: lead the last step of each of its branches to one <<join>> state ('state <name> <<join>>')",
        "${dir}fork.mermaid:6:13: the workflow starts at fork split: lead [*] to a step, which then leads to the fork",
        "${dir}keyword-name.mermaid:5:13: state new becomes the Java name 'new', which is a Java keyword: rename the state",
        "${dir}no-body.mermaid:4:1: no diagram body: add a 'stateDiagram-v2' line followed by the diagram's states and arrows",
        "${dir}no-front-matter.mermaid:1:1: missing front matter: start the file with '---', 'title: <workflow name>', '---'",
        "${dir}no-start.mermaid:4:1: no arrow from [*]: add '[*] --> <first step>' to say where the workflow starts",
        "${dir}no-title.mermaid:1:1: front matter has no title: add 'title: <workflow name>'",
        "${dir}not-an-identifier.mermaid:5:13: state name '2fast' cannot become a Java identifier: start it with a letter and use letters, digits, '-', '_' or spaces",
        "${dir}retry-bad-numbers.mermaid:6:23: attempts of step a must be a whole number of at least 1, found 'three'",
        "${dir}retry-bad-numbers.mermaid:8:23: attempts of step b must be a whole number of at least 1, found '0'",
        "${dir}retry-bad-numbers.mermaid:10:24: backoffMs of step c must be a whole number of at least 1 (milliseconds), found '-5'",
        "${dir}retry-bad-numbers.mermaid:12:23: attempts of step d must be a whole number of at least 1, found '1.5'",
        "${dir}retry-bad-numbers.mermaid:14:24: timeoutMs of step e must be a whole number of at least 1 (milliseconds), found '0'",
        "${dir}retry-unknown-key.mermaid:6:14: unknown retry setting 'tries' on step a: allowed are attempts, backoffMs and timeoutMs",
        "${dir}retry-without-settings.mermaid:6:5: self-arrow on step a has no retry settings: write 'a --> a: attempts=3\\nbackoffMs=500', or remove the arrow",
        "${dir}start-to-end.mermaid:4:1: no arrow from [*]: add '[*] --> <first step>' to say where the workflow starts",
        "${dir}start-to-end.mermaid:5:5: '[*] --> [*]' has no step in between: lead [*] to the first step",
        "${dir}two-starts.mermaid:6:5: more than one arrow from [*] (the first is at line 5): a workflow has exactly one first step",
        "${dir}two-ways-out.mermaid:7:5: step a has more than one outgoing arrow (the first is at line 6): a step leads to exactly one state; add a <<choice>> state after it to branch",
        "${dir}unlabelled-branch.mermaid:8:5: arrow from decision route to b has no label: label it with the branch method's name ('route --> b: goToB')",
        "${dir}unreachable.mermaid:7:5: state b is not reachable from [*]: connect an arrow to it or remove it",
        // only the line itself: the states it names are not reported unreachable, nor validate as a dead end
        "${dir}unreadable-arrow.mermaid:8:5: cannot read 'validate -> isValid': write the arrow as 'validate --> isValid'",
]
def expectedWarnings = [
        "${dir}one-branch.mermaid:5:5: warning: decision route has only one branch: a plain arrow from the step before it would do",
]

def log = new File(basedir, 'build.log').readLines()
def errors = log.findAll { it.startsWith('[ERROR] src/') }.collect { it.substring('[ERROR] '.length()) }
def warnings = log.findAll { it.startsWith('[WARNING] src/') }.collect { it.substring('[WARNING] '.length()) }
def missing = expectedErrors*.toString() - errors
def unexpected = errors - expectedErrors*.toString()
assert missing.isEmpty() && unexpected.isEmpty() : "missing: ${missing.join('\n')}\nunexpected: ${unexpected.join('\n')}"
assert warnings == expectedWarnings*.toString()
assert log.any { it.contains('32 problems in 25 diagrams') }

// the valid diagram among them (a warning is no error) still got its class; no broken one did
def generated = new File(basedir, 'target/generated-sources/gamgee/com/example/problems')
assert generated.list() as List == ['OneBranchWorkflowBase.java']
