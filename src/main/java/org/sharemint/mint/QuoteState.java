package org.sharemint.mint;

/** NUT-04 mint quote states. Quotes from shares start PAID (the pool has validated the work). */
public enum QuoteState {
    UNPAID,
    PAID,
    ISSUED
}
