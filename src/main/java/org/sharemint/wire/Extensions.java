package org.sharemint.wire;

/** SV2 extension_type values, without the channel bit. */
public final class Extensions {
    /** Common and mining protocol messages. */
    public static final int CORE = 0x0000;
    /** Extension negotiation (RequestExtensions and its answers). */
    public static final int NEGOTIATION = 0x0001;
    /** sharemint's ehash extension: ShareQuote, SetLockingKey and the pool <-> mint link. */
    public static final int EHASH = 0x4E55;

    private Extensions() {
    }
}
