package io.gamgee.compiler.diagram;

import java.util.Objects;

/**
 * A piece of diagram text and where it starts.
 *
 * @param text the text, without surrounding whitespace
 * @param line 1-based line
 * @param column 1-based column of the first character
 */
public record Token(String text, int line, int column) {

    public Token {
        Objects.requireNonNull(text, "text");
    }

    /** The location of the character {@code offset} characters into this token. */
    public Token at(int offset, String text) {
        return new Token(text, line, column + offset);
    }
}
