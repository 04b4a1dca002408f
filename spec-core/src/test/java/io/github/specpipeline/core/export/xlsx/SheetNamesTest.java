package io.github.specpipeline.core.export.xlsx;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SheetNamesTest {
    @Test
    void namesAreValidForExcelAndUniqueIgnoringCase() {
        SheetNames names = new SheetNames();
        assertThat(names.take("Overview")).isEqualTo("Overview");
        assertThat(names.take("overview")).isEqualTo("overview~2");
        assertThat(names.take("History")).isEqualTo("History_");
        assertThat(names.take("sheet[1]:*?/\\'")).isEqualTo("sheet_1_______");
        assertThat(names.take("'quoted'")).isEqualTo("_quoted_");
        assertThat(names.take("   ")).isEqualTo("Sheet");
        assertThat(names.take("a\nb\tc")).isEqualTo("a_b_c");
    }

    @Test
    void longNamesAreCutTo31CharactersAndStayUnique() {
        SheetNames names = new SheetNames();
        String a = names.take("a_model_name_that_is_longer_than_thirty_one_characters_one");
        String b = names.take("a_model_name_that_is_longer_than_thirty_one_characters_two");
        assertThat(a).isEqualTo("a_model_name_that_is_longer_tha").hasSize(31);
        assertThat(b).isEqualTo("a_model_name_that_is_longer_t~2").hasSize(31);
        for (int i = 3; i < 120; i++) {
            assertThat(names.take("a_model_name_that_is_longer_than_thirty_one_characters_" + i))
                    .hasSizeLessThanOrEqualTo(31);
        }
        assertThat(names.take("a_model_name_that_is_longer_than_x")).isEqualTo("a_model_name_that_is_longer~120");
    }

    @Test
    void surrogatePairsAreNotSplit() {
        assertThat(new SheetNames().take("x".repeat(30) + "\uD835\uDC9C")).isEqualTo("x".repeat(30));
        assertThat(new SheetNames().take("\uD83D\uDE00 emoji")).isEqualTo("_ emoji");
    }
}
