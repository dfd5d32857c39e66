/**
 * The Stratum V2 codec: data types, messages, frames.
 *
 * <ul>
 *   <li>{@link org.sharemint.wire.WireReader} / {@link org.sharemint.wire.WireWriter}: the SV2
 *       data types (U8 .. U256, STR0_255, B0_*, SEQ0_*, OPTION), little-endian, every length
 *       checked against its maximum and the bytes remaining before allocation.
 *   <li>One record per message (SetupConnection, SubmitSharesStandard, ShareQuote, ...), each
 *       implementing {@link org.sharemint.wire.Message} with a static {@code decode(WireReader)}
 *       that mirrors its {@code encode}; records holding arrays compare them by content and
 *       print them in hex.
 *   <li>{@link org.sharemint.wire.Codec}: message &lt;-&gt; {@link org.sharemint.wire.Frame}
 *       (and whole frame bytes), with the (extension, msg_type) table and the channel-bit check.
 *   <li>{@link org.sharemint.wire.FrameReader}, {@link org.sharemint.wire.FrameWriter},
 *       {@link org.sharemint.wire.PlainFrameChannel}: frames over blocking streams, the frame size
 *       limit enforced before the payload is allocated.
 * </ul>
 *
 * Anything a peer got wrong surfaces as a {@link org.sharemint.wire.WireException} (an
 * IOException) naming the message; a value our own code cannot encode is an
 * IllegalArgumentException.
 */
package org.sharemint.wire;
