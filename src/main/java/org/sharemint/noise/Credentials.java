package org.sharemint.noise;

import java.math.BigInteger;

/**
 * What a responder proves itself with: its static key (secret, ElligatorSwift encoding) and the
 * encoded certificate the authority signed over that key.
 */
record Credentials(BigInteger staticSecret, byte[] staticEncoding, byte[] certificate, long validFrom, long validitySeconds) {}
