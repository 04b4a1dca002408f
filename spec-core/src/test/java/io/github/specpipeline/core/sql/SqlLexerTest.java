package io.github.specpipeline.core.sql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.util.List;
import org.junit.jupiter.api.Test;

class SqlLexerTest {

    private static List<SqlToken.Kind> kinds(String text) throws SqlLexer.LexicalError {
        return SqlLexer.tokenize(text).stream().map(SqlToken::kind).toList();
    }

    @Test
    void bigQueryLiteralForms() throws SqlLexer.LexicalError {
        List<SqlToken> tokens = SqlLexer.tokenize("r'a\\'b' \"x;y\" '''multi\nline''' b'\\x00' `raw.t` 1.5e-3 0x1F");

        assertThat(tokens)
                .extracting(SqlToken::kind)
                .containsExactly(
                        SqlToken.Kind.STRING,
                        SqlToken.Kind.STRING,
                        SqlToken.Kind.STRING,
                        SqlToken.Kind.STRING,
                        SqlToken.Kind.QUOTED_IDENTIFIER,
                        SqlToken.Kind.NUMBER,
                        SqlToken.Kind.NUMBER);
        assertThat(tokens.get(4).identifierName()).isEqualTo("raw.t");
    }

    @Test
    void commentsOfAllThreeKinds() throws SqlLexer.LexicalError {
        assertThat(kinds("a -- x ; y\n# z\n/* ; */ b"))
                .containsExactly(
                        SqlToken.Kind.IDENTIFIER,
                        SqlToken.Kind.COMMENT,
                        SqlToken.Kind.COMMENT,
                        SqlToken.Kind.COMMENT,
                        SqlToken.Kind.IDENTIFIER);
    }

    @Test
    void positionsAreOneBased() throws SqlLexer.LexicalError {
        SqlToken b = SqlLexer.tokenize("a\r\n  b").get(1);

        assertThat(b.line()).isEqualTo(2);
        assertThat(b.column()).isEqualTo(3);
        assertThat(b.offset()).isEqualTo(5);
    }

    @Test
    void unterminatedForms() {
        for (String text : List.of("'abc", "x = \"a\nb\"", "`t", "/* open", "'''never")) {
            SqlLexer.LexicalError e = catchThrowableOfType(SqlLexer.LexicalError.class, () -> SqlLexer.tokenize(text));
            assertThat(e).as(text).isNotNull();
            assertThat(e.getMessage()).startsWith("unterminated");
        }
    }
}
