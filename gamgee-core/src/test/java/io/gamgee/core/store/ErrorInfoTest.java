package io.gamgee.core.store;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ErrorInfoTest {

    @Test
    void nulCharactersAndUnpairedSurrogatesBecomeReplacementCharacters() {
        ErrorInfo error = ErrorInfo.of(new IllegalStateException("bad\u0000byte \uD800 and 😀"));

        assertThat(error.message()).isEqualTo("bad\uFFFDbyte \uFFFD and 😀");
        assertThat(error.stackTrace()).doesNotContain("\u0000");
    }

    @Test
    void aHugeMessageIsCutToItsColumnAndSaysSo() {
        ErrorInfo error = ErrorInfo.of(new IllegalStateException("x".repeat(100_000)));

        assertThat(error.message()).hasSizeLessThanOrEqualTo(ErrorInfo.MAX_MESSAGE)
                .startsWith("xxxx").endsWith("(cut from 100000 characters)");
        assertThat(error.stackTrace()).hasSizeLessThanOrEqualTo(ErrorInfo.MAX_STACK_TRACE);
        assertThat(error.toString()).hasSizeLessThan(ErrorInfo.MAX_TYPE + 2 + ErrorInfo.MAX_MESSAGE + 1);
    }

    @Test
    void aCutNeverSplitsASurrogatePair() {
        String text = "😀".repeat(10_000);

        String cut = ErrorInfo.storable(text, 101);

        assertThat(cut).hasSizeLessThanOrEqualTo(101);
        assertThat(ErrorInfo.storable(cut, 1000)).isEqualTo(cut);   // nothing unpaired left to replace
    }

    @Test
    void anExceptionWhoseMessageThrowsIsStillCaptured() {
        RuntimeException poison = new RuntimeException() {
            @Override
            public String getMessage() {
                throw new IllegalStateException("no message for you");
            }
        };

        ErrorInfo error = ErrorInfo.of(poison);

        assertThat(error.message()).contains("getMessage() threw java.lang.IllegalStateException");
    }
}
