// README's pom with README's fragments built; every fragment's dependency is in the built project.
def pom = new File(basedir, 'pom.xml').text
def log = new File(basedir, 'build.log').text
assert log.contains('BUILD SUCCESS')
for (artifact in ['gamgee-cdi', 'gamgee-h2', 'opentelemetry-bom']) {
    assert pom.contains("<artifactId>${artifact}</artifactId>") : "the pom holds README's ${artifact} fragment"
}
assert !log.contains('must be unique') : 'no dependency is declared twice'
return true
