/**
 * Mermaid state diagram → validated graph → generated Java base class. No Maven API here; the
 * entry point is {@link io.gamgee.compiler.DiagramCompiler}.
 *
 * <h2>Accepted</h2>
 * <ul>
 *   <li>Front matter between {@code ---} lines at the top of the file, with {@code title:} (plain,
 *       {@code "double"} or {@code 'single'} quoted). Other keys, such as {@code config:} and its
 *       indented children, are ignored.</li>
 *   <li>{@code stateDiagram-v2} or {@code stateDiagram} as the first statement after it.</li>
 *   <li>{@code [*] --> a} (the first step), {@code a --> b}, {@code a --> [*]}, with or without
 *       spaces around {@code -->}, with or without a {@code : label}.</li>
 *   <li>{@code state c <<choice>>} (also {@code [[choice]]}): a decision. Its arrows' labels are
 *       its branch methods.</li>
 *   <li>{@code state f <<fork>>} and {@code state j <<join>>} (also {@code [[fork]]},
 *       {@code [[join]]}): parallel branches. The fork follows one step and leads to the first step
 *       of each branch (at least two, in the order of its arrows); each branch is a chain of steps
 *       (retries allowed) whose last step leads to the fork's join; the join leads to one step or
 *       {@code [*]}.</li>
 *   <li>A {@code <<choice>>} whose labels are all {@code on <event>} or {@code after <duration>}
 *       (at most one {@code after}): a wait. The steps before it return {@code w.await(kept)};
 *       an event sent from outside ({@code Events.<event>(payload)}) or, if none came first, its
 *       timer moves the instance on to a step or {@code [*]}. Event names are Java identifiers; an
 *       event in several waits leads to the same step in each.</li>
 *   <li>{@code a --> b: after <duration>} between two steps: {@code b} starts that long after
 *       {@code a}, durably. A duration is a whole number with {@code ms}, {@code s}, {@code m},
 *       {@code h} or {@code d} ({@code 500ms}, {@code 2d}) or an ISO-8601 duration
 *       ({@code PT10M}, {@code P2DT3H}), longer than zero and whole in milliseconds.</li>
 *   <li>A self-arrow carrying retry settings: {@code a --> a: attempts=3\nbackoffMs=500\ntimeoutMs=30000};
 *       settings are separated by a literal {@code \n}, {@code <br>}, {@code <br/>}, {@code ,} or
 *       {@code ;}, and each may be left out. {@code attempts}, {@code backoffMs} and
 *       {@code timeoutMs} are whole numbers ≥ 1 (defaults 1, 1000 and the worker's step
 *       timeout).</li>
 *   <li>States declared in any order, before or after the arrows that use them; blank lines and
 *       any indentation; CRLF line ends.</li>
 * </ul>
 *
 * <h2>Read and ignored</h2>
 * <ul>
 *   <li>{@code %%} comments, on their own line or trailing a statement, and {@code %%{init: …}%%}
 *       directives.</li>
 *   <li>{@code direction TB|TD|BT|LR|RL}.</li>
 *   <li>{@code note left of x : text}, {@code note right of x} … {@code end note},
 *       {@code note "text" as n}.</li>
 *   <li>Descriptions: {@code x : text}, {@code state "Long name" as x}, {@code state x}, a bare
 *       {@code x} (these also declare the state).</li>
 *   <li>Styling: {@code classDef}, {@code class}, {@code style}, and {@code :::cls} on states and
 *       on either end of an arrow.</li>
 *   <li>Accessibility: {@code accTitle: …}, {@code accDescr: …}, {@code accDescr { … }} over
 *       several lines.</li>
 *   <li>Labels on arrows out of steps, other than self-arrows and {@code after <duration>}.</li>
 * </ul>
 *
 * <h2>Rejected, each with its location</h2>
 * <ul>
 *   <li>Not supported yet: composite states {@code state X { … }} (their content is skipped) and
 *       the {@code --} concurrency separator (parsing continues after them); a decision or a fork
 *       inside a fork's branch (what follows it up to the join is not checked further); a decision
 *       branch leading to a fork or a join; a join leading to a decision, a fork or a join; a wait
 *       inside a fork's branch; a wait leading to a decision, a wait, a fork or a join, or reached
 *       from a decision or a join.</li>
 *   <li>A {@code <<choice>>} mixing {@code on}/{@code after} labels with branch methods; an
 *       unlabelled arrow out of a wait; two timers; one event on two branches of a wait; an event
 *       name that is not a Java identifier, is a keyword or names an {@code Object} method; one
 *       event leading to different steps in two waits; a wait leading to itself; {@code [*]}
 *       leading to a wait.</li>
 *   <li>A duration that is not one of the accepted forms ({@code 1.5h}, {@code 2w}, {@code P1M}),
 *       is zero or negative, is not whole in milliseconds or is too long; an
 *       {@code after <duration>} on an arrow from {@code [*]}, to {@code [*]}, into a decision, a
 *       wait, a fork or a join, or out of a fork or a join.</li>
 *   <li>A fork without a join, with one branch or none, with more than one incoming arrow, leading
 *       to itself, to {@code [*]} or straight to its join, or leading twice to one step; branches of
 *       one fork ending at different joins; a branch leaving for {@code [*]} or for a state outside
 *       it; an arrow into a branch from outside it; a join reached from two forks, from a step in no
 *       branch, or leading to itself; a join without an outgoing arrow or with more than one;
 *       {@code [*]} leading to a fork or a join.</li>
 *   <li>Any other line (e.g. {@code a -> b}, {@code a --> b --> c}), an unknown
 *       {@code <<stereotype>>}, a stray {@code }}, an unclosed note or front matter.</li>
 *   <li>A file without front matter, without a {@code title}, or without a diagram body.</li>
 *   <li>No arrow from {@code [*]}, more than one, {@code [*] --> [*]}, or {@code [*]} leading to a
 *       decision, a fork or a join.</li>
 *   <li>A step without an outgoing arrow (connect it to {@code [*]} explicitly) or with more than
 *       one (other than its self-arrow); more than one self-arrow.</li>
 *   <li>A decision leading to itself or to another decision; an unlabelled branch; a label that is
 *       not a Java method name, is a keyword or names an {@code Object} method; two branches with
 *       one label; a decision without branches. A decision with a single branch is a warning.</li>
 *   <li>A self-arrow without settings, an unknown setting (the message lists the allowed ones), a
 *       setting given twice or without a value, a value that is not a whole number ≥ 1.</li>
 *   <li>A cycle, printed as its path {@code a --> b --> a}.</li>
 *   <li>A state not reachable from {@code [*]}.</li>
 *   <li>Names that cannot become Java identifiers, that collide after conversion, that become Java
 *       keywords or literals, or that clash with {@code WorkflowBase}/{@code Object} members
 *       ({@code definition}, {@code workflowType}, {@code submit}, {@code executeStep},
 *       {@code executeJoin}, {@code executeTimer}, {@code execute}, {@code DEFINITION}, {@code getClass}, {@code hashCode}, {@code equals},
 *       {@code toString}, {@code notify}, {@code notifyAll}, {@code wait}, {@code clone},
 *       {@code finalize}); titles that cannot become a class name or become {@code Workflow}; a
 *       fork or wait whose nested classes would hide another type (a {@code java.lang} class, a
 *       type the generated base uses, a payload, result or kept type, {@code Events}, another
 *       fork's, wait's or a decision's nested class); a wait whose timeout method
 *       {@code <wait>TimedOut} is the method of a step or a join.</li>
 * </ul>
 *
 * <h2>Names</h2>
 * <ul>
 *   <li>A state name is split into words at {@code -}, {@code _} and whitespace. The method (or
 *       decision field) is the first word with its first letter lower-cased, followed by the other
 *       words with their first letter upper-cased; the rest of each word is kept as written:
 *       {@code my-task}, {@code my_task}, {@code my task} and {@code MyTask} → {@code myTask}.</li>
 *   <li>The type stem capitalizes every word: {@code my-task} → {@code MyTask}. A step's payload is
 *       {@code <Stem>Payload} (written by the user, in the diagram's package); a decision's nested
 *       types are {@code <Stem>Branches} (its field's type) and {@code <Stem>Decision} (what the
 *       step before it returns).</li>
 *   <li>A fork {@code split} gives the protected field {@code split} (type {@code SplitFork},
 *       whose {@code start} method takes the first payload of every branch) and the type
 *       {@code Split} the step before it returns, both nested in the base. The last step of a branch
 *       returns {@code <Stem>Result} (written by the user, in the diagram's package). A join
 *       {@code merge} gives the abstract method {@code merge}, taking each branch's result, named
 *       after its last step, and returning the payload of the step after the join.</li>
 *   <li>A wait {@code paid} gives the protected field {@code paid} (type {@code PaidWait}, whose
 *       {@code await} method takes what the instance keeps, {@code PaidPayload}, written by the
 *       user) and the type {@code Paid} the steps before it return, both nested in the base; a
 *       timer leading to a step gives the abstract method {@code paidTimedOut(PaidPayload)},
 *       returning that step's payload. Each event name gives a static factory in the nested
 *       class {@code Events}, taking the payload of the step it leads to (nothing for
 *       {@code [*]}).</li>
 *   <li>The result must be a Java identifier without {@code $}: letters, digits and {@code _},
 *       starting with a letter.</li>
 *   <li>The title is split into words at every character that is neither a letter nor a digit,
 *       each word capitalized, and {@code Workflow} appended unless the result already ends with it:
 *       {@code order fulfillment} → {@code OrderFulfillmentWorkflow}. The generated class is
 *       {@code <Type>Base}; the scaffolded implementation is {@code <Type>}.</li>
 *   <li>Branch labels are used as written and must already be Java method names.</li>
 *   <li>At run time steps and decisions keep their diagram names ({@code my-task}).</li>
 * </ul>
 */
package io.gamgee.compiler;
