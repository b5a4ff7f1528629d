package io.gamgee.compiler.generate;

/** Makes diagram text safe inside a Javadoc comment. */
final class Javadoc {

    private Javadoc() {
    }

    /**
     * Escapes {@code text} so it renders as written and can neither end the comment ({@code *}{@code /}),
     * start a tag ({@code @}, <code>&#123;@</code>), smuggle HTML, nor hide a unicode escape that javac
     * would decode before lexing ({@code \}{@code u002a}).
     */
    static String text(String text) {
        StringBuilder escaped = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '&' -> escaped.append("&amp;");
                case '<' -> escaped.append("&lt;");
                case '>' -> escaped.append("&gt;");
                case '@' -> escaped.append("&#64;");
                case '/' -> escaped.append(i > 0 && text.charAt(i - 1) == '*' ? "&#47;" : "/");
                case '\\' -> escaped.append("&#92;");
                case '{' -> escaped.append("&#123;");
                case '}' -> escaped.append("&#125;");
                case '\n', '\r' -> escaped.append(' ');
                default -> escaped.append(c);
            }
        }
        return escaped.toString();
    }

    /** {@code path:line}, escaped. */
    static String cite(String path, int line) {
        return text(path) + ":" + line;
    }
}
