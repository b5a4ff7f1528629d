// README.md's pom fragments (the ```xml blocks outside the readme-pom markers: dependencies to add, the
// OpenTelemetry BOM to import) added to README's complete pom, so that what a user pastes builds.
// A <dependency> goes into <dependencies>, replacing one of the same groupId:artifactId (README shows
// gamgee-cdi plain and with its exclusions; the later one is built); a <dependencyManagement> block's
// dependencies go into <dependencyManagement>. Anything else fails, naming README's line.
def lines = new File(readme).readLines()
def text = new File(readme).text
def begin = text.indexOf('<!-- readme-pom:begin')
def end = text.indexOf('<!-- readme-pom:end')
assert begin >= 0 && end > begin : 'README.md should hold the pom between <!-- readme-pom:begin --> and <!-- readme-pom:end -->'
def block = text.substring(begin, end)
def pom = block.substring(block.indexOf('```xml\n') + '```xml\n'.length(), block.lastIndexOf('```'))
def pomFirstLine = text.substring(0, begin).count('\n') + 1

def dependencies = [:]          // groupId:artifactId -> text, in README's order
def managed = []
def fragments = 0
for (int i = 0; i < lines.size(); i++) {
    if (!lines[i].trim().startsWith('```xml')) continue
    int fence = i
    int close = i + 1
    while (lines[close].trim() != '```') close++
    i = close
    if (fence + 1 >= pomFirstLine && fence + 1 <= pomFirstLine + 3) continue   // the complete pom itself
    def xml = lines.subList(fence + 1, close).join('\n')
    def root
    try {
        root = javax.xml.parsers.DocumentBuilderFactory.newInstance().newDocumentBuilder()
                .parse(new org.xml.sax.InputSource(new StringReader(xml))).documentElement
    } catch (Exception e) {
        throw new AssertionError("README.md:${fence + 1}: xml block is not well-formed: ${e.message}")
    }
    fragments++
    switch (root.tagName) {
        case 'dependency':
            def child = { name -> root.getElementsByTagName(name).item(0).textContent.trim() }
            dependencies["${child('groupId')}:${child('artifactId')}"] = xml
            break
        case 'dependencyManagement':
            managed << xml.replaceAll(/(?s)^\s*<dependencyManagement>\s*<dependencies>/, '')
                          .replaceAll(/(?s)<\/dependencies>\s*<\/dependencyManagement>\s*$/, '')
            break
        default:
            throw new AssertionError("README.md:${fence + 1}: xml block <${root.tagName}> is not a pom fragment this test can place (a <dependency> or a <dependencyManagement>)")
    }
}
assert fragments > 0 : 'README.md shows pom fragments'

// README's pom: one <dependencies> in <dependencyManagement>, then the project's own
int managedEnd = pom.indexOf('</dependencies>')
pom = pom.substring(0, managedEnd) + managed.join('\n') + '\n    ' + pom.substring(managedEnd)
int ownEnd = pom.indexOf('</dependencies>', pom.indexOf('</dependencyManagement>'))
def own = pom.substring(0, ownEnd)
dependencies.each { key, xml ->
    def (groupId, artifactId) = key.split(':')
    // README's pom already has some of them (gamgee-h2): the fragment replaces it
    own = own.replaceAll("(?s)\\s*<dependency>\\s*<groupId>${java.util.regex.Pattern.quote(groupId)}</groupId>\\s*<artifactId>${java.util.regex.Pattern.quote(artifactId)}</artifactId>.*?</dependency>", '')
    own += '\n' + xml + '\n'
}
pom = own + '  ' + pom.substring(ownEnd)
new File(basedir, 'pom.xml').text = pom
println "README's pom with ${fragments} fragments of README.md added"
return true
