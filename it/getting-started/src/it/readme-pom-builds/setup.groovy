// The pom of this project is the one README.md's "Writing a workflow" shows, copied at test time from
// between its markers, so that the text users copy is the text this test builds.
def text = new File(readme).text
def begin = text.indexOf('<!-- readme-pom:begin')
def end = text.indexOf('<!-- readme-pom:end')
assert begin >= 0 && end > begin : 'README.md should hold the pom between <!-- readme-pom:begin --> and <!-- readme-pom:end -->'
def block = text.substring(begin, end)
def xml = block.substring(block.indexOf('```xml\n') + '```xml\n'.length(), block.lastIndexOf('```'))
new File(basedir, 'pom.xml').text = xml
return true
