package io.callstream.topology.query;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** Where a page ends and how many positions its parts list, in long arithmetic and bounded by the depth. */
class PageRequestTest {

    @Test
    void theLastPageNumberDoesNotOverflow() {
        PageRequest absurd = PageRequest.page(Integer.MAX_VALUE, 100);
        assertThat(absurd.offset()).isEqualTo(Integer.MAX_VALUE);
        assertThat(absurd.end()).isEqualTo(Integer.MAX_VALUE + 100L);
        assertThat(absurd.tooDeep()).isTrue();
        assertThatThrownBy(absurd::take).isInstanceOf(PageTooDeepException.class)
                .hasMessageContaining("ends at match " + (Integer.MAX_VALUE + 100L));
        assertThat(PageRequest.page(Integer.MAX_VALUE / 2, 1000).offset()).isEqualTo(Integer.MAX_VALUE);
    }

    @Test
    void aPageEndingAtTheDepthListsOneMoreThanItEnds() {
        PageRequest deepest = PageRequest.page(PageRequest.MAX_DEPTH / 100, 100);
        assertThat(deepest.tooDeep()).isFalse();
        assertThat(deepest.take()).isEqualTo(PageRequest.MAX_DEPTH + 1);
        assertThat(PageRequest.page(PageRequest.MAX_DEPTH / 100 + 1, 100).tooDeep()).isTrue();
    }

    @Test
    void afterACursorOnlyTheLimitCounts() {
        PageRequest next = PageRequest.after(new Cursor(1_700_000_000L, "call"), 1000);
        assertThat(next.end()).isEqualTo(1000);
        assertThat(next.take()).isEqualTo(1001);
    }

    @Test
    void aTooDeepPageIsEmptyWithTheTotalPastTheLastMatchAndRefusedBeforeIt() {
        PageRequest absurd = PageRequest.page(Integer.MAX_VALUE, 100);
        RecordPage past = RecordPage.beyondDepth(absurd, 3);
        assertThat(past.records()).isEmpty();
        assertThat(past.totalNum()).isEqualTo(3);
        assertThat(past.next()).isNull();
        PageRequest deep = PageRequest.of(PageRequest.MAX_DEPTH, 100);
        assertThat(RecordPage.beyondDepth(deep, PageRequest.MAX_DEPTH).records()).isEmpty();
        assertThatThrownBy(() -> RecordPage.beyondDepth(deep, PageRequest.MAX_DEPTH + 1L))
                .isInstanceOf(PageTooDeepException.class);
    }
}
