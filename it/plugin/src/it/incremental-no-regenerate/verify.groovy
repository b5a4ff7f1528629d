// build.log holds both builds. The first generates both base classes; the second compiles neither
// diagram again and rewrites no file, so javac, which would recompile for a touched source, has
// nothing to do.
def log = new File(basedir, 'build.log').text
def first = log.indexOf('0 diagrams up to date, 2 generated')
def second = log.indexOf('2 diagrams up to date, 0 generated')
assert first >= 0 : 'the first build did not generate both diagrams'
assert second > first : 'the second build regenerated'
assert log.indexOf('Nothing to compile - all classes are up to date', second) > second :
        'the second build recompiled, so a source changed'
assert new File(basedir, 'target/gamgee/digests.properties').text.contains('com/example/a/flow.mermaid=')
