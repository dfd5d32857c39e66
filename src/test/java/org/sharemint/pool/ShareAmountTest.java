package org.sharemint.pool;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class ShareAmountTest {
    @Test
    void amountIsAPowerOfTwoCappedAt2To63() {
        assertEquals(1, ShareValidator.amount(0, 0));
        assertEquals(1L << 10, ShareValidator.amount(12, 2));
        assertEquals(Long.MIN_VALUE, ShareValidator.amount(200, 0), "2^63 as an unsigned U64");
    }
}
